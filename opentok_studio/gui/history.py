"""This run's tokens: a table model (memory only: a token is a credential).

The model is made with the window (Generate adds to it); its view,
gui/historyview.py, with the History tab.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass, field
from enum import IntEnum

from PySide6.QtCore import (
    QAbstractTableModel,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    Qt,
    Slot,
)

from opentok_studio.core.model import Decoded
from opentok_studio.core.timeparse import format_relative, format_utc

#: History keeps this many tokens, newest first.
HISTORY_SIZE = 200
#: Connection data shows this many characters, then its length.
DATA_SHOWN = 6

_Index = QModelIndex | QPersistentModelIndex


class Column(IntEnum):
    TIME = 0
    ROLE = 1
    DATA = 2
    EXPIRY = 3
    #: valid / expired, against the clock when drawn
    STATUS = 4


HEADERS = {
    Column.TIME: "Made",
    Column.ROLE: "Role",
    Column.DATA: "Data",
    Column.EXPIRY: "Expires",
    Column.STATUS: "Status",
}


@dataclass(frozen=True, slots=True)
class Entry:
    """One token made in this run."""

    made_at: float
    token: str = field(repr=False)
    decoded: Decoded = field(repr=False)


def mask(data: str | None) -> str:
    """Connection data as the table shows it: its start and its length."""
    if not data:
        return ""
    if len(data) <= DATA_SHOWN:
        return f"{data} ({len(data)})"
    return f"{data[:DATA_SHOWN]}… ({len(data)} characters)"


class HistoryModel(QAbstractTableModel):
    """Tokens made in this run, newest first, at most HISTORY_SIZE."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._entries: list[Entry] = []
        #: Seconds since the epoch, read each time a row is drawn (tests set it).
        self.clock: Callable[[], float] = time.time

    def rowCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008, N802
        return 0 if parent.isValid() else len(self._entries)

    def columnCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008, N802
        return 0 if parent.isValid() else len(Column)

    def headerData(  # noqa: N802 - Qt override
        self,
        section: int,
        orientation: Qt.Orientation,
        role: int = Qt.ItemDataRole.DisplayRole,
    ) -> object:
        if (
            role == Qt.ItemDataRole.DisplayRole
            and orientation == Qt.Orientation.Horizontal
        ):
            return HEADERS[Column(section)]
        return None

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        if not index.isValid() or not 0 <= index.row() < len(self._entries):
            return None
        entry = self._entries[index.row()]
        if role == Qt.ItemDataRole.ToolTipRole:
            # Enough of the token to tell it apart, never the signature.
            return f"{entry.token[:20]}… (Enter or double-click: decode)"
        if role != Qt.ItemDataRole.DisplayRole:
            return None
        return self._text(entry, Column(index.column()), int(self.clock()))

    @staticmethod
    def _text(entry: Entry, column: Column, now: int) -> str:
        decoded = entry.decoded
        expires = decoded.expires_at
        if column is Column.TIME:
            return time.strftime("%H:%M:%S", time.localtime(entry.made_at))
        if column is Column.ROLE:
            return decoded.role or ""
        if column is Column.DATA:
            return mask(decoded.connection_data)
        if column is Column.EXPIRY:
            if expires is None:
                return ""
            return f"{format_utc(expires)} ({format_relative(expires, now)})"
        return "expired" if expires is not None and expires <= now else "valid"

    def add(self, token: str, decoded: Decoded, made_at: float | None = None) -> None:
        """Put a token first; the oldest goes beyond HISTORY_SIZE."""
        self.beginInsertRows(QModelIndex(), 0, 0)
        self._entries.insert(0, Entry(made_at or self.clock(), token, decoded))
        self.endInsertRows()
        if len(self._entries) > HISTORY_SIZE:
            self.beginRemoveRows(QModelIndex(), HISTORY_SIZE, len(self._entries) - 1)
            del self._entries[HISTORY_SIZE:]
            self.endRemoveRows()

    def token(self, row: int) -> str:
        return self._entries[row].token

    @Slot()
    def refresh_times(self) -> None:
        """The clock moved: expiry countdowns and status are drawn again."""
        if self._entries:
            self.dataChanged.emit(
                self.index(0, Column.EXPIRY),
                self.index(len(self._entries) - 1, Column.STATUS),
                [Qt.ItemDataRole.DisplayRole],
            )
