"""What trying the window as testers, support staff and presenters turned up."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLineEdit

from opentok_studio.core.explain import printable, time_text
from opentok_studio.core.model import TokenFormat
from opentok_studio.gui import theme
from opentok_studio.gui.mainwindow import MainWindow
from opentok_studio.gui.widgets import HintState
from tests.helpers import vectors


def test_changed_inputs_make_the_token_stale(qtbot, ready: MainWindow) -> None:
    ready.generate()
    assert ready.result.current_token()
    ready.form.role.setCurrentIndex(0)
    assert ready.result.current_token() == ""  # nothing stale is copied
    assert not ready.result.copy.isEnabled()
    assert "Generate again" in ready.result.feedback.text()
    ready.generate()
    assert ready.result.copy.isEnabled() and ready.result.feedback.text() == ""


def test_application_locks_format_to_jwt_and_restores(qtbot, ready: MainWindow) -> None:
    form = ready.form
    form.format.setCurrentIndex(form.format.findData(TokenFormat.T1))
    ready.credentials.set_application(vectors.APP_ID, str(vectors.PEM_PATH))
    assert form.format.currentData() == TokenFormat.JWT
    assert not form.format.isEnabled()
    ready.form.session_id.setText(vectors.APP_SID)
    assert form.generate.isEnabled(), form.reason.text()
    ready.credentials.kind.setCurrentIndex(0)
    assert form.format.currentData() == TokenFormat.T1 and form.format.isEnabled()


def test_choosing_a_profile_masks_the_secret(qtbot, window: MainWindow) -> None:
    creds = window.credentials
    creds.set_project(vectors.API_KEY, vectors.API_SECRET)
    assert creds.profiles.save("p", creds.credentials(), key_path=None, production=True)
    creds.reveal.setChecked(True)
    assert creds.api_secret.echoMode() is QLineEdit.EchoMode.Normal
    creds.profiles.choose("p")
    assert creds.api_secret.echoMode() is QLineEdit.EchoMode.Password


def test_theme_switch_recolours_hints(qtbot, ready: MainWindow) -> None:
    ready.form.data.setPlainText("x" * 1001)
    hint = ready.form.data_hint
    ready.set_theme(theme.Theme.LIGHT)
    light = hint.styleSheet()
    ready.set_theme(theme.Theme.DARK)
    assert hint.styleSheet() != light
    ready.set_theme(theme.Theme.SYSTEM)


def test_ctrl_enter_on_the_decode_tab_makes_nothing(qtbot, ready: MainWindow) -> None:
    ready.tabs.setCurrentIndex(1)
    qtbot.keyClick(ready.decode_tab.input, Qt.Key.Key_Return,
                   Qt.KeyboardModifier.ControlModifier)  # fmt: skip
    assert ready.tabs.currentIndex() == 1
    assert ready.result.current_token() == ""


def test_return_in_session_field_generates(qtbot, ready: MainWindow) -> None:
    qtbot.keyClick(ready.form.session_id, Qt.Key.Key_Return)
    assert ready.result.current_token()


def test_first_launch_shows_no_red_error(qtbot, window: MainWindow) -> None:
    assert window.form.session_hint.state == HintState.PLAIN
    assert window.form.session_hint.text().startswith("Required")


def test_emoji_sequences_stay_whole_but_bidi_overrides_do_not() -> None:
    family = "👩\u200d👩\u200d👧"
    assert printable(family) == family
    assert printable("a\u202eb") == "a\\u202eb"
    assert printable("a\nb") == "a\\nb"


def test_millisecond_times_are_not_rendered_as_dates() -> None:
    assert "milliseconds" in time_text(1793404800000, 1790812800)
