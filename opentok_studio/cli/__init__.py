"""`opentok-studio`: the command-line face over the core. Never imports Qt."""

from __future__ import annotations

import argparse
import os
import signal
import sys
import threading
from collections.abc import Callable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from typing import IO

from opentok_studio.cli.streams import ExitCode, Io
from opentok_studio.core.errors import (
    CredentialsError,
    DecodeError,
    NetworkError,
    StoreError,
    StudioError,
    ValidationError,
)


def _gui(quit_after_show: bool, io: Io) -> int:
    # The window's launch path: no parser, no commands module to import.
    from opentok_studio.cli.launch import gui

    return int(gui(argparse.Namespace(quit_after_show=quit_after_show), io))


def _profile(args: argparse.Namespace, io: Io) -> ExitCode:
    from opentok_studio.cli import profiles

    return profiles.run(args, io)


def _scan(args: argparse.Namespace, io: Io) -> ExitCode:
    from opentok_studio.cli import scan

    return scan.run(args, io)


def _command(name: str) -> Callable[[argparse.Namespace, Io], ExitCode]:
    from opentok_studio.cli import commands

    return {
        "token": commands.token,
        "decode": commands.decode_cmd,
        "diff": commands.diff_cmd,
        "session": commands.session,
        "profile": _profile,
        "scan": _scan,
    }[name]


def exit_code_for(error: StudioError) -> ExitCode:
    """The spec's exit code for one of our errors."""
    from opentok_studio.cli.parser import UsageError

    if isinstance(error, CredentialsError | StoreError):
        return ExitCode.CREDENTIALS
    if isinstance(error, NetworkError):
        return ExitCode.NETWORK
    if isinstance(error, UsageError | ValidationError | DecodeError):
        return ExitCode.BAD_INPUT
    return ExitCode.BAD_INPUT


def main(
    argv: Sequence[str] | None = None,
    stdout: IO[str] | None = None,
    stderr: IO[str] | None = None,
    stdin: IO[str] | None = None,
    env: Mapping[str, str] | None = None,
) -> int:
    """Run one command; returns its exit code (spec/cli.md).

    Only StudioError is caught: anything else is a bug and keeps its traceback.
    """
    out = stdout or sys.stdout
    err = stderr or sys.stderr
    io = Io(out, err, stdin or sys.stdin, os.environ if env is None else env)
    args_list = list(sys.argv[1:] if argv is None else argv)
    try:
        if args_list in ([], ["gui"], ["gui", "--quit-after-show"]):
            # The window's first paint waits for nothing: no parser to build.
            return _gui(len(args_list) == 2, io)
        from opentok_studio.cli import commands
        from opentok_studio.cli.parser import build

        args = build(out).parse_args(args_list)
        command = args.command or "gui"
        commands.warn_secret_on_argv(args, io)
        if command == "gui":  # Qt owns the window's signals
            return _gui(getattr(args, "quit_after_show", False), io)
        with _signals_as_exceptions():
            return int(_command(command)(args, io))
    except SystemExit as e:  # --help / --version
        return int(e.code or 0)
    except StudioError as e:
        from opentok_studio.cli.render import error_line

        err.write(error_line(str(e)))  # may quote a server, a token, a file
        return int(exit_code_for(e))
    except KeyboardInterrupt:
        err.write("error: interrupted; no partial file was left\n")
        return 128 + signal.SIGINT
    except Terminated as e:
        err.write(f"error: {e.name}; no partial file was left\n")
        return 128 + e.signum


class Terminated(BaseException):
    """SIGTERM or SIGHUP arrived: unwinds like KeyboardInterrupt, so every
    ``finally`` and ``except BaseException`` (the writer's temp file) runs.

    Attributes:
        signum: the signal's number; the exit code is 128 + signum.
        name: e.g. "terminated (SIGTERM)".
    """

    def __init__(self, signum: int) -> None:
        self.signum = signum
        self.name = f"terminated ({signal.Signals(signum).name})"
        super().__init__(self.name)


def _raise_terminated(signum: int, frame: object) -> None:
    raise Terminated(signum)


@contextmanager
def _signals_as_exceptions() -> Iterator[None]:
    """SIGTERM and SIGHUP raise Terminated while a command runs (#13: a killed
    `token --output` left a temp file of live tokens). Only the main thread may
    set handlers; elsewhere (an embedding app) nothing changes."""
    wanted = [
        s for s in (getattr(signal, "SIGTERM", None), getattr(signal, "SIGHUP", None))
        if s is not None
    ]  # fmt: skip
    if threading.current_thread() is not threading.main_thread():
        yield
        return
    previous = {s: signal.signal(s, _raise_terminated) for s in wanted}
    try:
        yield
    finally:
        for s, handler in previous.items():
            signal.signal(s, signal.SIG_DFL if handler is None else handler)


def gui_main() -> int:
    """Entry point of the `opentok-studio-gui` launcher."""
    return main(["gui"])
