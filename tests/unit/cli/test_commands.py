"""cli/commands.py: the exit codes, the streams a command may touch, and the
warning every command gives for a secret on the command line."""

from __future__ import annotations

import io

import pytest

from opentok_studio.cli.streams import ExitCode, Io
from tests.helpers import vectors
from tests.helpers.cli import fresh_token, run


def test_exit_codes_are_the_spec_table() -> None:
    assert [(c.name, int(c)) for c in ExitCode] == [
        ("OK", 0), ("PROBLEMS", 1), ("BAD_INPUT", 2), ("CREDENTIALS", 3),
        ("NETWORK", 4),
    ]  # fmt: skip


def test_io_warn_is_one_terminal_safe_line() -> None:
    err = io.StringIO()
    Io(io.StringIO(), err, io.StringIO(), {}).warn("bad \x1b[2J text")
    assert err.getvalue() == "warning: bad \\x1b[2J text\n"


@pytest.mark.parametrize("command", ["decode", "session"])
def test_api_secret_flag_warns_about_the_process_list_in_every_command(
    command: str,
) -> None:
    subject = fresh_token() if command == "decode" else vectors.SID
    flags = ["--api-key", vectors.API_KEY, "--api-secret", vectors.API_SECRET]
    result = run(command, subject, *flags)
    assert result.code == 0
    assert any(
        line.startswith("warning:") and "process list" in line
        for line in result.err_lines
    )
