"""cli/launch.py: `opentok-studio` and `opentok-studio gui` reach the window
without building the parser or importing the commands (the first-paint path)."""

from __future__ import annotations

import subprocess
import sys

CODE = """
import sys
from opentok_studio.cli import launch, main
launch.gui = lambda args, io: 0  # the window itself is tested elsewhere
assert main(sys.argv[1:]) == 0
for name in ("opentok_studio.cli.commands", "opentok_studio.cli.parser", "PySide6"):
    assert name not in sys.modules, name
"""


def test_the_window_path_loads_no_parser_and_no_commands() -> None:
    for argv in ([], ["gui"], ["gui", "--quit-after-show"]):
        subprocess.run([sys.executable, "-c", CODE, *argv], check=True)


def test_other_commands_still_parse() -> None:
    from tests.helpers.cli import run

    rc, out, _ = run("--version")
    assert rc == 0 and out.strip()
