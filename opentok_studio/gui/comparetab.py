"""The Compare tab: the token that works beside the one that fails, field by field."""

from __future__ import annotations

import time

from PySide6.QtCore import QTimer, Slot
from PySide6.QtWidgets import (
    QGridLayout,
    QLabel,
    QPlainTextEdit,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from opentok_studio.core.decoder import decode
from opentok_studio.core.diff import diff, same_access
from opentok_studio.core.errors import StudioError
from opentok_studio.core.explain import printable
from opentok_studio.core.model import Credentials
from opentok_studio.gui.theme import monospace
from opentok_studio.gui.widgets import HintLabel, HintState


class CompareTab(QWidget):
    """Two pasted tokens; a table of every field that differs."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._credentials: Credentials | None = None
        self.a = QPlainTextEdit()
        self.b = QPlainTextEdit()
        for edit, text in (
            (self.a, "the token that works"),
            (self.b, "the one that fails"),
        ):
            edit.setTabChangesFocus(True)
            edit.setFont(monospace())
            edit.setPlaceholderText(f"Paste {text}")
            edit.setFixedHeight(edit.fontMetrics().lineSpacing() * 3 + 14)
        label_a, label_b = QLabel("Token &A:"), QLabel("Token &B:")
        label_a.setBuddy(self.a)
        label_b.setBuddy(self.b)
        self.verdict = HintLabel()
        self.table = QTableWidget(0, 3)
        self.table.setHorizontalHeaderLabels(["Field", "A", "B"])
        self.table.horizontalHeader().setStretchLastSection(True)
        self.table.verticalHeader().hide()
        self.table.setWordWrap(True)
        grid = QGridLayout()
        grid.addWidget(label_a, 0, 0)
        grid.addWidget(self.a, 0, 1)
        grid.addWidget(label_b, 1, 0)
        grid.addWidget(self.b, 1, 1)
        layout = QVBoxLayout(self)
        layout.addLayout(grid)
        layout.addWidget(self.verdict)
        layout.addWidget(self.table, 1)
        self._debounce = QTimer(self)
        self._debounce.setSingleShot(True)
        self._debounce.setInterval(120)
        self._debounce.timeout.connect(self.refresh)
        self.a.textChanged.connect(self._debounce.start)
        self.b.textChanged.connect(self._debounce.start)

    def set_credentials(self, credentials: Credentials | None) -> None:
        self._credentials = credentials
        self.refresh()

    @Slot()
    def refresh(self) -> None:
        self._debounce.stop()
        self.table.setRowCount(0)
        texts = self.a.toPlainText(), self.b.toPlainText()
        if not all(t.strip() for t in texts):
            self.verdict.show_state(
                HintState.PLAIN, "Paste two tokens to compare them."
            )
            return
        now = int(time.time())
        try:
            a, b = (decode(t, self._credentials, now=now) for t in texts)
        except StudioError as e:
            self.verdict.show_state(HintState.ERROR, str(e))
            return
        differences = diff(a, b)
        for row, d in enumerate(differences):
            self.table.insertRow(row)
            mark = "✱ " if d.grants else ""
            for col, value in enumerate((mark + d.label, d.a, d.b)):
                self.table.setItem(row, col, QTableWidgetItem(printable(str(value))))
        self.table.resizeColumnsToContents()
        if not differences:
            self.verdict.show_state(HintState.OK, "No field differs.")
        elif same_access(differences):
            self.verdict.show_state(
                HintState.OK,
                "Same access: only times, nonce or signature state differ.",
            )
        else:
            self.verdict.show_state(
                HintState.ERROR,
                "Different access: the ✱ fields change what the token allows.",
            )
