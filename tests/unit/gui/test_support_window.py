"""The support desk in the window: doctor ranking, who signed, report, re-mint,
compare, and the SDK call dialog."""

from __future__ import annotations

import time

import keyring
from PySide6.QtGui import QGuiApplication

from opentok_studio.core.model import Family, Role
from opentok_studio.gui.mainwindow import MainWindow
from opentok_studio.gui.snippetsdialog import SnippetsDialog
from opentok_studio.gui.widgets import HintState
from opentok_studio.store.paths import profiles_file
from opentok_studio.store.profile import Profile
from opentok_studio.store.profiles import ProfileFile
from tests.helpers import craft, vectors

OTHER_KEY_EXPIRED = next(
    c["token"] for c in vectors.load("broken")["cases"]
    if c["name"] == "jwt-session-of-other-key"
)  # fmt: skip


def test_client_error_reorders_the_doctor(qtbot, ready: MainWindow) -> None:
    tab = ready.decode_tab
    tab.set_text(OTHER_KEY_EXPIRED)
    assert tab.view.decoded.problems[0].code.value == "session_of_other_key"
    tab.client_error.setText("1004 token has expired")
    tab.refresh()
    assert tab.view.decoded.problems[0].code.value == "expired"
    shown = tab.view.text()
    assert shown.index("expired:") < shown.index("session_of_other_key:")


def test_who_signed_this(qtbot, ready: MainWindow) -> None:
    store = ProfileFile(profiles_file())
    for name, secret in (("other", vectors.OTHER_SECRET), ("mine", vectors.API_SECRET)):
        store.put(Profile(name, Family.PROJECT, vectors.API_KEY))
        keyring.set_password("opentok-studio", f"profile:{name}", secret)
    ready.generate()
    ready.decode_tab.set_text(ready.result.current_token())
    ready.decode_tab.who.click()
    qtbot.waitUntil(lambda: not ready.decode_tab.checking)
    assert ready.decode_tab.signed_hint.text() == "✓ Signed by profile mine."
    foreign = craft.hs256(craft.project_claims(int(time.time())), secret="x" * 32)
    ready.decode_tab.set_text(foreign)
    ready.decode_tab.who.click()
    qtbot.waitUntil(lambda: not ready.decode_tab.checking)
    assert "None of the 2 saved profiles" in ready.decode_tab.signed_hint.text()


def test_who_signed_judges_an_unchecked_token_with_the_signers_credentials(
    qtbot, ready: MainWindow
) -> None:
    # "? No problems found … the signature was not checked" stood beside
    # "Signed by: profile mine" (a walk-through of saved profiles).
    store = ProfileFile(profiles_file())
    store.put(Profile("mine", Family.PROJECT, vectors.API_KEY))
    keyring.set_password("opentok-studio", "profile:mine", vectors.API_SECRET)
    ready.generate()
    token = ready.result.current_token()
    ready.credentials.set_project("", "")  # nothing typed: the signature is unchecked
    ready.decode_tab.set_text(token)
    qtbot.waitUntil(lambda: ready.decode_tab.view.decoded is not None)
    qtbot.waitUntil(lambda: "not checked" in ready.decode_tab.view.text())
    ready.decode_tab.who.click()
    qtbot.waitUntil(lambda: not ready.decode_tab.checking)
    text = ready.decode_tab.view.text()
    assert "Signed by: profile mine" in text
    assert "Signature: ✓ valid" in text
    assert "not checked" not in text


def test_who_signed_this_without_saved_profiles(qtbot, ready: MainWindow) -> None:
    # Walk-through: "✗ None of the 0 saved profiles signed it."
    ready.generate()
    ready.decode_tab.set_text(ready.result.current_token())
    ready.decode_tab.who.click()
    qtbot.waitUntil(lambda: not ready.decode_tab.checking)
    hint = ready.decode_tab.signed_hint
    assert hint.text() == (
        "! No saved profiles to check: save the credentials with Save as… first."
    )
    assert hint.state == HintState.WARN


def test_copy_report_is_ticket_safe(qtbot, ready: MainWindow) -> None:
    ready.form.data.setPlainText("email=ann@example.com")
    ready.generate()
    token = ready.result.current_token()
    tab = ready.decode_tab
    tab.set_text(token)
    tab.report.click()
    report = QGuiApplication.clipboard().text()
    assert report.startswith("OpenTok Studio token report")
    assert "ann@example.com" not in report and token.rsplit(".", 1)[1] not in report
    assert vectors.API_SECRET not in report
    tab.unmask.setChecked(True)
    tab.report.click()
    assert "ann@example.com" in QGuiApplication.clipboard().text()


def test_remint_fills_the_form(qtbot, ready: MainWindow) -> None:
    case = next(
        c
        for c in vectors.load("tokens")["cases"]
        if c["name"] == "jwt-all-options-2_sid"
    )
    tab = ready.decode_tab
    tab.set_text(case["token"])
    tab.remint.click()
    form = ready.form
    assert ready.tabs.currentIndex() == 0
    assert form.session_id.text() == case["expect"]["session_id"]
    assert form.role.currentData() == Role.MODERATOR
    assert form.data.toPlainText() == case["expect"]["connection_data"]
    assert form.layout_classes.text() == "a b"
    ready.generate()
    assert ready.result.current_token()  # a fresh token, valid now


def test_compare_tab(qtbot, ready: MainWindow) -> None:
    ready.generate()
    a = ready.result.current_token()
    ready.form.role.setCurrentIndex(0)  # subscriber
    ready.generate()
    b = ready.result.current_token()
    tab = ready.compare_tab
    tab.a.setPlainText(a)
    tab.b.setPlainText(b)
    tab.refresh()
    fields = [tab.table.item(r, 0).text() for r in range(tab.table.rowCount())]
    assert "✱ Role" in fields
    assert (
        tab.verdict.state == HintState.ERROR
        and "Different access" in tab.verdict.text()
    )


def test_sdk_call_dialog(qtbot, ready: MainWindow, monkeypatch) -> None:
    shown: list[SnippetsDialog] = []
    monkeypatch.setattr(SnippetsDialog, "exec", lambda self: shown.append(self) or 0)
    ready.result.snippets.click()
    dialog = shown[0]
    assert [dialog.tabs.tabText(i) for i in range(dialog.tabs.count())] == [
        "Python", "Node", "PHP", "Ruby", "Java", "C#"]  # fmt: skip
    assert vectors.SID in dialog.current_code()
    assert vectors.API_SECRET not in dialog.current_code()
    dialog.copy.click()
    assert "generate_token" in QGuiApplication.clipboard().text()


def test_sdk_call_dialog_for_an_application(
    qtbot, window: MainWindow, monkeypatch
) -> None:
    shown: list[SnippetsDialog] = []
    monkeypatch.setattr(SnippetsDialog, "exec", lambda self: shown.append(self) or 0)
    window.credentials.set_application(vectors.APP_ID, str(vectors.PEM_PATH))
    window.form.session_id.setText(vectors.APP_SID)
    window.result.snippets.click()
    dialog = shown[0]
    assert [dialog.tabs.tabText(i) for i in range(dialog.tabs.count())] == [
        "Python", "Node"]  # fmt: skip
    dialog.tabs.setCurrentIndex(1)
    assert "generateClientToken" in dialog.current_code()
    assert vectors.APP_SID in dialog.current_code()
    assert "BEGIN" not in dialog.current_code()  # the key stays a file name
