"""The Make token tab on its own: validation, Generate, re-mint, copy."""

from __future__ import annotations

import jwt
import pytest
from PySide6.QtGui import QGuiApplication

from opentok_studio.core.decoder import decode
from opentok_studio.core.model import ProjectCredentials, Role
from opentok_studio.gui.clipboard import ClipboardGuard
from opentok_studio.gui.maketab import MakeTab
from opentok_studio.gui.widgets import HintState
from tests.helpers import vectors

CREDENTIALS = ProjectCredentials(vectors.API_KEY, vectors.API_SECRET)


@pytest.fixture
def tab(qtbot, prefs) -> MakeTab:  # type: ignore[no-untyped-def]
    made = MakeTab(prefs, ClipboardGuard())
    qtbot.addWidget(made)
    return made


def test_not_ready_without_credentials(qtbot, tab: MakeTab) -> None:
    with qtbot.waitSignal(tab.readyChanged) as ready:
        tab.set_credentials(None, "Enter the API key.")
    assert ready.args == [False]
    assert tab.form.reason.text().endswith("Enter the API key.")
    with qtbot.assertNotEmitted(tab.generated):
        tab.generate()


def test_generate_emits_the_token_and_its_decode(qtbot, tab: MakeTab) -> None:
    tab.set_credentials(CREDENTIALS, None)
    tab.form.session_id.setText(vectors.SID)
    with qtbot.waitSignal(tab.generated) as made:
        tab.generate()
    token, decoded = made.args
    assert token == tab.result.current_token()
    assert decoded.session_id == vectors.SID
    claims = jwt.decode(token, vectors.API_SECRET, algorithms=["HS256"],
                        options={"verify_exp": False, "verify_iat": False})  # fmt: skip
    assert claims["role"] == "publisher"


def test_inputs_changed_mark_the_token_stale(qtbot, tab: MakeTab) -> None:
    tab.set_credentials(CREDENTIALS, None)
    tab.form.session_id.setText(vectors.SID)
    tab.generate()
    tab.form.data.setPlainText("x")
    assert tab.result.current_token() == ""
    assert tab.form.data_hint.state == HintState.PLAIN


def test_remint_fills_the_form_through_set_request(qtbot, tab: MakeTab) -> None:
    case = next(
        c for c in vectors.load("tokens")["cases"]
        if c["name"] == "jwt-all-options-2_sid"
    )  # fmt: skip
    tab.form.expiry.set_preset(900)
    with qtbot.waitSignal(tab.statusMessage):
        tab.remint(decode(case["token"], None, now=0))
    form = tab.form
    assert form.session_id.text() == case["expect"]["session_id"]
    assert form.role.currentData() == Role.MODERATOR
    assert form.data.toPlainText() == case["expect"]["connection_data"]
    assert form.layout_classes.text() == "a b"
    assert form.expiry.expiry() == (None, 86400)  # a fresh default lifetime


def test_copy_conceals_and_says_so(qtbot, tab: MakeTab, prefs) -> None:
    prefs.clipboard_seconds = 0
    with qtbot.waitSignal(tab.statusMessage) as said:
        tab.copy_token()
    assert said.args == ["Nothing to copy yet: generate a token first."]
    tab.set_credentials(CREDENTIALS, None)
    tab.form.session_id.setText(vectors.SID)
    tab.generate()
    tab.copy_token()
    assert QGuiApplication.clipboard().text() == tab.result.current_token()
    assert "clearing is off" in tab.result.feedback.text()
    QGuiApplication.clipboard().clear()


@pytest.mark.parametrize(
    ("missing", "session", "said"),
    [
        ("Enter the API key.", "", "Ready: enter the API key, then a session ID."),
        ("Enter the API secret.", vectors.SID, "Ready: enter the API secret."),
        (None, "", "Ready: enter a session ID."),
        (None, vectors.SID, "Ready: Ctrl+Enter makes a token."),
    ],
)
def test_the_ready_message_says_what_is_still_missing(
    tab: MakeTab, missing: str | None, session: str, said: str
) -> None:
    # Walk-through: "enter credentials and a session ID" with both filled.
    tab.form.session_id.setText(session)
    tab.set_credentials(None if missing else CREDENTIALS, missing)
    assert tab.ready_message() == said


def test_the_status_bar_ready_line_follows_generate(qtbot, window) -> None:  # type: ignore[no-untyped-def]
    # Walk-through 21, 58: "Ready: Ctrl+Enter makes a token." under a
    # disabled Generate.
    bar = window.statusBar()
    window.credentials.set_project(vectors.API_KEY, vectors.API_SECRET)
    window.form.session_id.setText(vectors.SID)
    qtbot.waitUntil(lambda: window.make_tab.form.generate.isEnabled(), timeout=2000)
    qtbot.waitUntil(
        lambda: bar.currentMessage() == "Ready: Ctrl+Enter makes a token.",
        timeout=2000,
    )
    window.credentials.api_secret.clear()  # e.g. a profile deleted, a vault sealed
    qtbot.waitUntil(lambda: not window.make_tab.form.generate.isEnabled(), timeout=2000)
    qtbot.waitUntil(
        lambda: bar.currentMessage() == "Ready: enter the API secret.", timeout=2000
    )
    bar.showMessage("Created a new session; it is in the form.")
    window.credentials.api_secret.setText(vectors.API_SECRET)
    qtbot.waitUntil(lambda: window.make_tab.form.generate.isEnabled(), timeout=2000)
    assert bar.currentMessage() == "Created a new session; it is in the form."
