"""gui/scanmodel.py: a row per token found, sorted by number, filtered by verdict."""

from __future__ import annotations

from opentok_studio.core import ProjectCredentials, TokenRequest, make_token
from opentok_studio.core.scan import scan
from opentok_studio.gui.scanmodel import (
    SORT_ROLE,
    TOKEN_ROLE,
    ScanModel,
    Verdict,
    VerdictFilter,
)
from tests.helpers import vectors

NOW = vectors.MADE_AT
CREDS = ProjectCredentials(vectors.API_KEY, vectors.API_SECRET)


def _result():  # type: ignore[no-untyped-def]
    fresh = make_token(TokenRequest(vectors.SID), CREDS, now=NOW)
    stale = make_token(TokenRequest(vectors.SID, expire_in=60), CREDS, now=NOW - 3600)
    log = f"connect {stale}\nconnect {fresh}\n"
    return scan([log], CREDS, now=NOW), stale, fresh


def test_rows_hold_each_token_in_order(qtbot) -> None:
    result, stale, fresh = _result()
    model = ScanModel()
    model.set_result(result)
    assert model.rowCount() == 2
    tokens = [model.data(model.index(r, 0), TOKEN_ROLE) for r in range(2)]
    assert tokens == [stale, fresh]
    assert [model.data(model.index(r, 0), SORT_ROLE) for r in range(2)] == [1, 2]
    model.set_result(None)
    assert model.rowCount() == 0


def test_the_filter_shows_refused_or_fine_tokens(qtbot) -> None:
    result, stale, fresh = _result()
    model = ScanModel()
    model.set_result(result)
    proxy = VerdictFilter()
    proxy.setSourceModel(model)
    seen = {}
    for verdict in Verdict:
        proxy.set_verdict(verdict)
        seen[verdict] = [
            proxy.data(proxy.index(r, 0), TOKEN_ROLE) for r in range(proxy.rowCount())
        ]
    assert seen == {
        Verdict.ALL: [stale, fresh],
        Verdict.PROBLEMS: [stale],
        Verdict.OK: [fresh],
    }
