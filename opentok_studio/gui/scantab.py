"""The Scan tab: open a HAR or a log a customer sent; every token, its verdict.

A standalone widget (issue #16); the main window adds it as a tab. The file is
read and scanned on a worker thread in chunks (gui/scanjob.py, core/scan.py):
progress comes back by queued signals, Cancel is checked between chunks, so
the window stays responsive on a 50 MB HAR.
"""

from __future__ import annotations

import threading
import time
from pathlib import Path

from PySide6.QtCore import (
    QCoreApplication,
    QModelIndex,
    Qt,
    QThreadPool,
    Signal,
    Slot,
)
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QFileDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QProgressBar,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from opentok_studio.core import scanreport
from opentok_studio.core.errors import StudioError
from opentok_studio.core.model import Credentials
from opentok_studio.core.scan import ScanResult
from opentok_studio.gui.scanjob import Relay, ScanJob
from opentok_studio.gui.scanmodel import TOKEN_ROLE, ScanModel, Verdict, VerdictFilter
from opentok_studio.gui.widgets import HintLabel, HintState


class ScanTab(QWidget):
    """Scan a HAR or a log for every token; pick one to open in the decoder.

    Attributes:
        model: the tokens of the last scan.
        proxy: the sorted, filtered view of ``model``.

    Signals:
        tokenSelected(str): open this token in the decoder.
        scanFinished(object): the ScanResult, a StudioError, or None (cancelled).
        statusMessage(str): how the scan ended, for the window's status bar.
    """

    tokenSelected = Signal(str)
    scanFinished = Signal(object)
    statusMessage = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._credentials: Credentials | None = None
        self._result: ScanResult | None = None
        self._now = 0
        #: The name of what is scanned, for the status bar.
        self._name = ""
        self._cancel: threading.Event | None = None
        self._relay: Relay | None = None
        self._pool = QThreadPool(self)
        self._pool.setMaxThreadCount(1)

        self.open_button = QPushButton("Open HAR or lo&g…")
        self.path_label = QLabel("Save the call from the browser (Network panel, "
                                 "Save all as HAR) or a device log, then open it.")  # fmt: skip
        self.path_label.setWordWrap(True)
        self.progress = QProgressBar()
        self.progress.setAccessibleName("Scan progress")
        self.progress.hide()
        self.cancel_button = QPushButton("Cance&l")
        self.cancel_button.hide()
        self.filter = QComboBox()
        self.filter.addItem("All tokens", Verdict.ALL)
        self.filter.addItem("With problems", Verdict.PROBLEMS)
        self.filter.addItem("OK", Verdict.OK)
        filter_label = QLabel("&Show:")
        filter_label.setBuddy(self.filter)
        self.model = ScanModel(self)
        self.proxy = VerdictFilter(self)
        self.proxy.setSourceModel(self.model)
        self.table = QTableView()
        self.table.setModel(self.proxy)
        self.table.setSortingEnabled(True)
        self.table.sortByColumn(0, Qt.SortOrder.AscendingOrder)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        # Session IDs are long and alike: elided in the middle, whole in the tip.
        header.setSectionResizeMode(4, QHeaderView.ResizeMode.Interactive)
        header.resizeSection(4, 220)
        self.table.setTextElideMode(Qt.TextElideMode.ElideMiddle)
        self.table.setWordWrap(False)
        self.table.setAccessibleName("Tokens found")
        self.status = HintLabel()
        #: The selected token's top cause and its fix: what to tell the customer.
        self.detail = HintLabel()
        self.detail.setAccessibleName("Why the selected token fails, and the fix")
        self.decode_button = QPushButton("Open &token in decoder")
        self.decode_button.setEnabled(False)
        self.report_button = QPushButton("Copy &report")
        self.report_button.setToolTip(
            "A ticket-safe summary: no token text, no signature, data masked"
        )
        self.report_button.setEnabled(False)

        top = QHBoxLayout()
        top.addWidget(self.open_button)
        top.addWidget(self.path_label, 1)
        busy = QHBoxLayout()
        busy.addWidget(self.progress, 1)
        busy.addWidget(self.cancel_button)
        bottom = QHBoxLayout()
        bottom.addWidget(filter_label)
        bottom.addWidget(self.filter)
        bottom.addStretch(1)
        bottom.addWidget(self.decode_button)
        bottom.addWidget(self.report_button)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addLayout(busy)
        layout.addWidget(self.status)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.detail)
        layout.addLayout(bottom)
        for a, b in [(self.open_button, self.filter), (self.filter, self.table),
                     (self.table, self.decode_button),
                     (self.decode_button, self.report_button)]:  # fmt: skip
            QWidget.setTabOrder(a, b)

        self.open_button.clicked.connect(self._on_open_button_clicked)
        self.cancel_button.clicked.connect(self.cancel)
        self.filter.currentIndexChanged.connect(self._on_filter_current_index_changed)
        self.table.doubleClicked.connect(self._on_table_double_clicked)
        self.table.selectionModel().selectionChanged.connect(
            self._on_table_selection_changed
        )
        self.decode_button.clicked.connect(self._on_decode_button_clicked)
        self.report_button.clicked.connect(self._on_report_button_clicked)
        app = QCoreApplication.instance()
        if app is not None:
            # Quitting stops a scan at its next chunk: the pool's destructor
            # waits for its job, and a 1 GB scan must not hold the exit.
            app.aboutToQuit.connect(self.cancel)

    @property
    def result(self) -> ScanResult | None:
        """The last scan's result."""
        return self._result

    @property
    def busy(self) -> bool:
        """A scan is running."""
        return self._cancel is not None

    def set_credentials(self, credentials: Credentials | None) -> None:
        """Check signatures and keys with these in the next scan."""
        self._credentials = credentials

    def scan_file(self, path: Path) -> None:
        """Scan ``path`` on a worker thread; a running scan is cancelled."""
        self._start(path, str(path))

    def scan_text(self, text: str, label: str = "pasted text") -> None:
        """Scan text pasted or dropped on the window (kept in memory only)."""
        self._start(text, label)

    def _start(self, source: Path | str, label: str) -> None:
        self.cancel()
        self._cancel = cancel = threading.Event()
        self._relay = relay = Relay()
        relay.progress.connect(self._on_relay_progress)
        relay.finished.connect(self._on_relay_finished)
        self._now = int(time.time())
        self._name = source.name if isinstance(source, Path) else label
        self.path_label.setText(label)
        # The old file's rows and verdict must not stand under the new name: a
        # refused or cancelled scan showed them as its own (walk-through).
        self._result = None
        self.model.set_result(None)
        self.report_button.setEnabled(False)
        self._on_table_selection_changed()
        self.progress.setRange(0, 0)
        self.progress.show()
        self.cancel_button.show()
        self.status.show_state(HintState.PLAIN, "Scanning…")
        self._pool.start(ScanJob(relay, source, self._credentials, cancel))

    @Slot()
    def cancel(self) -> None:
        """Stop the running scan at its next chunk; nothing it found is shown."""
        if self._cancel is not None:
            self._cancel.set()

    def wait(self, msecs: int = 10_000) -> bool:
        """Block until no scan runs (tests, quitting)."""
        return self._pool.waitForDone(msecs)

    def report_text(self) -> str | None:
        """The ticket-safe report of the last scan, or None."""
        if self._result is None:
            return None
        return scanreport.scan_report(self._result, self._now)

    def selected_token(self) -> str | None:
        """The token of the selected row, or None."""
        rows = self.table.selectionModel().selectedRows()
        if not rows:
            return None
        token = self.proxy.data(rows[0], TOKEN_ROLE)
        return token if isinstance(token, str) else None

    @Slot(object, object)
    def _on_relay_progress(self, done: int, total: int) -> None:
        if self.sender() is not self._relay:
            return  # a cancelled job still reading its last chunk
        if total > 0:
            # Per mille: a progress bar's range is a C int, files are not.
            self.progress.setRange(0, 1000)
            self.progress.setValue(min(1000, done * 1000 // total))

    @Slot(object)
    def _on_relay_finished(self, result: object) -> None:
        if self.sender() is not self._relay:
            return
        self._cancel = None
        self._relay = None
        self.progress.hide()
        self.cancel_button.hide()
        if isinstance(result, Exception) and not isinstance(result, StudioError):
            raise result  # a bug: its traceback goes to sys.excepthook
        if isinstance(result, ScanResult):
            self._result = result
            self.model.set_result(result)
            state = HintState.ERROR if result.has_problems else HintState.OK
            self.status.show_state(state, scanreport.summary(result))
            self._select_first_failing()
            said = f"Scanned {self._name}: {_counted(result)}."
        elif isinstance(result, StudioError):
            self.status.show_state(HintState.ERROR, str(result))
            said = f"Not scanned: {self._name}: {result}"
        else:
            self.status.show_state(HintState.WARN, "Scan cancelled; nothing was kept.")
            said = f"Scan of {self._name} cancelled; nothing was kept."
        self.report_button.setEnabled(self._result is not None)
        # Replaces "Scanning NAME: see the Scan tab." (gui/intake.py), which
        # otherwise stood long after the scan ended.
        self.statusMessage.emit(said)
        self.scanFinished.emit(result)

    def _select_first_failing(self) -> None:
        # The one look a support person needs: the first refused token, why.
        for row in range(self.proxy.rowCount()):
            source = self.proxy.mapToSource(self.proxy.index(row, 0)).row()
            if self.model.token_at(source).decoded.problems:
                self.table.selectRow(row)
                return
        self._show_detail()

    @Slot()
    def _on_open_button_clicked(self) -> None:
        name, _ = QFileDialog.getOpenFileName(
            self, "Open a HAR file or a log", "",
            "HAR and logs (*.har *.json *.log *.txt);;All files (*)",
        )  # fmt: skip
        if name:
            self.scan_file(Path(name))

    @Slot(int)
    def _on_filter_current_index_changed(self, index: int) -> None:
        self.proxy.set_verdict(Verdict(self.filter.itemData(index)))

    @Slot()
    def _on_table_selection_changed(self) -> None:
        self.decode_button.setEnabled(self.selected_token() is not None)
        self._show_detail()

    def _show_detail(self) -> None:
        rows = self.table.selectionModel().selectedRows()
        scanned = (
            self.model.token_at(self.proxy.mapToSource(rows[0]).row()) if rows else None
        )
        if scanned is None:
            self.detail.show_state(HintState.PLAIN, None)
            return
        d = scanned.decoded
        if not d.problems:
            self.detail.show_state(
                HintState.OK, f"Token {scanned.number}: no problem found."
            )
            return
        top = d.problems[0]
        self.detail.show_state(
            HintState.ERROR,
            f"Token {scanned.number}: {top.code.value}: {top.message}. "
            f"Tell the customer: {top.fix}.",
        )

    @Slot(QModelIndex)
    def _on_table_double_clicked(self, index: QModelIndex) -> None:
        token = self.proxy.data(index, TOKEN_ROLE)
        if isinstance(token, str):
            self.tokenSelected.emit(token)

    @Slot()
    def _on_decode_button_clicked(self) -> None:
        token = self.selected_token()
        if token is not None:
            self.tokenSelected.emit(token)

    @Slot()
    def _on_report_button_clicked(self) -> None:
        text = self.report_text()
        if text is not None:
            # Ticket-safe: no token text, so no auto-clear is needed.
            QGuiApplication.clipboard().setText(text)
            self.status.show_state(
                HintState.OK, "Report copied: paste it into the ticket."
            )


def _counted(result: ScanResult) -> str:
    """``3 tokens, 1 with problems`` or ``no token found``."""
    n = len(result.tokens)
    if n == 0:
        return "no token found"
    bad = sum(1 for t in result.tokens if t.decoded.problems)
    return f"{n:,} token{'' if n == 1 else 's'}, {bad:,} with problems"
