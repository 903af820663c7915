"""The Scan tab's table: one row per token a scan found, and the verdict filter.

A model over a ScanResult, as in the PySide address_book example (the data
lives here; gui/scantab.py is the widget around it).
"""

from __future__ import annotations

from enum import StrEnum
from typing import Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    QSortFilterProxyModel,
    Qt,
)

from opentok_studio.core import scanreport
from opentok_studio.core.explain import printable
from opentok_studio.core.scan import ScannedToken, ScanResult

_Index = QModelIndex | QPersistentModelIndex


class Verdict(StrEnum):
    """Which tokens the table shows."""

    ALL = "all"
    PROBLEMS = "problems"  #: tokens a client would be refused with
    OK = "ok"


#: Sort key of a cell, so numbers sort as numbers.
SORT_ROLE = Qt.ItemDataRole.UserRole + 1
#: The token text of a row (for "open in the decoder").
TOKEN_ROLE = Qt.ItemDataRole.UserRole + 2


class ScanModel(QAbstractTableModel):
    """The tokens of one scan, a row each."""

    HEADERS = ("#", "Verdict", "Most likely cause", "Format", "Session ID",
               "First seen", "Where", "Answer")  # fmt: skip

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._rows: tuple[ScannedToken, ...] = ()

    def set_result(self, result: ScanResult | None) -> None:
        """Show ``result``'s tokens (none for None)."""
        self.beginResetModel()
        self._rows = result.tokens if result is not None else ()
        self.endResetModel()

    def token_at(self, row: int) -> ScannedToken:
        """The scanned token of ``row``."""
        return self._rows[row]

    def rowCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008, N802 - Qt override
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008, N802 - Qt override
        return 0 if parent.isValid() else len(self.HEADERS)

    def headerData(  # noqa: N802 - Qt override
        self,
        section: int,
        orientation: Qt.Orientation,
        role: int = Qt.ItemDataRole.DisplayRole,
    ) -> Any:
        if (
            orientation is Qt.Orientation.Horizontal
            and role == Qt.ItemDataRole.DisplayRole
        ):
            return self.HEADERS[section]
        return None

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        t = self._rows[index.row()]
        if role == TOKEN_ROLE:
            return t.token
        if role == SORT_ROLE:
            return t.number if index.column() == 0 else self._text(t, index.column())
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            return self._text(t, index.column())
        return None

    @staticmethod
    def _text(t: ScannedToken, column: int) -> str:
        d = t.decoded
        if column == 0:
            return str(t.number)
        if column == 1:
            # In words, never by colour alone (STYLE.md section 5).
            return "✗ rejected" if d.problems else "✓ OK"
        if column == 2:
            return d.problems[0].code.value if d.problems else ""
        if column == 3:
            return f"{d.format.upper()} {d.alg or ''}".strip()
        if column == 4:
            return printable(d.session_id or "")
        if column == 5:
            return t.time or ""
        if column == 6:
            return scanreport.places_text(t.where[:1]) + (
                f" (+{t.occurrences - 1})" if t.occurrences > 1 else ""
            )
        return scanreport.response_text(t.response) if t.response else ""


class VerdictFilter(QSortFilterProxyModel):
    """Sorts by SORT_ROLE and shows all tokens, those with problems, or OK ones."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._verdict = Verdict.ALL
        self.setSortRole(SORT_ROLE)

    def set_verdict(self, verdict: Verdict) -> None:
        """Show only tokens of ``verdict``."""
        # beginFilterChange() is Qt >= 6.9 (invalidateFilter() deprecated
        # there); we support 6.6 (pyproject.toml).
        if hasattr(self, "beginFilterChange"):
            self.beginFilterChange()
            self._verdict = verdict
            self.endFilterChange(QSortFilterProxyModel.Direction.Rows)
        else:  # pragma: no cover - Qt < 6.9
            self._verdict = verdict
            self.invalidateFilter()

    def filterAcceptsRow(self, row: int, parent: _Index) -> bool:  # noqa: N802 - Qt override
        if self._verdict is Verdict.ALL:
            return True
        model = self.sourceModel()
        if not isinstance(model, ScanModel):
            return True
        bad = bool(model.token_at(row).decoded.problems)
        return bad if self._verdict is Verdict.PROBLEMS else not bad
