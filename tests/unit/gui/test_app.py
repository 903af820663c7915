"""Starting the real application: `opentok-studio gui`, themes, start-up imports."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from PySide6.QtGui import QPalette
from PySide6.QtWidgets import QApplication

from opentok_studio.gui import theme
from opentok_studio.gui.mainwindow import MainWindow


def test_gui_command_opens_and_closes(tmp_path: Path) -> None:
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen",
           "XDG_CONFIG_HOME": str(tmp_path), "HOME": str(tmp_path)}  # fmt: skip
    done = subprocess.run(
        [sys.executable, "-m", "opentok_studio", "gui", "--quit-after-show"],
        env=env, capture_output=True, text=True, timeout=60,
    )  # fmt: skip
    assert done.returncode == 0, done.stderr
    assert "Traceback" not in done.stderr
    # it remembered its geometry in OUR config dir, not the real one
    assert list(tmp_path.rglob("opentok-studio.ini"))


#: What a start that shows the Make tab never needs (#14: peak memory).
NOT_AT_START = (
    "keyring", "cryptography", "jwt", "html", "segno",
    "opentok_studio.core.decoder", "opentok_studio.core.snippets",
    "opentok_studio.gui.decodedview", "opentok_studio.gui.qr",
    "opentok_studio.gui.snippetsdialog", "opentok_studio.gui.historyview",
)  # fmt: skip


def test_startup_loads_only_what_the_first_screen_needs(tmp_path: Path) -> None:
    code = (
        "import linecache, sys; from opentok_studio.cli import main;"
        "rc = main(['gui', '--quit-after-show']);"
        f"bad = [m for m in {NOT_AT_START!r} if m in sys.modules];"
        # PySide's import hook read every module's source into linecache
        # (gui/__init__.py turns that off): none of ours may be there.
        "bad += [f for f in linecache.cache if 'opentok_studio' in f];"
        "print(bad); sys.exit(rc or bool(bad))"
    )
    env = {
        **os.environ,
        "QT_QPA_PLATFORM": "offscreen",
        "XDG_CONFIG_HOME": str(tmp_path),
    }
    done = subprocess.run([sys.executable, "-c", code], env=env, capture_output=True,
                          text=True, timeout=60)  # fmt: skip
    assert done.returncode == 0, done.stdout + done.stderr
    assert done.stdout.strip() == "[]"


def test_dark_and_light_themes(qtbot, prefs) -> None:
    app = QApplication.instance()
    win = MainWindow(prefs)
    qtbot.addWidget(win)
    try:
        win.set_theme(theme.Theme.DARK)
        dark = app.palette()
        assert dark.color(QPalette.ColorRole.Window).lightness() < 128
        colors = theme.state_colors(dark)
        assert (
            colors.error.lightness() > dark.color(QPalette.ColorRole.Base).lightness()
        )
        win.set_theme(theme.Theme.LIGHT)
        light = app.palette()
        assert light.color(QPalette.ColorRole.Window).lightness() >= 128
        assert theme.state_colors(light).error.lightness() < 128
        assert prefs.theme is theme.Theme.LIGHT
    finally:
        win.set_theme(theme.Theme.SYSTEM)


def test_window_icon_ships_with_the_package(qapp) -> None:
    from PySide6.QtGui import QIcon

    import opentok_studio.gui.app as app_module

    path = Path(app_module.__file__).with_name("icons") / "opentok-studio.png"
    icon = QIcon(str(path))
    assert not icon.isNull()
    assert icon.availableSizes()[0].width() == 256
