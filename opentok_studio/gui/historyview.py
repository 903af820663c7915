"""The History tab: the table of this run's tokens over gui/history.py's model."""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, QTimer, Signal, Slot
from PySide6.QtGui import QHideEvent, QShowEvent
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QTableView, QWidget

from opentok_studio.gui.history import HistoryModel


class HistoryView(QTableView):
    """The history table; Enter or a double-click reopens a token.

    Signals:
        reopenRequested(str): decode this token again.
    """

    reopenRequested = Signal(str)

    def __init__(self, model: HistoryModel, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setModel(model)
        self._model = model
        self.setAccessibleName("Tokens made in this run")
        self.setToolTip("Kept in memory only; double-click or Enter to decode")
        self.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.verticalHeader().hide()
        header = self.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setStretchLastSection(True)
        # Status is live: redrawn each second, only while the table is on show.
        self._clock = QTimer(self)
        self._clock.setInterval(1000)
        self._clock.timeout.connect(model.refresh_times)
        self.activated.connect(self._on_activated)

    def showEvent(self, event: QShowEvent) -> None:  # noqa: N802 - Qt override
        self._model.refresh_times()
        self._clock.start()
        super().showEvent(event)

    def hideEvent(self, event: QHideEvent) -> None:  # noqa: N802 - Qt override
        self._clock.stop()
        super().hideEvent(event)

    @Slot(QModelIndex)
    def _on_activated(self, index: QModelIndex) -> None:
        if index.isValid():
            self.reopenRequested.emit(self._model.token(index.row()))
