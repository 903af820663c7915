"""Profiles in the window: save, pick, rename, delete; production is unmistakable;
keyring failures leave session-only credentials usable."""

from __future__ import annotations

import keyring
import pytest
from keyring.backends import fail

from opentok_studio.gui.mainwindow import MainWindow
from opentok_studio.store.paths import profiles_file
from tests.helpers import vectors
from tests.helpers.keyrings import LockedKeyring


def _save(window: MainWindow, name: str, production: bool = False) -> None:
    window.credentials.set_project(vectors.API_KEY, vectors.API_SECRET)
    assert window.credentials.profiles.save(
        name, window.credentials.credentials(), key_path=None, production=production
    )


def test_save_then_pick_in_a_new_window(qtbot, window: MainWindow, prefs) -> None:
    _save(window, "staging")
    assert keyring.get_keyring().store[("opentok-studio", "profile:staging")]
    assert vectors.API_SECRET not in profiles_file().read_text()
    fresh = MainWindow(prefs)
    qtbot.addWidget(fresh)
    assert fresh.credentials.api_secret.text() == ""
    fresh.credentials.profiles.choose("staging")
    assert fresh.credentials.api_key.text() == vectors.API_KEY
    assert fresh.credentials.api_secret.text() == vectors.API_SECRET
    assert "Using profile staging" in fresh.credentials.hint.text()
    fresh.form.session_id.setText(vectors.SID)
    fresh.generate()
    assert fresh.result.current_token().startswith("eyJ")


@pytest.mark.parametrize(
    "backend, message", [(fail.Keyring, "no OS keyring"), (LockedKeyring, "locked")]
)
def test_keyring_failures_keep_the_window_usable(qtbot, window: MainWindow,
                                                 backend, message) -> None:  # fmt: skip
    _save(window, "p")
    keyring.set_keyring(backend())
    window.credentials.profiles.choose("p")
    hint = window.credentials.hint.text()
    assert message in hint and "typed here still work" in hint
    window.credentials.set_project(vectors.API_KEY, vectors.API_SECRET)
    window.form.session_id.setText(vectors.SID)
    window.generate()
    assert window.result.current_token()


def test_secret_deleted_behind_our_back(qtbot, window: MainWindow) -> None:
    _save(window, "p")
    keyring.get_keyring().store.clear()
    window.credentials.profiles.choose("p")
    assert "missing from the keyring" in window.credentials.hint.text()


def test_corrupt_profile_file_is_reported_not_overwritten(qtbot, prefs) -> None:
    path = profiles_file()
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text("{broken")
    win = MainWindow(prefs)
    qtbot.addWidget(win)
    assert win.credentials.profiles.combo.count() == 1  # session only
    win.credentials.set_project(vectors.API_KEY, vectors.API_SECRET)
    assert not win.credentials.profiles.save(
        "x", win.credentials.credentials(), key_path=None, production=False
    )
    assert "damaged" in win.credentials.hint.text()
    assert path.read_text() == "{broken"


def test_profile_defaults_fill_the_form(qtbot, window: MainWindow) -> None:
    from opentok_studio.core.model import Family, Role, TokenFormat
    from opentok_studio.store.profile import Profile
    from opentok_studio.store.profiles import ProfileFile

    store = ProfileFile(profiles_file())
    store.put(Profile("qa", Family.PROJECT, vectors.API_KEY,
                      defaults={"role": "subscriber", "format": "t1", "expire_in": 5400}))  # fmt: skip
    keyring.set_password("opentok-studio", "profile:qa", vectors.API_SECRET)
    bar = window.credentials.profiles
    bar.reload()
    bar.choose("qa")
    assert window.form.role.currentData() == Role.SUBSCRIBER
    assert window.form.format.currentData() == TokenFormat.T1
    assert window.form.expiry.expiry() == (None, 5400)
    assert window.form.expiry.buttons.checkedButton() is None


def test_a_production_profile_asks_once_per_run(qtbot, window: MainWindow) -> None:
    # #17: shared production credentials: the window asks before the first
    # token of the run with each production profile, then trusts the answer.
    _save(window, "live", production=True)
    window.credentials.profiles.choose("live")
    window.form.session_id.setText(vectors.SID)
    asked: list[str] = []
    answers = iter([False, True])
    window.make_tab.ask_production = lambda name: asked.append(name) or next(answers)
    window.generate()
    assert asked == ["live"]
    assert window.make_tab.result.current_token() in ("", None)
    assert "production profile live" in window.statusBar().currentMessage()
    window.generate()
    window.generate()
    assert asked == ["live", "live"]  # asked again after a No, never after a Yes
    assert window.make_tab.result.current_token()


def test_a_plain_profile_never_asks(qtbot, window: MainWindow) -> None:
    _save(window, "staging")
    window.credentials.profiles.choose("staging")
    window.form.session_id.setText(vectors.SID)
    window.make_tab.ask_production = lambda name: pytest.fail(f"asked for {name}")
    window.generate()
    assert window.make_tab.result.current_token()


def test_file_menu_opens_import_and_export(qtbot, window: MainWindow) -> None:
    from opentok_studio.gui.profileio import ExportProfilesDialog, ImportProfilesDialog

    file_menu = window.menuBar().actions()[0].menu()
    by_text = {a.text(): a for a in file_menu.actions()}
    by_text["&Import profiles…"].trigger()
    bar = window.credentials.profiles
    assert isinstance(bar.import_dialog, ImportProfilesDialog)
    assert bar.import_dialog.isVisible()
    bar.import_dialog.reject()
    by_text["&Export profiles…"].trigger()
    assert isinstance(bar.export_dialog, ExportProfilesDialog)
    assert bar.export_dialog.isVisible()
    bar.export_dialog.reject()
