"""Copy tokens with automatic clearing, as password managers do (keepassxc)."""

from __future__ import annotations

from PySide6.QtCore import QMimeData, QObject, QTimer, Signal, Slot
from PySide6.QtGui import QClipboard, QGuiApplication


class ClipboardGuard(QObject):
    """Copies text and clears it after a timeout, only if it is still ours.

    Signals:
        cleared: the clipboard was cleared because it still held our text.
        tick(int): seconds left before clearing, each second.
    """

    cleared = Signal()
    tick = Signal(int)

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._ours: str | None = None
        self._left = 0
        self._timer = QTimer(self)
        self._timer.setInterval(1000)
        self._timer.timeout.connect(self._on_timer_timeout)
        app = QGuiApplication.instance()
        if app is not None:
            app.aboutToQuit.connect(self._on_app_about_to_quit)

    @property
    def pending(self) -> bool:
        """A copy is counting down to being cleared."""
        return self._timer.isActive()

    def copy(self, text: str, clear_after: int) -> None:
        """Put ``text`` on the clipboard; clear it after ``clear_after`` s (0: never)."""
        mime = QMimeData()
        mime.setText(text)
        # Clipboard managers and histories skip concealed data (keepassxc's set):
        # KDE/Klipper, macOS pasteboards, Windows clipboard history and cloud sync.
        mime.setData("x-kde-passwordManagerHint", b"secret")
        mime.setData("application/x-nspasteboard-concealed-type", b"secret")
        mime.setData("ExcludeClipboardContentFromMonitorProcessing", b"\x01")
        mime.setData("CanIncludeInClipboardHistory", b"\x00\x00\x00\x00")
        mime.setData("CanUploadToCloudClipboard", b"\x00\x00\x00\x00")
        QGuiApplication.clipboard().setMimeData(mime, QClipboard.Mode.Clipboard)
        self._ours = text
        self._left = clear_after
        if clear_after > 0:
            self._timer.start()
            self.tick.emit(self._left)
        else:
            self._timer.stop()

    def clear_if_ours(self) -> bool:
        """Clear now if the clipboard still holds what we put there."""
        self._timer.stop()
        ours, self._ours = self._ours, None
        clipboard = QGuiApplication.clipboard()
        if ours is not None and clipboard.text() == ours:
            clipboard.clear(QClipboard.Mode.Clipboard)
            self.cleared.emit()
            return True
        return False

    @Slot()
    def _on_app_about_to_quit(self) -> None:
        # A slot must return nothing: a bool returned through Qt was seen
        # corrupting refcounts at interpreter exit (PySide6 6.12).
        self.clear_if_ours()

    @Slot()
    def _on_timer_timeout(self) -> None:
        self._left -= 1
        if self._left <= 0:
            self.clear_if_ours()
            return
        if QGuiApplication.clipboard().text() != self._ours:
            self._timer.stop()  # the user copied something else: leave it alone
            self._ours = None
            self.tick.emit(0)
            return
        self.tick.emit(self._left)
