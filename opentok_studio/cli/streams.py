"""What every command shares, light enough for the window's launch path:
the exit codes (spec/cli.md) and the streams a command may touch."""

from __future__ import annotations

from collections.abc import Mapping
from enum import IntEnum
from typing import IO


class ExitCode(IntEnum):
    """spec/cli.md, Exit codes."""

    OK = 0
    PROBLEMS = 1  #: decode found problems; diff: access differs
    BAD_INPUT = 2  #: bad input or usage
    CREDENTIALS = 3  #: credentials missing or unusable; keyring unavailable
    NETWORK = 4  #: session create: refused or unreachable


class Io:
    """The streams and environment a command may touch (injectable for tests)."""

    def __init__(
        self,
        stdout: IO[str],
        stderr: IO[str],
        stdin: IO[str],
        env: Mapping[str, str],
    ) -> None:
        self.stdout = stdout
        self.stderr = stderr
        self.stdin = stdin
        self.env = env

    def warn(self, text: str) -> None:
        from opentok_studio.cli.render import terminal_safe

        # One warning, one line: a foreign string's line breaks become spaces.
        line = " ".join(text.splitlines())
        self.stderr.write(f"warning: {terminal_safe(line)}\n")
