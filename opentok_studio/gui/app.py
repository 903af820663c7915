"""Start the window: the only place a QApplication is made."""

from __future__ import annotations

import sys
from collections.abc import Sequence

from PySide6.QtCore import QEvent, QObject, QTimer
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
    prefs = Prefs()
    theme.apply(app, prefs.theme)
    window = MainWindow(prefs)
    window.show()
    if quit_after_show:
        quitter = _QuitAfterFirstPaint(window)  # parented: lives as long
        window.installEventFilter(quitter)
    return app.exec()


class _QuitAfterFirstPaint(QObject):
    """Closes the window once it has painted: smoke runs and the benchmark."""

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802
        if event.type() == QEvent.Type.Paint:
            watched.removeEventFilter(self)
            QTimer.singleShot(0, self._close)
        return False

    def _close(self) -> None:
        window = self.parent()
        if isinstance(window, QWidget):
            window.close()
        QApplication.quit()
