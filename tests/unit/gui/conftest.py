"""A main window with its settings in a temporary file, never the user's."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QSettings

from opentok_studio.gui.mainwindow import MainWindow
from opentok_studio.gui.prefs import Prefs
from tests.helpers import vectors


@pytest.fixture
def prefs(isolated: Path) -> Prefs:
    # Under the session's app_home, so the end-of-run secret scan reads it.
    ini = isolated / "settings.ini"
    return Prefs(QSettings(str(ini), QSettings.Format.IniFormat))


@pytest.fixture
def window(qtbot, prefs: Prefs) -> Iterator[MainWindow]:
    win = MainWindow(prefs)
    qtbot.addWidget(win)
    win.show()
    qtbot.waitExposed(win)
    yield win
    win.close()


@pytest.fixture
def ready(window: MainWindow) -> MainWindow:
    """A window with project credentials and a session of that project."""
    window.credentials.set_project(vectors.API_KEY, vectors.API_SECRET)
    window.form.session_id.setText(vectors.SID)
    return window
