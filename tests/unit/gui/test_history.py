"""This run's history: a table model (time, role, masked data, expiry, live
status); its view is tests/unit/gui/test_historyview.py."""

from __future__ import annotations

from PySide6.QtCore import Qt

from opentok_studio.core.decoder import decode
from opentok_studio.core.model import ProjectCredentials, Role, TokenRequest
from opentok_studio.core.signer import make_token
from opentok_studio.gui.history import (
    HISTORY_SIZE,
    Column,
    HistoryModel,
    mask,
)
from tests.helpers import vectors

NOW = 1_800_000_000
CREDENTIALS = ProjectCredentials(vectors.API_KEY, vectors.API_SECRET)


def _made(data: str = "name=Ann&team=qa", expire_in: int = 3600) -> tuple[str, object]:
    request = TokenRequest(
        session_id=vectors.SID, role=Role.MODERATOR, data=data, expire_in=expire_in
    )
    token = make_token(request, CREDENTIALS, now=NOW)
    return token, decode(token, CREDENTIALS, now=NOW)


def _text(model: HistoryModel, row: int, column: Column) -> str:
    return str(model.data(model.index(row, column)))


def test_columns_and_masked_data(qapp) -> None:
    model = HistoryModel()
    model.clock = lambda: NOW + 10
    token, decoded = _made()
    model.add(token, decoded, made_at=NOW)
    assert model.columnCount() == 5 and model.rowCount() == 1
    headers = [model.headerData(c, Qt.Orientation.Horizontal) for c in Column]
    assert headers == ["Made", "Role", "Data", "Expires", "Status"]
    assert _text(model, 0, Column.ROLE) == "moderator"
    assert _text(model, 0, Column.DATA) == "name=A… (16 characters)"
    assert "team=qa" not in _text(model, 0, Column.DATA)
    assert _text(model, 0, Column.STATUS) == "valid"
    assert model.token(0) == token
    assert not model.rowCount(model.index(0, 0))  # a table, no children


def test_status_is_computed_when_drawn(qapp) -> None:
    model = HistoryModel()
    now = [NOW]
    model.clock = lambda: now[0]
    model.add(*_made(expire_in=60), made_at=NOW)
    assert _text(model, 0, Column.STATUS) == "valid"
    now[0] = NOW + 61
    assert _text(model, 0, Column.STATUS) == "expired"


def test_refresh_times_redraws_expiry_and_status(qtbot) -> None:
    model = HistoryModel()
    model.add(*_made())
    with qtbot.waitSignal(model.dataChanged) as blocker:
        model.refresh_times()
    top, bottom = blocker.args[0], blocker.args[1]
    assert (top.column(), bottom.column()) == (Column.EXPIRY, Column.STATUS)


def test_newest_first_and_bounded(qapp) -> None:
    model = HistoryModel()
    first = _made(data="first")
    model.add(*first)
    for _ in range(HISTORY_SIZE):
        model.add(*_made(data="later"))
    assert model.rowCount() == HISTORY_SIZE
    assert all(model.token(r) != first[0] for r in range(HISTORY_SIZE))
    assert _text(model, 0, Column.DATA).startswith("later")


def test_mask() -> None:
    assert mask(None) == "" and mask("") == ""
    assert mask("ab") == "ab (2)"
    assert mask("x" * 1000) == "xxxxxx… (1000 characters)"
