"""The Decode tab: broken tokens pasted by support staff, each problem listed."""

from __future__ import annotations

import time
from typing import Any

import pytest

from opentok_studio.core import decode
from opentok_studio.core.errors import DecodeError
from opentok_studio.gui.mainwindow import MainWindow
from opentok_studio.gui.widgets import HintState
from tests.helpers import vectors

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
