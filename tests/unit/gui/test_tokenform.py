"""TokenForm.set_request: the form shows a request; request() reads it back."""

from __future__ import annotations

import pytest

from opentok_studio.core.model import Role, TokenRequest
from opentok_studio.gui.tokenform import TokenForm
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
