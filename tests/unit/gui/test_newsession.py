"""New session from the window: the UI keeps running, Cancel works, errors show."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QTimer

from opentok_studio.gui.mainwindow import MainWindow
from opentok_studio.gui.newsession import NewSessionDialog
from opentok_studio.gui.widgets import HintState
from tests.helpers import fakeapi


@pytest.fixture
def api(monkeypatch):  # type: ignore[no-untyped-def]
    with fakeapi.serve() as server:
        monkeypatch.setenv("OPENTOK_API_URL", server.url)
        yield server


def _dialog(window: MainWindow) -> NewSessionDialog:
    window.form.new_session.click()
    return window.session_dialog


def test_new_session_fills_the_form(qtbot, ready: MainWindow, api) -> None:
    dialog = _dialog(ready)
    dialog.media.setCurrentIndex(1)  # routed
    with qtbot.waitSignal(dialog.created, timeout=5000) as created:
        dialog.create_button.click()
    assert created.args == [fakeapi.NEW_SESSION]
    assert ready.form.session_id.text() == fakeapi.NEW_SESSION
    assert api.seen[-1]["form"]["p2p.preference"] == "disabled"


def test_window_stays_responsive_and_cancel_works(
    qtbot, ready: MainWindow, api
) -> None:
    api.delay = 1.5
    ticks: list[int] = []
    timer = QTimer()
    timer.timeout.connect(lambda: ticks.append(1))
    timer.start(20)
    dialog = _dialog(ready)
    dialog.create_button.click()
    assert dialog.running and dialog.busy.isVisible()
    qtbot.wait(400)
    assert len(ticks) >= 8  # the Qt loop kept turning while the request waited
    dialog.cancel.click()
    qtbot.waitUntil(lambda: not dialog.running, timeout=2000)
    assert "Cancelled" in dialog.hint.text()
    # It cannot know that no session was made: the request may have arrived.
    assert "no session was created" not in dialog.hint.text()
    assert "a session may exist there unused" in dialog.hint.text()
    assert dialog.isVisible() and dialog.create_button.isEnabled()
    timer.stop()


@pytest.mark.parametrize("scenario, words", [("403", "refused the credentials"),
                                             ("500", "HTTP 500"),
                                             ("garbage", "not valid JSON")])  # fmt: skip
def test_errors_show_in_the_dialog(
    qtbot, ready: MainWindow, api, scenario, words
) -> None:
    api.scenario = scenario
    dialog = _dialog(ready)
    dialog.create_button.click()
    qtbot.waitUntil(lambda: not dialog.running, timeout=5000)
    assert dialog.hint.state == HintState.ERROR and words in dialog.hint.text()
    assert ready.form.session_id.text() != fakeapi.NEW_SESSION


def test_timeout(qtbot, ready: MainWindow, api) -> None:
    api.delay = 1.0
    dialog = NewSessionDialog(
        ready.credentials.credentials(), api.url, ready, timeout=0.3
    )
    qtbot.addWidget(dialog)
    dialog.create_button.click()
    qtbot.waitUntil(lambda: not dialog.running, timeout=3000)
    assert "no answer within 0.3 s" in dialog.hint.text()


def test_bad_options_never_send(qtbot, ready: MainWindow, api) -> None:
    dialog = _dialog(ready)
    dialog.archive.setCurrentIndex(1)  # always, with relayed media
    dialog.create_button.click()
    assert "routed" in dialog.hint.text() and api.seen == []


def test_needs_credentials(qtbot, window: MainWindow) -> None:
    window.form.new_session.click()
    assert "needs credentials" in window.statusBar().currentMessage()


def test_plain_http_from_the_environment_is_refused(
    qtbot, ready: MainWindow, monkeypatch
) -> None:
    # One rule with the CLI (core/urls.api_base_url): the request carries a
    # credential, so a plain-http URL to another host is never used (#13).
    monkeypatch.setenv("OPENTOK_API_URL", "http://evil.invalid")
    ready.session_dialog = None
    ready.form.new_session.click()
    assert ready.session_dialog is None
    assert "plain http to evil.invalid" in ready.statusBar().currentMessage()
