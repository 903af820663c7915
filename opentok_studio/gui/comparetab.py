"""The Compare tab: the token that works beside the one that fails, field by field."""

from __future__ import annotations

import time
from dataclasses import dataclass

from PySide6.QtCore import QTimer, Slot
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import (
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from opentok_studio.core.decoder import decode
from opentok_studio.core.diff import Comparison, Verdict, compare, shown
from opentok_studio.core.errors import StudioError
from opentok_studio.core.explain import printable
from opentok_studio.core.model import Credentials
from opentok_studio.gui.decodedview import clip
from opentok_studio.gui.decodeworker import BackgroundRunner
from opentok_studio.gui.redact import redact
from opentok_studio.gui.tokenedit import TokenEdit, is_large, large_note
from opentok_studio.gui.widgets import HintLabel, HintState, changed_note

#: Compare this long after the last keystroke.
DEBOUNCE_MS = 120


@dataclass(frozen=True, slots=True)
class _Job:
    """Both decodes and their diff: pure, so it may run on the worker thread."""

    a: str
    b: str
    credentials: Credentials | None
    now: int

    def __call__(self) -> Comparison:
        first, second = (
            decode(t, self.credentials, now=self.now) for t in (self.a, self.b)
        )
        return compare(first, second)


class CompareTab(QWidget):
    """Two pasted tokens; a table of every field that differs.

    Text past the Decode tab's size rule (gui/tokenedit.py) is compared on
    the worker thread (gui/decodeworker.py), so a 1 MB paste never freezes it.
    """

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._credentials: Credentials | None = None
        #: The credentials changed while the tab was hidden: refresh on show.
        self._stale = False
        self._runner = BackgroundRunner(self)
        self.a = TokenEdit(lines=3)
        self.b = TokenEdit(lines=3)
        for edit, text in (
            (self.a, "the token that works"),
            (self.b, "the one that fails"),
        ):
            edit.setPlaceholderText(f"Paste {text}")
        label_a, label_b = QLabel("Token &A:"), QLabel("Token &B:")
        label_a.setBuddy(self.a)
        label_b.setBuddy(self.b)
        self.a.setAccessibleName("Token A, the one that works")
        self.b.setAccessibleName("Token B, the one that fails")
        self.use_decoded = QPushButton("&Use the Decode tab's token as A")
        self.use_decoded.setToolTip("Put the token from the Decode tab in Token A")
        self.use_decoded.setEnabled(False)
        #: The Decode tab's token (the window keeps it current), for A.
        self._decode_token = ""
        #: When the credentials changed under the pasted tokens (HH:MM).
        self._changed_at: str | None = None
        self.credentials_note = HintLabel()
        self.verdict = HintLabel()
        self.table = QTableWidget(0, 3)
        self.table.setHorizontalHeaderLabels(["Field", "A", "B"])
        self.table.horizontalHeader().setStretchLastSection(True)
        self.table.verticalHeader().hide()
        self.table.setWordWrap(True)
        self.table.setAccessibleName("Differences between token A and token B")
        grid = QGridLayout()
        grid.addWidget(label_a, 0, 0)
        grid.addWidget(self.a, 0, 1)
        grid.addWidget(label_b, 1, 0)
        grid.addWidget(self.b, 1, 1)
        use_row = QHBoxLayout()
        use_row.addWidget(self.use_decoded)
        use_row.addStretch(1)
        grid.addLayout(use_row, 2, 1)
        layout = QVBoxLayout(self)
        layout.addLayout(grid)
        layout.addWidget(self.verdict)
        layout.addWidget(self.credentials_note)
        layout.addWidget(self.table, 1)
        self._debounce = QTimer(self)
        self._debounce.setSingleShot(True)
        self._debounce.setInterval(DEBOUNCE_MS)
        self._debounce.timeout.connect(self.refresh)
        for edit in (self.a, self.b):
            edit.textChanged.connect(self._debounce.start)
            edit.textChanged.connect(self._on_edit_text_changed)
        self.use_decoded.clicked.connect(self.use_decode_token)
        self.a.largePasted.connect(self._on_a_large_pasted)
        self.b.largePasted.connect(self._on_b_large_pasted)
        self._runner.resultReady.connect(self._on_runner_result_ready)

    @property
    def busy(self) -> bool:
        """A large text is being compared on the worker thread."""
        return self._runner.busy

    def set_credentials(self, credentials: Credentials | None) -> None:
        """Compare with ``credentials`` from now on; shown after the debounce,
        or when the tab is next shown (#14)."""
        if credentials == self._credentials:
            return
        self._credentials = credentials
        if self.a.whole_text().strip() or self.b.whole_text().strip():
            self._changed_at = time.strftime("%H:%M")
        if self.isVisible():
            self._debounce.start()
        else:
            self._stale = True

    def set_decode_token(self, token: str) -> None:
        """The Decode tab's current token (empty: none)."""
        self._decode_token = token
        self.use_decoded.setEnabled(bool(token))

    def focus_start(self) -> None:
        """When shown: an empty A takes the Decode tab's token (#15: the
        support person compares what they just decoded); focus to A."""
        if self._decode_token and not self.a.whole_text().strip():
            self.use_decode_token()
        self.a.setFocus()

    @Slot()
    def use_decode_token(self) -> None:
        if self._decode_token:
            self.a.set_text(self._decode_token)
            self.refresh()

    @Slot()
    def _on_edit_text_changed(self) -> None:
        self._changed_at = None
        self.credentials_note.show_state(HintState.PLAIN, None)

    def showEvent(self, event: QShowEvent) -> None:  # noqa: N802 - Qt override
        if self._stale:
            self._stale = False
            self._debounce.start()
        super().showEvent(event)

    @Slot()
    def refresh(self) -> None:
        """Compare what is in the fields now."""
        self._debounce.stop()
        self._stale = False
        self.table.setRowCount(0)
        a, b = self.a.whole_text(), self.b.whole_text()
        if not (a.strip() and b.strip()):
            self._runner.cancel()
            self.verdict.show_state(
                HintState.PLAIN, "Paste two tokens to compare them."
            )
            return
        job = _Job(a, b, self._credentials, int(time.time()))
        if is_large(a) or is_large(b):
            note = large_note(a if is_large(a) else b)
            self.verdict.show_state(HintState.PLAIN, f"Comparing… {note}")
            self._runner.submit(job)
            return
        self._show(self._runner.run_here(job))  # type: ignore[arg-type]

    @Slot(str)
    def _on_a_large_pasted(self, text: str) -> None:
        self.a.set_text(text)
        self.refresh()

    @Slot(str)
    def _on_b_large_pasted(self, text: str) -> None:
        self.b.set_text(text)
        self.refresh()

    @Slot(object)
    def _on_runner_result_ready(self, result: Comparison | StudioError) -> None:
        self._show(result)

    def _show(self, result: Comparison | StudioError) -> None:
        self.credentials_note.show_state(HintState.WARN, changed_note(self._changed_at))
        if isinstance(result, StudioError):
            self.verdict.show_state(HintState.ERROR, str(result))
            return
        for row, d in enumerate(result.differences):
            self.table.insertRow(row)
            mark = "✱ " if d.grants else ""
            cells = (mark + d.label, shown(d.field, d.a), shown(d.field, d.b))
            for col, value in enumerate(cells):
                value = redact(value)  # presenter mode (#15)
                self.table.setItem(row, col, QTableWidgetItem(printable(clip(value))))
        self.table.resizeColumnsToContents()
        # Never green while either token would be refused (core/diff.py).
        state = {Verdict.SAME_ACCESS: HintState.OK, Verdict.PROBLEMS: HintState.WARN}
        self.verdict.show_state(
            state.get(result.verdict, HintState.ERROR), result.sentence
        )
