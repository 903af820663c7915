"""The form's session hint and the Decode tab's say what core/belonging.py says."""

from __future__ import annotations

from opentok_studio.core.belonging import judge_session
from opentok_studio.gui.mainwindow import MainWindow
from tests.helpers import vectors

#: Vector key-in-other-field: the opentok SDK signs for it, the service refuses.
KEY_IN_OTHER_FIELD = "1_MX45OTl-fjQ2MTIzNDU3fnJ-fg"


def test_the_form_warns_in_the_core_wording(qtbot, ready: MainWindow) -> None:
    ready.form.session_id.setText(KEY_IN_OTHER_FIELD)
    verdict = judge_session(KEY_IN_OTHER_FIELD, vectors.API_KEY)
    assert ready.form.session_hint.state == "warn"
    assert verdict.text is not None and verdict.text in ready.form.session_hint.text()
    assert ready.form.generate.isEnabled()  # the SDK's rule lets it through
    ready.form.session_id.setText(vectors.SID)
    assert ready.form.session_hint.state == "ok"
    assert f"Belongs to {vectors.API_KEY}." in ready.form.session_hint.text()


def test_the_decode_tab_says_the_same(qtbot, ready: MainWindow) -> None:
    tab = ready.decode_tab
    tab.session.setText(KEY_IN_OTHER_FIELD)
    tab.refresh()
    text = judge_session(KEY_IN_OTHER_FIELD, vectors.API_KEY).text
    assert text is not None and text in tab.session_hint.text()
    assert tab.session_hint.state == "error"
