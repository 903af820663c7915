"""Launch the window from the command line; imports nothing heavy itself, so
`opentok-studio` with no command reaches Qt fast (the first-paint target)."""

from __future__ import annotations

import argparse
import sys

from opentok_studio.cli.streams import ExitCode, Io
from opentok_studio.core.errors import StudioError


def gui(args: argparse.Namespace, io: Io) -> ExitCode:
    """`gui`: the window, imported only now so the CLI never loads Qt."""
    try:
        from opentok_studio.gui.app import run
    except ModuleNotFoundError as e:
        if e.name and e.name.startswith("opentok_studio.gui"):
            raise StudioError(
                "the window is not part of this installation; use the "
                "token, decode, session and profile commands"
            ) from None
        raise StudioError(
            f"the window needs {e.name}, which is not installed: pip install "
            "PySide6-Essentials"
        ) from None
    quit_after_show = getattr(args, "quit_after_show", False)
    return ExitCode(run(sys.argv[:1], quit_after_show=quit_after_show))
