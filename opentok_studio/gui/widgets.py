"""Small building blocks the panels share: hint labels and labelled rows."""

from __future__ import annotations

from PySide6.QtCore import QEvent, Qt
from PySide6.QtWidgets import QApplication, QLabel, QWidget

from opentok_studio.gui.theme import state_colors

_PALETTE_EVENTS = (QEvent.Type.PaletteChange, QEvent.Type.ApplicationPaletteChange)


class HintLabel(QLabel):
    """A word-wrapped message under a field: error, warning, ok or plain.

    The state shows as a leading symbol and a colour, never colour alone.
    """

    _SYMBOLS = {"error": "✗ ", "warn": "! ", "ok": "✓ ", "plain": ""}

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWordWrap(True)
        self.setTextFormat(Qt.TextFormat.PlainText)
        self.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.state = "plain"
        self.hide()

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802 - Qt override
        if event.type() in _PALETTE_EVENTS:
            self.restyle()
        super().changeEvent(event)

    def show_state(self, state: str, text: str | None) -> None:
        """Show ``text`` in ``state`` (error/warn/ok/plain); hide when empty."""
        self.state = state
        if not text:
            self.clear()
            self.hide()
            return
        self.setText(self._SYMBOLS[state] + text)
        self.restyle()
        self.show()

    def restyle(self) -> None:
        """Take the state colour from the current palette (after a theme switch)."""
        # The application's palette: a label with a style sheet keeps its own.
        colors = state_colors(QApplication.palette())
        color = {"error": colors.error, "warn": colors.warn, "ok": colors.ok}.get(
            self.state
        )
        sheet = f"color: {color.name()};" if color is not None else ""
        if sheet != self.styleSheet():
            self.setStyleSheet(sheet)
