"""The window as testers use it: keyboard and mouse, generate, copy, clear."""

from __future__ import annotations

import base64
import hashlib
import hmac
from pathlib import Path
from urllib.parse import parse_qsl

import jwt
import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QLineEdit

from opentok_studio.gui import comparetab, decodetab
from opentok_studio.gui.mainwindow import COMPARE_TAB, DECODE_TAB, MAKE_TAB, MainWindow
from opentok_studio.gui.widgets import HintState
from tests.helpers import vectors


def _claims(token: str, secret: str = vectors.API_SECRET) -> dict:
    return jwt.decode(token, secret, algorithms=["HS256"],
                      options={"verify_exp": False, "verify_iat": False})  # fmt: skip


def test_title_and_masked_secret(qtbot, window: MainWindow) -> None:
    assert "OpenTok Studio" in window.windowTitle()
    secret = window.credentials.api_secret
    qtbot.keyClicks(secret, vectors.API_SECRET)
    assert secret.echoMode() is QLineEdit.EchoMode.Password
    assert vectors.API_SECRET not in window.windowTitle()
    qtbot.mouseClick(window.credentials.reveal, Qt.MouseButton.LeftButton)
    assert secret.echoMode() is QLineEdit.EchoMode.Normal
    assert window.credentials.reveal.accessibleName() == "Hide API secret"
    qtbot.mouseClick(window.credentials.reveal, Qt.MouseButton.LeftButton)
    assert secret.echoMode() is QLineEdit.EchoMode.Password


def test_keyboard_only_generate(qtbot, window: MainWindow) -> None:
    qtbot.keyClicks(window.credentials.api_key, vectors.API_KEY)
    qtbot.keyClicks(window.credentials.api_secret, vectors.API_SECRET)
    qtbot.keyClicks(window.form.session_id, vectors.SID)
    window.form.role.setFocus()
    qtbot.keyClick(window.form.role, Qt.Key.Key_Down)  # publisher -> publisheronly
    qtbot.keyClick(window.form.role, Qt.Key.Key_Down)  # -> moderator
    qtbot.keyClicks(window.form.data, "name=Ann")
    qtbot.keyClicks(window.form.layout_classes, "focus full")
    # Ctrl+Enter from inside the multi-line data field
    qtbot.keyClick(
        window.form.data, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier
    )
    token = window.result.current_token()
    claims = _claims(token)
    assert claims["role"] == "moderator"
    assert claims["connection_data"] == "name=Ann"
    assert claims["initial_layout_class_list"] == "focus full"
    assert claims["exp"] - claims["iat"] == 86400
    assert "No problems found" in window.result.view.text()


def test_mouse_t1_with_one_hour_preset(qtbot, ready: MainWindow) -> None:
    form = ready.form
    form.format.setCurrentIndex(form.format.findText("T1 (legacy)"))
    one_hour = form.expiry.buttons.button(3600)
    qtbot.mouseClick(one_hour, Qt.MouseButton.LeftButton)
    qtbot.mouseClick(form.generate, Qt.MouseButton.LeftButton)
    token = ready.result.current_token()
    assert token.startswith("T1==")
    text = base64.b64decode(token[4:]).decode()
    header, _, data = text.partition(":")
    sig = dict(parse_qsl(header))["sig"]
    assert sig == hmac.new(vectors.API_SECRET.encode(), data.encode(),
                           hashlib.sha1).hexdigest()  # fmt: skip
    fields = dict(parse_qsl(data))
    assert int(fields["expire_time"]) - int(fields["create_time"]) == 3600


def test_invalid_inputs_disable_generate_with_reason(qtbot, ready: MainWindow) -> None:
    form = ready.form
    assert form.generate.isEnabled()
    form.data.setPlainText("x" * 1001)
    assert not form.generate.isEnabled()
    assert not ready.generate_action.isEnabled()
    assert form.data_counter.text() == "1001 / 1000 characters: 1 over the limit"
    assert "data" in form.reason.text() and "1000" in form.reason.text()
    assert form.data_hint.state == HintState.ERROR
    form.data.setPlainText("x" * 1000)
    assert form.generate.isEnabled()

    form.session_id.setText(vectors.OTHER_SID)
    assert not form.generate.isEnabled()
    assert "belongs to API key 46999999" in form.session_hint.text()
    form.session_id.setText("")
    assert "session id" in form.reason.text().lower()
    form.session_id.setText(vectors.SID)
    assert "✓ Session of 46123457" in form.session_hint.text()

    ready.credentials.api_secret.clear()
    assert not form.generate.isEnabled()
    assert form.reason.text().endswith("Enter the API secret.")
    # Ctrl+Enter while invalid makes nothing and says why
    qtbot.keyClick(
        form.session_id, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier
    )
    assert ready.result.current_token() == ""


def test_data_counter_counts_code_points(ready: MainWindow) -> None:
    ready.form.data.setPlainText("😀" * 1000)  # 2000 UTF-16 units, 1000 characters
    assert ready.form.data_counter.text() == "1000 / 1000 characters"
    assert ready.form.generate.isEnabled()


def test_copy_then_clear(qtbot, ready: MainWindow, prefs) -> None:
    prefs.clipboard_seconds = 1
    ready.generate()
    token = ready.result.current_token()
    qtbot.mouseClick(ready.result.copy, Qt.MouseButton.LeftButton)
    clipboard = QGuiApplication.clipboard()
    assert clipboard.text() == token
    assert clipboard.mimeData().data("x-kde-passwordManagerHint") == b"secret"
    assert "clears in 1 s" in ready.result.feedback.text()
    with qtbot.waitSignal(ready.clipboard.cleared, timeout=3000):
        pass
    assert clipboard.text() == ""
    assert ready.result.feedback.text() == "Clipboard cleared."


def test_clipboard_left_alone_when_changed(qtbot, ready: MainWindow, prefs) -> None:
    prefs.clipboard_seconds = 1
    ready.generate()
    ready.copy_action.trigger()
    QGuiApplication.clipboard().setText("something the user copied")
    # Until the 1 s timer ran out and looked (it found the user's text).
    qtbot.waitUntil(lambda: not ready.clipboard.pending, timeout=3000)
    assert QGuiApplication.clipboard().text() == "something the user copied"


def test_copy_shortcut_and_clear_on_close(qtbot, ready: MainWindow, prefs) -> None:
    prefs.clipboard_seconds = 600
    ready.generate()
    qtbot.keyClick(ready, Qt.Key.Key_C,
                   Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier)  # fmt: skip
    assert QGuiApplication.clipboard().text() == ready.result.current_token()
    ready.close()
    assert QGuiApplication.clipboard().text() == ""


def test_application_credentials_make_rs256(qtbot, window: MainWindow) -> None:
    window.credentials.set_application(vectors.APP_ID, str(vectors.PEM_PATH))
    assert "RSA 2048-bit private key loaded" in window.credentials.hint.text()
    assert not window.form.format.isEnabled()
    window.form.session_id.setText(vectors.APP_SID)
    window.generate()
    token = window.result.current_token()
    public = vectors.private_key().public_key()
    claims = jwt.decode(token, public, algorithms=["RS256"],
                        options={"verify_exp": False, "verify_iat": False})  # fmt: skip
    assert claims["application_id"] == vectors.APP_ID


def test_bad_key_file_is_explained(qtbot, window: MainWindow, tmp_path) -> None:
    bad = tmp_path / "private.key"
    bad.write_text("not a key")
    window.credentials.set_application(vectors.APP_ID, str(bad))
    assert "not a PEM file" in window.credentials.hint.text()
    assert window.form.reason.text().endswith(
        "Choose the application's private key file."
    )
    window.credentials.set_application(vectors.APP_ID, str(tmp_path / "missing.key"))
    assert "does not exist" in window.credentials.hint.text()


def test_settings_hold_no_secret(qtbot, ready: MainWindow, prefs) -> None:
    ready.generate()
    token = ready.result.current_token()
    ready.close()
    text = Path(prefs.file_name()).read_text(encoding="utf-8")
    assert "geometry" in text  # it did write
    assert vectors.API_SECRET not in text and token not in text


def test_preferences_survive_a_restart(qtbot, prefs) -> None:
    win = MainWindow(prefs)
    qtbot.addWidget(win)
    win.form.format.setCurrentIndex(1)
    win.tabs.setCurrentIndex(1)
    win.close()
    again = MainWindow(prefs)
    qtbot.addWidget(again)
    assert again.tabs.currentIndex() == 1
    assert again.form.format.currentText() == "T1 (legacy)"


class _Counted:
    """Wraps a module's ``decode`` and counts the calls (#14, point 2)."""

    def __init__(self, module, monkeypatch) -> None:  # type: ignore[no-untyped-def]
        self.calls = 0
        real = module.decode

        def counting(*args, **kwargs):  # type: ignore[no-untyped-def]
            self.calls += 1
            return real(*args, **kwargs)

        monkeypatch.setattr(module, "decode", counting)


@pytest.fixture
def counted(qtbot, ready: MainWindow, monkeypatch) -> dict[str, _Counted]:
    """Decode and Compare tabs holding tokens, their decodes counted."""
    ready.generate()
    a = ready.result.current_token()
    ready.form.role.setCurrentIndex(0)
    ready.generate()
    b = ready.result.current_token()
    ready.tabs.setCurrentIndex(DECODE_TAB)
    ready.decode_tab.set_text(a)
    ready.tabs.setCurrentIndex(COMPARE_TAB)
    ready.compare_tab.a.setPlainText(a)
    ready.compare_tab.b.setPlainText(b)
    ready.compare_tab.refresh()
    ready.tabs.setCurrentIndex(MAKE_TAB)
    return {
        "decode": _Counted(decodetab, monkeypatch),
        "compare": _Counted(comparetab, monkeypatch),
    }


def _settle(qtbot) -> None:  # type: ignore[no-untyped-def]
    qtbot.wait(3 * decodetab.DEBOUNCE_MS)  # every debounce has fired


def test_typing_in_the_form_decodes_no_other_tab(qtbot, ready, counted) -> None:
    # Ten characters used to cost 11 decodes in Decode and 22 in Compare.
    qtbot.keyClicks(ready.form.data, "name=Ann42")
    _settle(qtbot)
    assert ready.form.data_counter.text().startswith("10 /")
    assert {k: c.calls for k, c in counted.items()} == {"decode": 0, "compare": 0}


def test_typed_credentials_cost_one_decode_per_visible_tab(
    qtbot, ready, counted
) -> None:
    ready.tabs.setCurrentIndex(DECODE_TAB)
    ready.credentials.api_secret.clear()
    qtbot.keyClicks(ready.credentials.api_secret, vectors.API_SECRET[:10])
    _settle(qtbot)
    assert counted["decode"].calls == 1  # through its debounce, once
    assert counted["compare"].calls == 0  # hidden: waits until shown
    ready.tabs.setCurrentIndex(COMPARE_TAB)
    qtbot.waitUntil(lambda: counted["compare"].calls == 2)  # its two tokens, once
    _settle(qtbot)
    assert counted["compare"].calls == 2
    assert counted["decode"].calls == 1


def test_typing_in_the_decode_tab_decodes_once(qtbot, ready, counted) -> None:
    ready.tabs.setCurrentIndex(DECODE_TAB)
    ready.decode_tab.session.clear()
    counted["decode"].calls = 0
    qtbot.keyClicks(ready.decode_tab.session, vectors.SID[:10])
    _settle(qtbot)
    assert counted["decode"].calls == 1
    assert counted["compare"].calls == 0
