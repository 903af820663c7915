"""The Compare tab: field-by-field differences, large pastes on the worker
thread (#14, point 3), and a refresh only when what it shows changed."""

from __future__ import annotations

import time
from collections.abc import Iterator

import pytest
from PySide6.QtGui import QGuiApplication

from opentok_studio.core import TokenRequest, make_token
from opentok_studio.core.model import ProjectCredentials
from opentok_studio.gui import comparetab, decodeworker
from opentok_studio.gui.comparetab import CompareTab
from opentok_studio.gui.mainwindow import COMPARE_TAB, MainWindow
from opentok_studio.gui.tokenedit import LARGE_TEXT_CHARS, PREVIEW_CHARS
from opentok_studio.gui.widgets import HintState
from tests.helpers import vectors

#: A token fresh on the real clock: a verdict about fields, not about age
#: (an expired token is never "same access": test_expired_twin_is_not_green).
TOKEN = make_token(
    TokenRequest(vectors.SID),
    ProjectCredentials(vectors.API_KEY, vectors.API_SECRET),
    now=int(time.time()),
)
#: The hardening issue's repro, 999,998 characters.
ISSUE_PASTE = "x " + "eyJ" * 333_332
MAX_STALL = 1.0


@pytest.fixture
def tab(window: MainWindow) -> Iterator[CompareTab]:
    window.tabs.setCurrentIndex(COMPARE_TAB)
    yield window.compare_tab
    decodeworker.wait_for_idle()
    QGuiApplication.clipboard().clear()


def test_a_megabyte_paste_is_compared_while_the_loop_ticks(
    qtbot, tab: CompareTab, ticks
) -> None:
    tab.a.setPlainText(TOKEN)
    ticks.wait_ticking(qtbot)
    QGuiApplication.clipboard().setText(ISSUE_PASTE)
    tab.b.setFocus()
    tab.b.paste()
    assert tab.busy  # on the worker: the GUI thread went on at once
    assert "999,998 characters" in tab.verdict.text()
    qtbot.waitUntil(lambda: tab.verdict.state == HintState.ERROR, timeout=30_000)
    assert "no token found" in tab.verdict.text()
    assert tab.b.toPlainText() == ISSUE_PASTE[:PREVIEW_CHARS]
    assert tab.b.whole_text() == ISSUE_PASTE
    ticks.wait_ticking(qtbot)
    assert ticks.longest_gap < MAX_STALL


def test_a_stale_large_result_never_replaces_a_newer_one(qtbot, tab) -> None:
    tab.a.setPlainText(TOKEN)
    tab.b.set_text("eyJ\n" * 240_000)
    tab.refresh()
    assert tab.busy
    tab.b.set_text(TOKEN)
    tab.refresh()  # small: compared at once, on the GUI thread
    assert tab.verdict.text() == "✓ No field differs."
    assert decodeworker.wait_for_idle()
    qtbot.wait(10)  # deliver the worker's (stale) answer
    assert tab.verdict.text() == "✓ No field differs."
    assert not tab.busy


def test_small_text_stays_on_the_gui_thread(qtbot, tab) -> None:
    tab.a.setPlainText(TOKEN)
    tab.b.setPlainText(TOKEN)
    tab.refresh()
    assert not tab.busy
    assert tab.verdict.state == HintState.OK
    assert len(TOKEN) < LARGE_TEXT_CHARS


def test_credentials_refresh_only_when_they_change(qtbot, tab, monkeypatch) -> None:
    calls: list[str] = []
    real = comparetab.decode
    monkeypatch.setattr(
        comparetab, "decode", lambda t, *a, **k: calls.append(t) or real(t, *a, **k)
    )
    tab.a.setPlainText(TOKEN)
    tab.b.setPlainText(TOKEN)
    tab.refresh()
    calls.clear()
    tab.set_credentials(None)  # unchanged: nothing to do
    qtbot.wait(comparetab.DEBOUNCE_MS * 2)
    assert calls == []
    tab.set_credentials(ProjectCredentials(vectors.API_KEY, vectors.API_SECRET))
    assert calls == []  # not at once: after the debounce
    qtbot.waitUntil(lambda: len(calls) == 2)


def test_a_hidden_tab_waits_until_shown(qtbot, window: MainWindow, monkeypatch) -> None:
    window.tabs.setCurrentIndex(COMPARE_TAB)
    tab = window.compare_tab
    tab.a.setPlainText(TOKEN)
    tab.b.setPlainText(TOKEN)
    tab.refresh()
    window.tabs.setCurrentIndex(0)
    calls: list[str] = []
    real = comparetab.decode
    monkeypatch.setattr(
        comparetab, "decode", lambda t, *a, **k: calls.append(t) or real(t, *a, **k)
    )
    window.credentials.set_project(vectors.API_KEY, vectors.API_SECRET)
    qtbot.wait(comparetab.DEBOUNCE_MS * 2)
    assert calls == []
    window.tabs.setCurrentIndex(COMPARE_TAB)
    qtbot.waitUntil(lambda: len(calls) == 2)


def test_expired_twin_is_not_green(qtbot, tab: CompareTab) -> None:
    # #15: a working token and an expired one once showed "✓ Same access".
    expired = make_token(
        TokenRequest(vectors.SID, expire_in=60),
        ProjectCredentials(vectors.API_KEY, vectors.API_SECRET),
        now=int(time.time()) - 3600,
    )
    tab.a.setPlainText(TOKEN)
    tab.b.setPlainText(expired)
    tab.refresh()
    assert tab.verdict.state is HintState.WARN
    assert "token B would be refused (B: expired)" in tab.verdict.text()
    rows = {
        tab.table.item(r, 0).text(): tab.table.item(r, 2).text()
        for r in range(tab.table.rowCount())
    }
    assert rows["Problems"] == "expired"  # not ['expired']
    assert rows["Expires"].endswith("UTC")  # not epoch seconds
