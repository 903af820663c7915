"""Start the window: the only place a QApplication is made."""

from __future__ import annotations

import sys
import time
from collections.abc import Sequence
from pathlib import Path

from PySide6.QtCore import QEvent, QObject, QTimer, Slot
from PySide6.QtGui import QIcon
from PySide6.QtWidgets import QApplication, QWidget

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
    app.setWindowIcon(
        QIcon(str(Path(__file__).with_name("icons") / "opentok-studio.png"))
    )
    prefs = Prefs()
    theme.apply(app, prefs.theme)
    window = MainWindow(prefs, deferred=True)
    window.show()
    if quit_after_show:
        quitter = _QuitAfterFirstPaint(window)  # parented: lives as long
        window.installEventFilter(quitter)
    return app.exec()


class _QuitAfterFirstPaint(QObject):
    """Smoke runs and the start-up benchmark: report when the window first
    painted and when its panels were ready (epoch seconds, on stderr), then close."""

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802
        if event.type() == QEvent.Type.Paint:
            watched.removeEventFilter(self)
            sys.stderr.write(f"first_paint={time.time():.6f}\n")
            QTimer.singleShot(0, self, self._close_when_ready)
        return False

    @Slot()
    def _close_when_ready(self) -> None:
        window = self.parent()
        if isinstance(window, MainWindow) and not window.built:
            QTimer.singleShot(0, self, self._close_when_ready)
            return
        sys.stderr.write(f"ready={time.time():.6f}\n")
        if isinstance(window, QWidget):
            window.close()
        QApplication.quit()
