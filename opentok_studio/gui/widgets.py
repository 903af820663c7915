"""Small building blocks the panels share: hint labels and labelled rows."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QWidget

from opentok_studio.gui.theme import state_colors


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

    def show_state(self, state: str, text: str | None) -> None:
        """Show ``text`` in ``state`` (error/warn/ok/plain); hide when empty."""
        self.state = state
        if not text:
            self.clear()
            self.hide()
            return
        colors = state_colors(self.palette())
        color = {"error": colors.error, "warn": colors.warn, "ok": colors.ok}.get(state)
        self.setStyleSheet(f"color: {color.name()};" if color is not None else "")
        self.setText(self._SYMBOLS[state] + text)
        self.show()
