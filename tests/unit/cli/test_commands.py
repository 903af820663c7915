"""cli/commands.py: the warning each command gives for --api-secret on the command
line."""

from __future__ import annotations

import pytest

from tests.helpers import vectors
from tests.helpers.cli import fresh_token, run


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
