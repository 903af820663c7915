"""A field for pasted tokens that stays responsive under a megabyte of text."""

from __future__ import annotations

from PySide6.QtCore import QMimeData, Signal
from PySide6.QtWidgets import QPlainTextEdit, QWidget

from opentok_studio.gui.theme import monospace

#: A real token is at most ~20 KB. Longer text is decoded on a worker thread,
#: and the field holds only its start: laying out a megabyte-long line alone
#: froze the window for seconds (hardening #13, finding 1).
LARGE_TEXT_CHARS = 32_768
#: What the field shows of a larger text.
PREVIEW_CHARS = 4_096


def is_large(text: str) -> bool:
    """Too long for the field and for a decode on the GUI thread."""
    return len(text) > LARGE_TEXT_CHARS


class TokenEdit(QPlainTextEdit):
    """The token field; a paste that would make it hold more than
    LARGE_TEXT_CHARS is handed over whole by largePasted instead.

    Signals:
        largePasted(str): the field's text as the paste would have made it.
    """

    largePasted = Signal(str)

    def __init__(self, lines: int, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        #: A text too large for the field: (what the field shows, the whole).
        self._large: tuple[str, str] | None = None
        self.setTabChangesFocus(True)
        self.setFont(monospace())
        self.setFixedHeight(self.fontMetrics().lineSpacing() * lines + 14)

    def insertFromMimeData(self, source: QMimeData) -> None:  # noqa: N802 - Qt override
        if source.hasText():
            pasted = source.text()
            if len(pasted) + self.document().characterCount() > LARGE_TEXT_CHARS:
                cursor = self.textCursor()
                text = self.toPlainText()
                start, end = cursor.selectionStart(), cursor.selectionEnd()
                whole = text[:start] + pasted + text[end:]
                if is_large(whole):
                    self.largePasted.emit(whole)
                    return
        super().insertFromMimeData(source)

    def set_text(self, text: str) -> None:
        """Hold ``text``; the field shows only the start of a large one."""
        if is_large(text):
            preview = text[:PREVIEW_CHARS]
            self._large = (preview, text)
            self.setPlainText(preview)
        else:
            self._large = None
            self.setPlainText(text)

    def whole_text(self) -> str:
        """The whole of a large text, else the field's."""
        shown = self.toPlainText()
        if self._large is not None and shown == self._large[0]:
            return self._large[1]
        self._large = None  # edited since: the field's text is the input now
        return shown


def large_note(text: str) -> str | None:
    """What the field says about a text it shows only the start of."""
    if not is_large(text):
        return None
    return (
        f"The text has {len(text):,} characters; the field shows the first "
        f"{PREVIEW_CHARS:,}, the decode reads them all."
    )
