"""The form: set_request shows a request and request() reads it back; its
session hint says what core/belonging.py says, as the Decode tab's does."""

from __future__ import annotations

import pytest

from opentok_studio.core.belonging import judge_session
from opentok_studio.core.model import Role, TokenRequest
from opentok_studio.gui.mainwindow import MainWindow
from opentok_studio.gui.tokenform import TokenForm
from opentok_studio.gui.widgets import HintState
from tests.helpers import vectors


@pytest.fixture
def form(qtbot) -> TokenForm:  # type: ignore[no-untyped-def]
    made = TokenForm()
    qtbot.addWidget(made)
    return made


def test_set_request_round_trips(form: TokenForm) -> None:
    request = TokenRequest(
        session_id=vectors.SID,
        role=Role.SUBSCRIBER,
        data="name=Ann",
        expire_in=3600,
        layout_classes=("focus", "full"),
    )
    form.set_request(request)
    assert form.request() == request


def test_set_request_without_lifetime_takes_the_default(form: TokenForm) -> None:
    form.expiry.set_preset(900)
    form.set_request(TokenRequest(session_id=vectors.SID))
    assert form.expiry.expiry() == (None, 86400)
    assert form.data.toPlainText() == ""


def test_set_request_emits_request_changed(qtbot, form: TokenForm) -> None:
    with qtbot.waitSignal(form.requestChanged):
        form.set_request(TokenRequest(session_id=vectors.SID))


def test_set_session_id_leaves_the_rest(form: TokenForm) -> None:
    form.data.setPlainText("name=Ann")
    form.set_session_id(vectors.SID)
    assert form.request().session_id == vectors.SID
    assert form.request().data == "name=Ann"


#: Vector key-in-other-field: the opentok SDK signs for it, the service refuses.
KEY_IN_OTHER_FIELD = "1_MX45OTl-fjQ2MTIzNDU3fnJ-fg"


def test_the_form_warns_in_the_core_wording(qtbot, ready: MainWindow) -> None:
    ready.form.session_id.setText(KEY_IN_OTHER_FIELD)
    verdict = judge_session(KEY_IN_OTHER_FIELD, vectors.API_KEY)
    assert ready.form.session_hint.state is HintState.WARN
    assert verdict.text is not None and verdict.text in ready.form.session_hint.text()
    assert ready.form.generate.isEnabled()  # the SDK's rule lets it through
    ready.form.session_id.setText(vectors.SID)
    assert ready.form.session_hint.state is HintState.OK
    assert f"Belongs to {vectors.API_KEY}." in ready.form.session_hint.text()


def test_the_decode_tab_says_the_same(qtbot, ready: MainWindow) -> None:
    tab = ready.decode_tab
    tab.session.setText(KEY_IN_OTHER_FIELD)
    tab.refresh()
    text = judge_session(KEY_IN_OTHER_FIELD, vectors.API_KEY).text
    assert text is not None and text in tab.session_hint.text()
    assert tab.session_hint.state is HintState.ERROR
