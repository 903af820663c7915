"""The Decode tab: broken tokens pasted by support staff, each problem listed."""

from __future__ import annotations

import threading
import time
from typing import Any

import pytest
from PySide6.QtCore import QCoreApplication

from opentok_studio.core import decode
from opentok_studio.core.errors import DecodeError
from opentok_studio.core.model import Family
from opentok_studio.core.signedby import SignedBy
from opentok_studio.gui import decodeworker
from opentok_studio.gui.mainwindow import MainWindow
from opentok_studio.gui.widgets import HintState
from opentok_studio.store.paths import profiles_file
from opentok_studio.store.profile import Profile
from opentok_studio.store.profiles import ProfileFile
from tests.helpers import craft, vectors

BROKEN = vectors.load("broken")["cases"]


def _use_credentials(window: MainWindow, case: dict[str, Any]) -> None:
    if "api_key" in case:
        window.credentials.set_project(case["api_key"], case["secret"])
    else:
        window.credentials.set_application(
            case["application_id"], str(vectors.PEM_PATH)
        )


@pytest.mark.parametrize("case", BROKEN, ids=[c["name"] for c in BROKEN])
def test_every_problem_is_listed_with_its_fix(qtbot, window: MainWindow, case) -> None:
    _use_credentials(window, case)
    tab = window.decode_tab
    window.tabs.setCurrentWidget(tab)
    tab.set_text(case["token"])
    shown = tab.view.text()
    assert "Traceback" not in shown
    creds = vectors.credentials_of(case)
    try:
        expected = decode(case["token"], creds, now=int(time.time()))
    except DecodeError as e:
        assert tab.input_hint.state == HintState.ERROR
        assert str(e) in tab.input_hint.text()
        return
    for p in expected.problems:
        assert p.code.value in shown
        assert p.fix in shown
        if p.code.value != "expired":  # its message counts seconds
            assert p.message in shown
    if not expected.problems:
        assert "No problems found" in shown


def test_decodes_as_you_paste(qtbot, window: MainWindow) -> None:
    token = vectors.load("tokens")["cases"][0]["token"]
    tab = window.decode_tab
    with qtbot.waitSignal(tab.decoded, timeout=2000) as blocker:
        tab.input.insertPlainText(f'  "{token}"  ')
    assert blocker.args[0].session_id == vectors.SID
    assert tab.input_hint.text() == "Found inside quotes."


def test_session_field_explains_and_checks(qtbot, window: MainWindow) -> None:
    window.credentials.set_project(vectors.API_KEY, vectors.API_SECRET)
    tab = window.decode_tab
    tab.session.setText(vectors.OTHER_SID)
    tab.set_text(vectors.load("tokens")["cases"][0]["token"])
    assert "Does NOT belong to 46123457" in tab.session_hint.text()
    assert "session_mismatch" in tab.view.text()
    tab.session.setText("1_!!")
    tab.refresh()
    assert tab.session_hint.state == HintState.ERROR
    assert "must look like" in tab.session_hint.text()


def test_countdown_runs(qtbot, ready: MainWindow) -> None:
    ready.generate()
    view = ready.result.view
    assert view.countdown.text().startswith("Expires in 1 day")
    ready.form.expiry.set_preset(900)
    ready.generate()
    first = view.countdown.text()
    assert first.startswith("Expires in 15 min") or first.startswith(
        "Expires in 14 min"
    )
    qtbot.waitUntil(lambda: view.countdown.text() != first, timeout=2500)


class _SlowWhoSigned:
    """store.credentials.who_signed waiting like a vault that never answers,
    until the test lets it answer."""

    def __init__(self) -> None:
        self.release = threading.Event()
        self.tokens: list[str] = []

    def __call__(self, text: str, store: object, *, now: int) -> SignedBy:
        self.tokens.append(text)
        self.release.wait(5)  # bounded: the old code ran this on the GUI thread
        return SignedBy(("mine",), checked=1)


@pytest.fixture
def slow_who(monkeypatch) -> _SlowWhoSigned:  # type: ignore[no-untyped-def]
    fake = _SlowWhoSigned()
    monkeypatch.setattr("opentok_studio.store.credentials.who_signed", fake)
    return fake


def _decoded_token(window: MainWindow) -> str:
    ProfileFile(profiles_file()).put(Profile("mine", Family.PROJECT, vectors.API_KEY))
    window.credentials.profiles.reload()
    window.generate()
    token = window.result.current_token()
    window.decode_tab.set_text(token)
    return token


def test_who_signed_keeps_the_window_running(
    qtbot, ready: MainWindow, ticks, slow_who: _SlowWhoSigned
) -> None:
    # Walk-through 34: a vault that never answers froze the window 30.5 s.
    token = _decoded_token(ready)
    tab = ready.decode_tab
    tab.who.click()
    assert tab.checking
    assert not tab.who.isEnabled()
    assert tab.signed_hint.text() == "Checking 1 saved profile(s)…"
    ticks.wait_ticking(qtbot, 5)  # the event loop turns while the check waits
    assert slow_who.tokens == [token]
    slow_who.release.set()
    qtbot.waitUntil(lambda: not tab.checking, timeout=5000)
    assert tab.signed_hint.text() == "✓ Signed by profile mine."
    assert tab.view.decoded.signed_by == "mine"
    assert tab.who.isEnabled()


def test_a_late_who_signed_answer_about_another_token_is_dropped(
    qtbot, ready: MainWindow, slow_who: _SlowWhoSigned
) -> None:
    _decoded_token(ready)
    tab = ready.decode_tab
    tab.who.click()
    assert tab.checking
    tab.set_text(craft.hs256(craft.project_claims(int(time.time())), secret="x" * 32))
    assert not tab.checking and tab.signed_hint.text() == ""
    slow_who.release.set()
    assert decodeworker.wait_for_idle(5000)
    QCoreApplication.processEvents()  # the late answer's queued signal
    assert "Signed by" not in tab.signed_hint.text()
    assert tab.view.decoded.signed_by is None
