"""gui/profilebar.py: the profile picker: choose, save, rename, delete; production
is unmistakable; a vault-held secret is read off the GUI thread (#17) and only
the newest choice is delivered. Whole-window journeys with profiles:
test_profiles_window.py and test_profiles_vault_window.py."""

from __future__ import annotations

import socket
from collections.abc import Callable
from typing import Any

import keyring
import pytest
from keyring.backends import fail
from PySide6.QtWidgets import QInputDialog, QMessageBox

from opentok_studio.core.model import (
    ApplicationCredentials,
    Family,
    ProjectCredentials,
)
from opentok_studio.gui.mainwindow import MainWindow
from opentok_studio.gui.profilebar import SESSION_ONLY, ProfileBar, SaveProfileDialog
from opentok_studio.gui.profileio import ExportProfilesDialog, ImportProfilesDialog
from opentok_studio.store.paths import profiles_file
from opentok_studio.store.profile import Profile
from opentok_studio.store.profiles import ProfileFile
from tests.conftest import VAULT_SECRET
from tests.helpers import vectors
from tests.helpers.openbao import Bao

PROJECT = ProjectCredentials(vectors.API_KEY, vectors.API_SECRET)
REF = "vault:secret/team/bar#api_secret"
#: What a bar said, signal by signal (see the ``said`` fixture).
Said = dict[str, list[Any]]


def _save(
    window: MainWindow,
    name: str,
    production: bool = False,
    secret: str = vectors.API_SECRET,
) -> None:
    window.credentials.set_project(vectors.API_KEY, secret)
    assert window.credentials.profiles.save(
        name, window.credentials.credentials(), key_path=None, production=production
    )


def _keyring() -> dict[tuple[str, str], str]:
    return keyring.get_keyring().store


@pytest.fixture
def bar(qtbot) -> ProfileBar:
    """A bar of its own over the test's (empty) profiles file, shown."""
    made = ProfileBar()
    qtbot.addWidget(made)
    made.show()
    return made


@pytest.fixture
def said(bar: ProfileBar) -> Said:
    """Every signal the bar emits, by name, in order."""
    seen: Said = {"chosen": [], "cleared": [], "failed": [],
                             "saved": [], "loading": []}  # fmt: skip
    bar.chosen.connect(lambda p, c: seen["chosen"].append((p, c)))
    bar.cleared.connect(lambda: seen["cleared"].append(None))
    for name in ("failed", "saved", "loading"):
        getattr(bar, name).connect(seen[name].append)
    return seen


def _names(bar: ProfileBar) -> list[str]:
    return [bar.combo.itemText(i) for i in range(bar.combo.count())]


# -- moved from the window's tests ----------------------------------------------


def test_production_is_unmistakable(qtbot, window: MainWindow) -> None:
    _save(window, "live", production=True)
    bar = window.credentials.profiles
    bar.choose("live")
    assert bar.combo.currentText() == "live [PRODUCTION]"
    assert bar.banner.isVisible()
    assert bar.banner.text().startswith("PRODUCTION: live")
    bar.combo.setCurrentIndex(0)
    bar._on_combo_activated(0)
    assert not bar.banner.isVisible()


def test_rename_moves_the_secret(qtbot, window: MainWindow) -> None:
    _save(window, "old")
    bar = window.credentials.profiles
    assert bar.rename("old", "new")
    store = keyring.get_keyring().store
    assert ("opentok-studio", "profile:old") not in store
    assert store[("opentok-studio", "profile:new")] == vectors.API_SECRET
    assert bar.combo.currentData() == "new"


def test_delete_asks_first(qtbot, window: MainWindow, monkeypatch) -> None:
    _save(window, "gone")
    bar = window.credentials.profiles
    bar.choose("gone")
    monkeypatch.setattr(QMessageBox, "question",
                        lambda *a, **k: QMessageBox.StandardButton.No)  # fmt: skip
    bar.delete_current()
    assert bar.combo.findData("gone") >= 0
    monkeypatch.setattr(QMessageBox, "question",
                        lambda *a, **k: QMessageBox.StandardButton.Yes)  # fmt: skip
    bar.delete_current()
    assert bar.combo.findData("gone") < 0
    assert keyring.get_keyring().store == {}


@pytest.mark.parametrize("target", ["prod", "../bad name!"])
def test_refused_rename_never_touches_another_secret(qtbot, window, target) -> None:
    _save(window, "staging", secret="STAGING-SECRET-0123456789")
    _save(window, "prod", secret="PROD-SECRET-0123456789")
    assert not window.credentials.profiles.rename("staging", target)
    assert _keyring()[("opentok-studio", "profile:prod")] == "PROD-SECRET-0123456789"
    assert ("opentok-studio", f"profile:{target}") not in _keyring() or target == "prod"
    assert len(_keyring()) == 2


def test_save_dialog_refuses_bad_names_before_closing(qtbot) -> None:
    dialog = SaveProfileDialog()
    qtbot.addWidget(dialog)
    assert not dialog.save.isEnabled()
    dialog.name.setText("a/b")
    assert not dialog.save.isEnabled() and "not allowed" in dialog.problem.text()
    dialog.name.setText("staging")
    assert dialog.save.isEnabled() and dialog.problem.text() == ""


# -- the bar on its own ---------------------------------------------------------


def test_an_empty_file_offers_this_run_only(bar: ProfileBar) -> None:
    assert _names(bar) == [SESSION_ONLY]
    assert bar.current() is None
    assert not bar.rename_button.isEnabled() and not bar.delete_button.isEnabled()
    assert not bar.banner.isVisible()


def test_save_selects_the_profile_and_says_so(bar: ProfileBar, said: Said) -> None:
    assert bar.save("staging", PROJECT, key_path=None, production=False,
                    label="EU")  # fmt: skip
    assert said["saved"] == ["Saved profile 'staging'."] and said["failed"] == []
    assert said["chosen"] == []  # saving is not choosing: nothing is reloaded
    assert bar.current() == ProfileFile(profiles_file()).get("staging")
    assert bar.current().label == "EU" and not bar.current().is_production
    assert bar.rename_button.isEnabled() and bar.delete_button.isEnabled()
    assert _keyring() == {("opentok-studio", "profile:staging"): vectors.API_SECRET}
    assert vectors.API_SECRET not in profiles_file().read_text()


@pytest.mark.parametrize(
    ("name", "credentials", "words"),
    [
        ("p", ProjectCredentials(vectors.API_KEY), "enter the API secret"),
        ("a", ApplicationCredentials(vectors.APP_ID), "choose the private key file"),
        ("a/b", PROJECT, "profile name 'a/b' is not allowed"),
    ],
)
def test_save_refuses_what_it_cannot_keep(
    bar: ProfileBar,
    said: Said,
    name: str,
    credentials: object,
    words: str,
) -> None:
    assert not bar.save(name, credentials, key_path=None, production=False)
    assert len(said["failed"]) == 1
    assert said["failed"][0].startswith("Not saved: ") and words in said["failed"][0]
    assert said["saved"] == [] and _keyring() == {}
    assert _names(bar) == [SESSION_ONLY]


def test_a_key_file_is_named_not_copied(bar: ProfileBar, said: Said) -> None:
    credentials = ApplicationCredentials(vectors.APP_ID, vectors.private_key())
    assert bar.save("app", credentials, key_path=str(vectors.PEM_PATH),
                    production=True)  # fmt: skip
    saved = ProfileFile(profiles_file()).get("app")
    assert saved.private_key_path == str(vectors.PEM_PATH)
    assert not saved.key_in_keyring and saved.is_production
    assert _keyring() == {}  # the key stays in its file
    bar.choose("app")
    (profile, loaded), = said["chosen"]  # fmt: skip
    assert profile == saved and loaded.application_id == vectors.APP_ID
    assert (
        loaded.private_key.private_numbers() == vectors.private_key().private_numbers()
    )


def test_choose_delivers_the_profile_and_its_secret(
    bar: ProfileBar, said: Said
) -> None:
    assert bar.save("staging", PROJECT, key_path=None, production=False)
    bar.reload()  # as at start-up: nothing chosen yet
    assert bar.current() is None
    bar.choose("staging")
    assert said["chosen"] == [(ProfileFile(profiles_file()).get("staging"), PROJECT)]
    bar.combo.setCurrentIndex(0)
    bar.combo.activated.emit(0)  # the user picks "this run only"
    assert said["cleared"] == [None]
    assert not bar.rename_button.isEnabled()


def test_choosing_an_unknown_name_fails_and_keeps_the_choice(
    bar: ProfileBar,
    said: Said,
) -> None:
    assert bar.save("staging", PROJECT, key_path=None, production=False)
    bar.choose("nope")
    assert said["failed"] == ["no profile named 'nope'"]
    assert bar.current().name == "staging" and said["chosen"] == []


def test_a_lost_secret_is_a_failure_naming_the_profile(
    bar: ProfileBar,
    said: Said,
) -> None:
    assert bar.save("p", PROJECT, key_path=None, production=False)
    _keyring().clear()
    bar.choose("p")
    assert said["chosen"] == []
    (message,) = said["failed"]
    assert message.startswith("Profile 'p' could not be used: ")
    assert "missing from the keyring" in message


def test_reload_keeps_a_named_choice_and_marks_production(bar: ProfileBar) -> None:
    store = ProfileFile(profiles_file())
    store.put(Profile("live", Family.PROJECT, vectors.API_KEY, color="red"))
    store.put(Profile("qa", Family.PROJECT, vectors.API_KEY))
    bar.reload(select="qa")
    assert _names(bar) == [SESSION_ONLY, "live [PRODUCTION]", "qa"]
    assert bar.current().name == "qa"
    bar.reload(select="gone")  # no longer there: back to this run only
    assert bar.current() is None


def test_a_damaged_file_is_reported_and_left_alone(bar: ProfileBar, said: Said) -> None:
    path = profiles_file()
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text("{broken")
    bar.reload()
    assert _names(bar) == [SESSION_ONLY]
    assert len(said["failed"]) == 1 and "damaged" in said["failed"][0]
    assert path.read_text() == "{broken"


def test_the_banner_names_the_label(bar: ProfileBar) -> None:
    ProfileFile(profiles_file()).put(
        Profile("live", Family.PROJECT, vectors.API_KEY, label="EU", color="red")
    )
    keyring.set_password("opentok-studio", "profile:live", vectors.API_SECRET)
    bar.reload()
    assert not bar.banner.isVisible()
    bar.choose("live")
    assert bar.banner.isVisible()
    assert bar.banner.text().startswith("PRODUCTION: live (EU). Tokens made here")
    assert bar.banner.accessibleName() == "Production warning"


def test_rename_current_asks_for_the_new_name(
    bar: ProfileBar,
    said: Said,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    assert bar.save("old", PROJECT, key_path=None, production=False)
    asked: list[str] = []

    def answer(text: str, ok: bool) -> Callable[..., tuple[str, bool]]:
        def get_text(*args: object, **kwargs: str) -> tuple[str, bool]:
            asked.append(kwargs["text"])
            return text, ok

        return get_text

    for text, ok in (("other", False), ("", True), ("old", True)):
        monkeypatch.setattr(QInputDialog, "getText", answer(text, ok))
        bar.rename_current()
    assert asked == ["old"] * 3 and bar.current().name == "old"
    assert said["saved"] == ["Saved profile 'old'."]  # no rename was tried
    monkeypatch.setattr(QInputDialog, "getText", answer("new", True))
    bar.rename_current()
    assert bar.current().name == "new" and _names(bar) == [SESSION_ONLY, "new"]
    assert said["saved"][-1] == "Renamed profile 'old' to 'new'."


def test_rename_onto_a_taken_name_says_why(bar: ProfileBar, said: Said) -> None:
    assert bar.save("a", PROJECT, key_path=None, production=False)
    assert bar.save("b", PROJECT, key_path=None, production=False)
    assert not bar.rename("a", "b")
    (message,) = said["failed"]
    assert message.startswith("Not renamed: ") and "'b'" in message
    assert _names(bar) == [SESSION_ONLY, "a", "b"]


def test_delete_clears_the_choice_and_says_so(bar: ProfileBar, said: Said) -> None:
    assert bar.save("gone", PROJECT, key_path=None, production=False)
    bar.delete("gone")
    assert said["cleared"] == [None]
    assert said["saved"][-1] == "Deleted profile 'gone'."
    assert _names(bar) == [SESSION_ONLY] and _keyring() == {}
    bar.delete("gone")
    assert len(said["failed"]) == 1 and said["failed"][0].startswith("Not deleted: ")


def test_delete_with_no_keyring_deletes_nothing(
    bar: ProfileBar,
    said: Said,
) -> None:
    # store/transaction.py: removing the profile alone would orphan its secret.
    assert bar.save("p", PROJECT, key_path=None, production=False)
    keyring.set_keyring(fail.Keyring())
    bar.delete("p")
    assert "p" in _names(bar) and said["cleared"] == []
    (message,) = said["failed"]
    assert message.startswith("Not deleted: profile 'p' was not removed")
    assert message.endswith("unlock the keyring and try again")
    assert said["saved"] == ["Saved profile 'p'."]  # no "Deleted" success line


def test_delete_current_without_a_profile_asks_nothing(
    bar: ProfileBar, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(
        QMessageBox, "question", lambda *a, **k: pytest.fail("asked with no profile")
    )
    bar.delete_current()
    assert bar.current() is None


def test_import_reloads_and_names_what_came_in(bar: ProfileBar, said: Said) -> None:
    bar.import_profiles()
    assert isinstance(bar.import_dialog, ImportProfilesDialog)
    ProfileFile(profiles_file()).put(
        Profile("team", Family.PROJECT, vectors.API_KEY, secret_ref=REF)
    )
    bar.import_dialog.imported.emit(["team"])
    bar.import_dialog.reject()
    assert _names(bar) == [SESSION_ONLY, "team"]
    assert said["saved"] == ["Imported 1 profile(s): team."]


def test_export_says_where_the_file_went(bar: ProfileBar, said: Said) -> None:
    bar.export_profiles()
    assert isinstance(bar.export_dialog, ExportProfilesDialog)
    bar.export_dialog.exported.emit("/tmp/team-profiles.json")  # noqa: S108
    bar.export_dialog.reject()
    assert said["saved"] == ["Profiles exported to /tmp/team-profiles.json."]


def test_save_dialog_trims_the_name_it_checks(qtbot) -> None:
    dialog = SaveProfileDialog()
    qtbot.addWidget(dialog)
    dialog.name.setText("  staging  ")
    assert dialog.save.isEnabled() and dialog.problem.text() == ""
    dialog.name.setText("   ")
    assert not dialog.save.isEnabled() and dialog.problem.text() != ""


# -- a vault-held secret (#17) ---------------------------------------------------


def _vault_profile(name: str = "v") -> None:
    ProfileFile(profiles_file()).put(
        Profile(name, Family.PROJECT, vectors.API_KEY, secret_ref=REF)
    )


@pytest.mark.vault
def test_a_vault_secret_is_read_off_the_gui_thread(
    qtbot,
    bar: ProfileBar,
    said: Said,
    openbao: Bao,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    openbao.client().secrets.kv.v2.create_or_update_secret(
        path="team/bar", secret={"api_secret": VAULT_SECRET}, mount_point="secret"
    )
    for name, value in openbao.env().items():
        monkeypatch.setenv(name, value)
    _vault_profile()
    bar.reload()
    with qtbot.waitSignal(bar.chosen, timeout=15_000):
        bar.choose("v")
        assert said["loading"] == [f"Reading {REF} for profile v…"]
        assert said["chosen"] == []  # not yet: the read runs on a worker
    ((profile, credentials),) = said["chosen"]
    assert profile.name == "v"
    assert credentials == ProjectCredentials(vectors.API_KEY, VAULT_SECRET)


def test_a_vault_answer_for_a_profile_left_meanwhile_is_dropped(
    qtbot,
    bar: ProfileBar,
    said: Said,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    with socket.socket() as s:  # a port with nobody on it: refused at once
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    monkeypatch.setenv("VAULT_ADDR", f"http://127.0.0.1:{port}")
    monkeypatch.setenv("VAULT_TOKEN", "t")
    _vault_profile()
    bar.reload()
    with qtbot.waitSignal(bar.failed, timeout=15_000) as failed:
        bar.choose("v")
    assert failed.args[0].startswith(
        f"Profile 'v' could not be used: secret reference {REF}"
    )
    assert "cannot reach the vault" in failed.args[0]
    # Again, but "this run only" is picked while the vault is being read.
    bar.choose("v")
    bar.combo.setCurrentIndex(0)
    bar.combo.activated.emit(0)
    qtbot.waitUntil(lambda: not bar._vault.busy, timeout=15_000)
    assert len(said["loading"]) == 2 and said["cleared"] == [None]
    assert len(said["failed"]) == 1 and said["chosen"] == []  # the late answer dropped
