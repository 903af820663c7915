"""cli/streams.py: the exit codes and the streams a command may touch."""

from __future__ import annotations

import io
import subprocess
import sys

from opentok_studio.cli.streams import ExitCode, Io
from tests.helpers import vectors


def test_exit_codes_are_the_spec_table() -> None:
    assert [(c.name, int(c)) for c in ExitCode] == [
        ("OK", 0), ("PROBLEMS", 1), ("BAD_INPUT", 2), ("CREDENTIALS", 3),
        ("NETWORK", 4),
    ]  # fmt: skip


def test_io_warn_is_one_terminal_safe_line() -> None:
    err = io.StringIO()
    Io(io.StringIO(), err, io.StringIO(), {}).warn("bad \x1b[2J text")
    assert err.getvalue() == "warning: bad \\x1b[2J text\n"


def test_io_keeps_the_streams_and_environment_it_is_given() -> None:
    out, err, stdin = io.StringIO(), io.StringIO(), io.StringIO("in")
    env = {"OPENTOK_API_KEY": vectors.API_KEY}
    streams = Io(out, err, stdin, env)
    assert (streams.stdout, streams.stderr, streams.stdin) == (out, err, stdin)
    assert streams.env == env


def test_io_warn_writes_to_stderr_only() -> None:
    out, err = io.StringIO(), io.StringIO()
    streams = Io(out, err, io.StringIO(), {})
    streams.warn("first")
    streams.warn("second")
    assert out.getvalue() == ""
    assert err.getvalue() == "warning: first\nwarning: second\n"


def test_importing_streams_loads_no_command_and_no_renderer() -> None:
    """The window's launch path imports it: it stays light (render on warn)."""
    code = (
        "import sys\nimport opentok_studio.cli.streams\n"
        "heavy = ('opentok_studio.cli.render', 'opentok_studio.cli.commands',\n"
        "         'opentok_studio.cli.parser', 'opentok_studio.core.decoder')\n"
        "print(sorted(m for m in heavy if m in sys.modules))\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True,
        cwd=vectors.ROOT, timeout=60, check=False,
    )  # fmt: skip
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == "[]"


def test_a_warning_is_one_line_whatever_it_holds() -> None:
    import io

    from opentok_studio.cli.streams import Io

    err = io.StringIO()
    Io(io.StringIO(), err, io.StringIO(), {}).warn("first\nsecond\r\nthird\x1b[2J")
    assert err.getvalue().count("\n") == 1
    assert err.getvalue().startswith("warning: first second third")
    assert "\x1b" not in err.getvalue()
