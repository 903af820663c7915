"""The window as a tester and a support person use it (#15): the working
context across restarts, the typed expiry in the form, Re-mint only for a whole
token, who signed in the report, credentials changed under a decoded token."""

from __future__ import annotations

import time
from pathlib import Path

import keyring
from PySide6.QtGui import QGuiApplication

from opentok_studio.core.model import Family
from opentok_studio.gui.mainwindow import (
    COMPARE_TAB,
    DECODE_TAB,
    HISTORY_TAB,
    MAKE_TAB,
    MainWindow,
)
from opentok_studio.gui.prefs import Prefs
from opentok_studio.gui.tokenform import MIN_WIDTH
from opentok_studio.store.paths import profiles_file
from opentok_studio.store.profile import Profile
from opentok_studio.store.profiles import ProfileFile
from tests.helpers import vectors


def _restart(qtbot, window: MainWindow, prefs: Prefs) -> MainWindow:  # type: ignore[no-untyped-def]
    window.close()
    fresh = MainWindow(prefs)
    qtbot.addWidget(fresh)
    fresh.show()
    qtbot.waitExposed(fresh)
    return fresh


def _save_profile(name: str) -> None:
    ProfileFile(profiles_file()).put(Profile(name, Family.PROJECT, vectors.API_KEY))
    keyring.set_password("opentok-studio", f"profile:{name}", vectors.API_SECRET)


# -- the working context ------------------------------------------------------------


def test_profile_session_and_tab_come_back(qtbot, window: MainWindow, prefs) -> None:  # type: ignore[no-untyped-def]
    _save_profile("staging")
    window.credentials.profiles.reload()
    window.credentials.profiles.choose("staging")
    window.form.session_id.setText(vectors.SID)
    window.tabs.setCurrentIndex(DECODE_TAB)
    fresh = _restart(qtbot, window, prefs)
    assert fresh.credentials.profiles.current().name == "staging"
    assert fresh.credentials.api_secret.text() == vectors.API_SECRET
    assert fresh.form.session_id.text() == vectors.SID
    assert fresh.tabs.currentIndex() == DECODE_TAB
    # both restored: nothing left to enter (walk-through: it said to enter both)
    assert fresh.statusBar().currentMessage() == "Ready: Ctrl+Enter makes a token."
    # nothing secret in the settings file
    settings = Path(prefs.file_name()).read_text(encoding="utf-8")
    assert vectors.API_SECRET not in settings and "staging" in settings


def test_a_first_start_says_what_to_enter(window: MainWindow) -> None:
    assert window.statusBar().currentMessage() == (
        "Ready: enter the API key, then a session ID."
    )


def test_a_deleted_profile_is_not_chosen_and_history_is_never_first(
    qtbot, window: MainWindow, prefs
) -> None:  # type: ignore[no-untyped-def]
    prefs.profile = "gone"
    window.tabs.setCurrentIndex(HISTORY_TAB)
    fresh = _restart(qtbot, window, prefs)
    assert fresh.credentials.profiles.current() is None
    assert fresh.tabs.currentIndex() == MAKE_TAB  # History is empty after a restart


# -- the typed expiry in the form ---------------------------------------------------


def test_an_invalid_typed_expiry_disables_generate_with_the_reason(
    qtbot, ready: MainWindow
) -> None:
    ready.form.expiry.set_text(
        time.strftime("%Y%m%d%H%M", time.localtime(time.time() + 40 * 86400))
    )
    assert not ready.form.generate.isEnabled()
    assert "more than 30 days ahead" in ready.form.expiry_hint.text()
    assert "Expiry" in ready.form.reason.text()
    ready.generate()
    assert not ready.result.current_token()  # never a silent old value
    ready.open_batch()
    assert "valid expiry" in ready.statusBar().currentMessage()
    ready.form.expiry.set_text("45m")
    assert ready.form.generate.isEnabled()
    ready.generate()
    decoded = ready.result.view.decoded if hasattr(ready.result, "view") else None
    assert ready.result.current_token()
    if decoded is not None:
        assert decoded.expires_at - int(time.time()) in range(2690, 2701)


def test_typed_09_30_expires_at_09_30_00(qtbot, ready: MainWindow) -> None:
    tomorrow = time.localtime(time.time() + 86400)
    ready.form.expiry.set_text(time.strftime("%Y-%m-%d 09:30", tomorrow))
    expire_time, _ = ready.form.request().expire_time, None
    assert time.strftime("%H:%M:%S", time.localtime(expire_time)) == "09:30:00"


# -- narrow windows -----------------------------------------------------------------


def test_the_form_keeps_its_width_in_a_narrow_window(qtbot, ready: MainWindow) -> None:
    ready.resize(820, 760)
    qtbot.wait(20)
    assert ready.form.width() >= MIN_WIDTH
    assert ready.form.session_id.width() > 150  # not labels only


# -- the status bar and the clipboard ------------------------------------------------


def test_the_status_bar_says_when_the_clipboard_lost_the_token(
    qtbot, ready: MainWindow
) -> None:
    ready.generate()
    ready.copy_token()
    assert "copied" in ready.statusBar().currentMessage()
    QGuiApplication.clipboard().setText("something else")
    qtbot.waitUntil(
        lambda: "no longer holds" in ready.statusBar().currentMessage(), timeout=3000
    )


# -- support ------------------------------------------------------------------------


def test_remint_only_for_a_whole_token(qtbot, ready: MainWindow) -> None:
    ready.generate()
    token = ready.result.current_token()
    tab = ready.decode_tab
    tab.set_text(token)
    assert tab.remint.isEnabled()
    tab.set_text(token[: len(token) // 2])
    assert not tab.remint.isEnabled()
    assert "No problems found" not in tab.view.text()  # never a stale verdict
    assert tab.remint.toolTip().startswith("Re-mint needs")
    ready.form.session_id.setText(vectors.SID)
    tab.remint.click()  # disabled: nothing happens
    assert ready.form.session_id.text() == vectors.SID


def test_the_report_says_who_signed_it(qtbot, ready: MainWindow) -> None:
    _save_profile("mine")
    ready.generate()
    tab = ready.decode_tab
    tab.set_text(ready.result.current_token())
    tab.who.click()
    qtbot.waitUntil(lambda: not tab.checking)
    assert tab.view.decoded.signed_by == "mine"
    assert "Signed by: profile mine" in tab.view.text()
    assert "signed by profile mine" in (tab.report_text() or "")
    tab.client_error.setText("1004 token has expired")
    tab.refresh()  # a re-check keeps the answer for the same token
    report = tab.report_text() or ""
    assert "signed by profile mine" in report and "1004 token has expired" in report


def test_a_note_when_the_credentials_changed_under_a_decoded_token(
    qtbot, ready: MainWindow
) -> None:
    ready.generate()
    token = ready.result.current_token()
    ready.tabs.setCurrentIndex(DECODE_TAB)
    ready.decode_tab.set_text(token)
    ready.tabs.setCurrentIndex(COMPARE_TAB)
    qtbot.wait(5)
    ready.compare_tab.b.set_text(token)
    ready.compare_tab.refresh()
    ready.credentials.set_project(vectors.OTHER_KEY, vectors.OTHER_SECRET)
    ready.compare_tab.refresh()
    note = ready.compare_tab.credentials_note.text()
    assert note.startswith("! Checked with the credentials above, changed at")
    ready.tabs.setCurrentIndex(DECODE_TAB)
    ready.decode_tab.refresh()
    note = ready.decode_tab.credentials_note.text()
    assert "changed at" in note and vectors.OTHER_KEY not in note
    assert "wrong_api_key" in ready.decode_tab.view.text()
    ready.decode_tab.set_text(token)  # pasted again: checked with these ones
    assert not ready.decode_tab.credentials_note.isVisible()


def test_compare_prefills_a_from_decode(qtbot, ready: MainWindow) -> None:
    ready.generate()
    token = ready.result.current_token()
    ready.tabs.setCurrentIndex(DECODE_TAB)
    ready.decode_tab.set_text(token)
    ready.tabs.setCurrentIndex(COMPARE_TAB)
    qtbot.waitUntil(lambda: ready.compare_tab.a.whole_text() == token)
    assert ready.compare_tab.use_decoded.isEnabled()
