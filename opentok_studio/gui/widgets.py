"""Small building blocks the panels share: hint labels and labelled rows."""

from __future__ import annotations

from enum import StrEnum

from PySide6.QtCore import QEvent, Qt
from PySide6.QtWidgets import (
    QAbstractButton,
    QApplication,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QWidget,
)

from opentok_studio.gui.redact import redact
from opentok_studio.gui.theme import state_colors

_PALETTE_EVENTS = (QEvent.Type.PaletteChange, QEvent.Type.ApplicationPaletteChange)


class HintState(StrEnum):
    """What a hint says about its field; shown as a symbol and a colour."""

    #: The input is refused; the message says how to fix it ("✗ ", error colour).
    ERROR = "error"
    #: Accepted, but likely not what was meant ("! ", warning colour).
    WARN = "warn"
    #: Checked and fine ("✓ ", ok colour).
    OK = "ok"
    #: A note, no verdict: no symbol, the normal text colour.
    PLAIN = "plain"


_SYMBOLS = {
    HintState.ERROR: "✗ ",
    HintState.WARN: "! ",
    HintState.OK: "✓ ",
    HintState.PLAIN: "",
}


class HintLabel(QLabel):
    """A word-wrapped message under a field, in one of the HintState states.

    The state shows as a leading symbol and a colour, never colour alone.
    """

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWordWrap(True)
        self.setTextFormat(Qt.TextFormat.PlainText)
        self.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.state = HintState.PLAIN
        #: The text as given, before presenter mode's redaction.
        self.raw_text: str | None = None
        self.hide()

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802 - Qt override
        if event.type() in _PALETTE_EVENTS:
            self.restyle()
        super().changeEvent(event)

    def show_state(self, state: HintState, text: str | None) -> None:
        """Show ``text`` in ``state``; hide when empty."""
        self.state = state
        self.raw_text = text
        if not text:
            self.clear()
            self.hide()
            return
        self.setText(_SYMBOLS[state] + redact(text))
        self.restyle()
        self.show()

    def reshow(self) -> None:
        """Show the text again (presenter mode came or went: redaction)."""
        self.show_state(self.state, self.raw_text)

    def restyle(self) -> None:
        """Take the state colour from the current palette (after a theme switch)."""
        # The application's palette: a label with a style sheet keeps its own.
        colors = state_colors(QApplication.palette())
        color = {
            HintState.ERROR: colors.error,
            HintState.WARN: colors.warn,
            HintState.OK: colors.ok,
        }.get(self.state)
        sheet = f"color: {color.name()};" if color is not None else ""
        if sheet != self.styleSheet():
            self.setStyleSheet(sheet)


def changed_note(changed_at: str | None) -> str | None:
    """The note under a view whose credentials changed after the paste (#15);
    generic, so it names no key (presenter mode)."""
    if changed_at is None:
        return None
    return f"Checked with the credentials above, changed at {changed_at}."


def identity_row(
    id_text: str, id_edit: QLineEdit, secret_text: str, secret_edit: QLineEdit,
    button: QAbstractButton,
) -> QWidget:  # fmt: skip
    """One kind's row (both kinds are alike): a labelled identifier, then its
    labelled secret with the secret's button (Show, Browse…) beside it."""
    id_label = QLabel(id_text)
    id_label.setBuddy(id_edit)
    secret_label = QLabel(secret_text)
    secret_label.setBuddy(secret_edit)
    secret_row = QHBoxLayout()
    secret_row.setContentsMargins(0, 0, 0, 0)
    secret_row.addWidget(secret_edit, 1)
    secret_row.addWidget(button)
    page = QWidget()
    row = QHBoxLayout(page)
    row.setContentsMargins(0, 0, 0, 0)
    row.addWidget(id_label)
    row.addWidget(id_edit, 2)
    row.addSpacing(8)
    row.addWidget(secret_label)
    row.addLayout(secret_row, 3)
    return page
