"""Many tokens at once for QA: counts, a role mix, data templates or CSV rows,
made in chunks so the window keeps running, with Cancel and exports."""

from __future__ import annotations

import time
from pathlib import Path

from PySide6.QtCore import QEvent, QTimer, Signal, Slot
from PySide6.QtGui import QResizeEvent
from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QProgressBar,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from opentok_studio.core import limits
from opentok_studio.core.batch import export_rows, plan_batch, sign_batch
from opentok_studio.core.errors import StudioError, ValidationError
from opentok_studio.core.model import Credentials, Role, TokenRequest
from opentok_studio.gui.clipboard import ClipboardGuard
from opentok_studio.gui.widgets import HintLabel, HintState

#: Tokens per turn of the event loop: ~5 ms of signing, so input never waits.
CHUNK = 500
#: Under the role boxes when none is ticked (it used to make publishers silently).
NO_ROLE = "Tick at least one role."


def with_extension(path: Path, output_format: str) -> Path:
    """``path`` with ``.csv``/``.jsonl`` added when its name has no extension
    (#15: a batch saved as ``batch10k`` got none; some platforms' dialogs
    do not add the filter's)."""
    if path.suffix or output_format not in ("csv", "jsonl"):
        return path
    return path.with_name(f"{path.name}.{output_format}")


def not_saved(path: Path, error: OSError) -> str:
    """Why ``path`` was not written, naming it, and what to do."""
    # The writer's temp file fails first, so the error carries no useful path
    # ("No such file or directory" alone; walk-through): name the folder.
    if not path.parent.is_dir():
        return (
            f"Not saved: the folder {path.parent} does not exist; choose another place."
        )
    return f"Not saved: {path}: {error.strerror or error}; choose another place."


class BatchDialog(QDialog):
    """Plans requests, signs them a chunk per event-loop turn, exports the result.

    Cancelling keeps nothing: a batch is exported whole or not at all.

    Signals:
        finished_batch(int): how many tokens were made.
    """

    finished_batch = Signal(int)

    def __init__(
        self,
        base: TokenRequest,
        credentials: Credentials,
        parent: QWidget | None = None,
        *,
        clipboard: ClipboardGuard | None = None,
        clear_after: int = 30,
    ) -> None:
        super().__init__(parent)
        self._clipboard = clipboard or ClipboardGuard(self)
        self._clear_after = clear_after
        self.setWindowTitle("Batch of tokens")
        self._base = base
        self._credentials = credentials
        self._requests: list[TokenRequest] = []
        self.tokens: list[str] = []
        self._cancelled = False
        self._now = int(time.time())
        self.count = QSpinBox()
        self.count.setRange(1, limits.MAX_BATCH)
        self.count.setValue(100)
        self.count.setGroupSeparatorShown(True)
        self.roles = {role: QCheckBox(role.value) for role in Role}
        self.roles[Role(str(base.role))].setChecked(True)
        role_row = QHBoxLayout()
        for box in self.roles.values():
            role_row.addWidget(box)
            box.toggled.connect(self._on_roles_toggled)
        self.role_hint = HintLabel()
        self.role_hint.setAccessibleName("Why no role is used")
        roles_cell = QVBoxLayout()
        roles_cell.addLayout(role_row)
        roles_cell.addWidget(self.role_hint)
        self.template = QLineEdit()
        self.template.setPlaceholderText("optional, e.g. user-{n}  ({n} counts from 1)")
        self.csv_path = QLineEdit()
        self.csv_path.setPlaceholderText(
            "optional: a CSV with session_id, role, data, …"
        )
        self.browse = QPushButton("B&rowse…")
        self.browse.setAccessibleName("Choose a CSV file of rows")
        csv_row = QHBoxLayout()
        csv_row.addWidget(self.csv_path, 1)
        csv_row.addWidget(self.browse)
        self.progress = QProgressBar()
        self.progress.setAccessibleName("Batch progress")
        self.progress.hide()
        self.hint = HintLabel()
        self.start = QPushButton("&Make tokens")
        self.cancel = QPushButton("Cancel")
        self.save_csv = QPushButton("Save &CSV…")
        self.save_jsonl = QPushButton("Save &JSON Lines…")
        self.copy_lines = QPushButton("Copy as &lines")
        buttons = QHBoxLayout()
        for b in (
            self.start,
            self.cancel,
            self.save_csv,
            self.save_jsonl,
            self.copy_lines,
        ):
            # Enter makes the batch wherever focus is (#15: a focused Browse…
            # became the default button and Enter opened the file picker).
            b.setAutoDefault(False)
            buttons.addWidget(b)
        self.browse.setAutoDefault(False)
        self.start.setDefault(True)
        form = QFormLayout(self)
        count_label = QLabel("&How many:")
        count_label.setBuddy(self.count)
        roles_label = QLabel("Roles (c&ycled):")
        roles_label.setBuddy(self.roles[Role.PUBLISHER])
        template_label = QLabel("&Data template:")
        template_label.setBuddy(self.template)
        csv_label = QLabel("CSV ro&ws:")
        csv_label.setBuddy(self.csv_path)
        self.csv_path.setAccessibleName("CSV rows file")
        form.addRow(count_label, self.count)
        form.addRow(roles_label, roles_cell)
        form.addRow(template_label, self.template)
        form.addRow(csv_label, csv_row)
        form.addRow(self.progress)
        form.addRow(self.hint)
        form.addRow(buttons)
        self.count.setFocus()  # the first thing to type: how many
        self._set_exports(False)
        self._timer = QTimer(self)
        self._timer.setInterval(0)
        self._timer.timeout.connect(self._on_timer_timeout)
        self.start.clicked.connect(self._on_start_clicked)
        self.cancel.clicked.connect(self._on_cancel_clicked)
        self.browse.clicked.connect(self._on_browse_clicked)
        self.csv_path.textChanged.connect(self._on_csv_path_text_changed)
        self.save_csv.clicked.connect(lambda: self._save("csv"))
        self.save_jsonl.clicked.connect(lambda: self._save("jsonl"))
        self.copy_lines.clicked.connect(self._on_copy_lines_clicked)

    @property
    def running(self) -> bool:
        return self._timer.isActive()

    def event(self, event: QEvent) -> bool:
        handled = super().event(event)
        if event.type() == QEvent.Type.LayoutRequest:  # a hint came, went or grew
            self._fit_height()
        return handled

    def resizeEvent(self, event: QResizeEvent) -> None:  # noqa: N802 - Qt override
        super().resizeEvent(event)
        self._fit_height()  # narrower: the hints wrap to more lines

    def _fit_height(self) -> None:
        # Qt gives a window its layout's minimum size, which does not ask a
        # word-wrapped label how tall it is at this width: a long hint was cut
        # in its second line (walk-through). Ask the layout instead.
        layout = self.layout()
        if layout is None or not layout.hasHeightForWidth():
            return
        needed = layout.totalHeightForWidth(self.width())
        if needed != self.minimumHeight():
            self.setMinimumHeight(needed)
        if self.height() < needed:
            self.resize(self.width(), needed)

    def checked_roles(self) -> list[Role]:
        """The roles ticked, in the order they are cycled."""
        return [r for r, box in self.roles.items() if box.isChecked()]

    def plan(self) -> list[TokenRequest]:
        """The requests, one per token (validated when signed).

        Raises:
            ValidationError: no role ticked (CSV rows carry their own), or the
                count, template or CSV rows are refused (core/batch.py).
        """
        from opentok_studio.store.batchfile import read_csv_file

        if self._no_role():
            raise ValidationError("roles", "none ticked", fix="tick at least one")
        csv_path = self.csv_path.text().strip()
        return plan_batch(
            self._base,
            count=self.count.value(),
            template=self.template.text() or None,
            csv_text=read_csv_file(Path(csv_path)) if csv_path else None,
            roles=self.checked_roles(),
        )

    def _no_role(self) -> bool:
        """No role ticked and no CSV rows (which name their own roles): an
        empty role list used to make publishers silently."""
        return not self.checked_roles() and not self.csv_path.text().strip()

    def _check_roles(self) -> None:
        # Make tokens waits for a role, said under the boxes.
        missing = self._no_role()
        self.role_hint.show_state(HintState.ERROR, NO_ROLE if missing else None)
        self.start.setEnabled(not self.running and not missing)

    @Slot()
    def _on_roles_toggled(self) -> None:
        self._check_roles()

    @Slot()
    def _on_csv_path_text_changed(self) -> None:
        self._check_roles()

    @Slot()
    def _on_start_clicked(self) -> None:
        try:
            self._requests = self.plan()
        except StudioError as e:
            self.hint.show_state(HintState.ERROR, str(e))
            return
        self.tokens = []
        self._cancelled = False
        self._now = int(time.time())
        self.progress.setRange(0, len(self._requests))
        self.progress.setValue(0)
        self.progress.show()
        self.start.setEnabled(False)
        self._set_exports(False)
        self.hint.show_state(HintState.PLAIN, f"Making {len(self._requests):,} tokens…")
        self._timer.start()

    @Slot()
    def _on_timer_timeout(self) -> None:
        if self._cancelled:
            self._stop(
                "Cancelled: nothing was kept (a batch is exported whole or not at all)."
            )
            self.tokens = []
            return
        done = len(self.tokens)
        chunk = self._requests[done : done + CHUNK]
        try:
            self.tokens += sign_batch(
                chunk, self._credentials, now=self._now, first=done + 1
            )
        except StudioError as e:
            self.tokens = []
            self._stop(str(e), state=HintState.ERROR)
            return
        self.progress.setValue(len(self.tokens))
        if len(self.tokens) == len(self._requests):
            self._stop(f"Made {len(self.tokens):,} tokens.", state=HintState.OK)
            self._set_exports(True)
            self.finished_batch.emit(len(self.tokens))

    @Slot()
    def _on_cancel_clicked(self) -> None:
        if self.running:
            self._cancelled = True
        else:
            self.reject()

    def _stop(self, message: str, state: HintState = HintState.PLAIN) -> None:
        self._timer.stop()
        if state is not HintState.OK:
            self.progress.hide()  # nothing was kept: a bar at 0% said otherwise
        self._check_roles()
        self.hint.show_state(state, message)

    def _set_exports(self, enabled: bool) -> None:
        for b in (self.save_csv, self.save_jsonl, self.copy_lines):
            b.setEnabled(enabled)

    def export(self, output_format: str) -> str:
        return export_rows(self.tokens, self._requests, output_format, now=self._now)

    def _save(self, output_format: str) -> None:
        suffix = {"csv": "CSV (*.csv)", "jsonl": "JSON Lines (*.jsonl)"}[output_format]
        path, _ = QFileDialog.getSaveFileName(self, "Save tokens", "", suffix)
        if path:
            self.write(with_extension(Path(path), output_format), output_format)

    def write(self, path: Path, output_format: str) -> None:
        """Write the export with the one writer (store/atomic.py): never a partial
        file, and a device or FIFO is written to, not replaced."""
        from opentok_studio.store.atomic import write_file

        try:
            write_file(path, self.export(output_format))
        except OSError as e:
            self.hint.show_state(HintState.ERROR, not_saved(path, e))
            return
        n = len(self.tokens)
        self.hint.show_state(
            HintState.OK, f"Saved {n:,} token{'' if n == 1 else 's'} to {path.name}."
        )

    @Slot()
    def _on_copy_lines_clicked(self) -> None:
        # Tokens are credentials: concealed and cleared like a single one.
        self._clipboard.copy(self.export("lines"), self._clear_after)
        self.hint.show_state(HintState.OK, f"Copied {len(self.tokens):,} tokens.")

    @Slot()
    def _on_browse_clicked(self) -> None:
        path, _ = QFileDialog.getOpenFileName(
            self, "Rows for the batch", "", "CSV (*.csv)"
        )
        if path:
            self.csv_path.setText(path)
