"""Secrets under misuse: refused renames, failed saves, keyring keys, raw copies."""

from __future__ import annotations

import keyring
from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication

from opentok_studio.core.errors import StoreError
from opentok_studio.gui.mainwindow import MainWindow
from opentok_studio.store.profiles import ProfileFile
from tests.helpers import vectors


def _store() -> dict:
    return keyring.get_keyring().store


def _save(window: MainWindow, name: str, secret: str) -> None:
    window.credentials.set_project(vectors.API_KEY, secret)
    assert window.credentials.profiles.save(
        name, window.credentials.credentials(), key_path=None, production=False
    )


def test_failed_save_leaves_no_secret_behind(qtbot, window, monkeypatch) -> None:
    def broken_put(self, profile, **kw):  # type: ignore[no-untyped-def]
        raise StoreError("profiles file cannot be written: No space left on device")

    monkeypatch.setattr(ProfileFile, "put", broken_put)
    window.credentials.set_project(vectors.API_KEY, vectors.API_SECRET)
    assert not window.credentials.profiles.save(
        "qa", window.credentials.credentials(), key_path=None, production=False
    )
    assert _store() == {}
    assert "No space left" in window.credentials.hint.text()


def test_keyring_key_resaves_as_a_keyring_key(qtbot, window) -> None:
    creds = window.credentials
    creds.set_application(vectors.APP_ID, str(vectors.PEM_PATH))
    creds.key_path.clear()  # as if the key had come from a profile's keyring entry
    assert creds.profiles.save(
        "a", creds.credentials(), key_path=None, production=False
    )
    creds.profiles.choose("a")
    assert creds.key_path.text() == ""  # no placeholder text posing as a path
    creds._on_key_path_edited()  # editing-finished on the empty field keeps the key
    assert creds.credentials() is not None
    assert creds.profiles.save(
        "b", creds.credentials(), key_path=None, production=False
    )
    assert "PRIVATE KEY" in _store()[("opentok-studio", "profile:b")]


def test_leaving_a_profile_clears_its_secret(qtbot, window) -> None:
    _save(window, "p", vectors.API_SECRET)
    creds = window.credentials
    creds.profiles.choose("p")
    assert creds.api_secret.text() == vectors.API_SECRET
    creds.profiles.combo.setCurrentIndex(0)
    creds.profiles._on_combo_activated(0)
    assert creds.api_secret.text() == ""


def test_ctrl_c_in_the_token_view_is_concealed_and_cleared(qtbot, ready, prefs) -> None:
    prefs.clipboard_seconds = 1
    ready.generate()
    view = ready.result.token
    view.selectAll()
    qtbot.keyClick(view, Qt.Key.Key_C, Qt.KeyboardModifier.ControlModifier)
    data = QGuiApplication.clipboard().mimeData()
    assert data.text() == ready.result.current_token()
    assert data.data("x-kde-passwordManagerHint") == b"secret"
    assert data.data("application/x-nspasteboard-concealed-type") == b"secret"
    with qtbot.waitSignal(ready.clipboard.cleared, timeout=3000):
        pass
