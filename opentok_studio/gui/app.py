"""Start the window: the only place a QApplication is made."""

from __future__ import annotations

import sys
from collections.abc import Sequence

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication

from opentok_studio.gui import theme
from opentok_studio.gui.mainwindow import MainWindow
from opentok_studio.gui.prefs import Prefs


def run(argv: Sequence[str] | None = None, *, quit_after_show: bool = False) -> int:
    """Open the window and run until it closes.

    Args:
        argv: Qt's arguments (``-style``, ``-platform`` ...).
        quit_after_show: leave as soon as the window has painted (smoke runs
            and the start-up benchmark).
    """
    existing = QApplication.instance()
    app = (
        existing
        if isinstance(existing, QApplication)
        else QApplication(list(argv or sys.argv[:1]))
    )
    app.setApplicationName("OpenTok Studio")
    app.setOrganizationName("opentok-studio")
    app.setDesktopFileName("opentok-studio")
    prefs = Prefs()
    theme.apply(app, prefs.theme)
    window = MainWindow(prefs)
    window.show()
    if quit_after_show:
        QTimer.singleShot(0, window.close)
        QTimer.singleShot(0, app.quit)
    return app.exec()
