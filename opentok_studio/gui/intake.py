"""Text and files that arrive anywhere on the window: a paste outside a text
field, a drop, File > Open. Each goes where it belongs (core/paste.py) without
the user choosing a tab first (#16), and the window says what it did.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, QMimeData, QObject, Signal, Slot
from PySide6.QtGui import QDragEnterEvent, QDropEvent, QGuiApplication, QKeySequence
from PySide6.QtWidgets import QFileDialog, QMainWindow

from opentok_studio.core.paste import Destination, route

if TYPE_CHECKING:
    from opentok_studio.gui.mainwindow import MainWindow


class Intake(QObject):
    """Routes pastes, drops and opened files of ``window``.

    Signals:
        decodeRequested(str): a token for the Decode tab.
        sessionRequested(str): a session ID for the form.
        scanTextRequested(str): a HAR or a log, pasted or dropped as text.
        scanFileRequested(object): a file (Path) to scan.
        said(str): what was done, for the status bar.
    """

    decodeRequested = Signal(str)
    sessionRequested = Signal(str)
    scanTextRequested = Signal(str)
    scanFileRequested = Signal(object)
    said = Signal(str)

    def __init__(self, window: QMainWindow) -> None:
        super().__init__(window)
        self._window = window
        window.setAcceptDrops(True)
        window.installEventFilter(self)

    def take_text(self, text: str) -> None:
        """Send pasted or dropped text where it belongs."""
        where = route(text)
        signal = {
            Destination.DECODE: self.decodeRequested,
            Destination.SESSION: self.sessionRequested,
            Destination.SCAN: self.scanTextRequested,
        }.get(where.destination)
        if signal is not None:
            signal.emit(where.value)
        self.said.emit(where.said)

    def take_file(self, path: Path) -> None:
        """A HAR or a log: scanned (read in chunks, never whole)."""
        self.scanFileRequested.emit(path)
        self.said.emit(f"Scanning {path.name}: see the Scan tab.")

    @Slot()
    def paste(self) -> None:
        """Ctrl+V where no text field takes it (a tab, a button, a table)."""
        text = QGuiApplication.clipboard().text()
        if text.strip():
            self.take_text(text)

    @Slot()
    def open_file(self) -> None:
        """File > Open…: a HAR or a log to scan."""
        name, _ = QFileDialog.getOpenFileName(
            self._window,
            "Open a HAR or a log",
            "",
            "HAR or log (*.har *.json *.log *.txt);;All files (*)",
        )
        if name:
            self.take_file(Path(name))

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt override
        if event.type() == QEvent.Type.DragEnter and isinstance(event, QDragEnterEvent):
            mime = event.mimeData()
            if mime.hasUrls() or mime.hasText():
                event.acceptProposedAction()
                return True
        if event.type() == QEvent.Type.Drop and isinstance(event, QDropEvent):
            self.take_mime(event.mimeData())
            event.acceptProposedAction()
            return True
        return super().eventFilter(watched, event)

    def take_mime(self, mime: QMimeData) -> None:
        """A drop: a local file is scanned, text is routed like a paste."""
        files = [u.toLocalFile() for u in mime.urls() if u.isLocalFile()]
        if files:
            self.take_file(Path(files[0]))
        elif mime.hasText():
            self.take_text(mime.text())


def wire_intake(window: MainWindow) -> Intake:
    """An Intake for ``window``, its routes and the File menu's actions connected."""
    from opentok_studio.gui.mainwindow import MAKE_TAB, SCAN_TAB

    # Pastes outside text fields, drops, File > Open (#16): no tab first.
    # The File actions exist from the first paint; they act once built.
    intake = Intake(window)
    intake.decodeRequested.connect(window._on_history_reopen_requested)
    intake.sessionRequested.connect(window.form.set_session_id)
    intake.sessionRequested.connect(lambda: window.tabs.setCurrentIndex(MAKE_TAB))
    intake.scanTextRequested.connect(lambda text: window.scan_tab.scan_text(text))
    intake.scanFileRequested.connect(lambda path: window.scan_tab.scan_file(path))
    for signal in (intake.scanTextRequested, intake.scanFileRequested):
        signal.connect(lambda _: window.tabs.setCurrentIndex(SCAN_TAB))
    intake.said.connect(window.statusBar().showMessage)
    actions = window._actions
    actions.open_file.triggered.connect(intake.open_file)
    actions.paste_anything.triggered.connect(intake.paste)
    actions.import_profiles.triggered.connect(window.credentials.import_profiles)
    actions.export_profiles.triggered.connect(window.credentials.export_profiles)
    return intake


#: The keys that paste: a window shortcut fires only where no text field
#: claims them first (Qt lets an editor override its standard keys).
PASTE_KEYS = QKeySequence.StandardKey.Paste
