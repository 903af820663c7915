"""The credentials panel: both kinds' rows built alike, saved profiles read
through the panel (the window never reaches into the profile store)."""

from __future__ import annotations

import threading
import time

import keyring
import pytest
from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QLabel

from opentok_studio.core import TokenRequest, make_token
from opentok_studio.core.errors import StudioError
from opentok_studio.core.model import Family, ProjectCredentials
from opentok_studio.gui import decodeworker, profilebar
from opentok_studio.gui.credentials import APPLICATION, PROJECT, CredentialsPanel
from opentok_studio.gui.mainwindow import MainWindow
from opentok_studio.gui.widgets import HintState
from opentok_studio.store.paths import profiles_file
from opentok_studio.store.profile import Profile
from opentok_studio.store.profiles import ProfileFile
from tests.helpers import vectors
from tests.unit.cli.test_profile_vault import REF, add_vault_profile


@pytest.fixture
def panel(qtbot, isolated) -> CredentialsPanel:  # type: ignore[no-untyped-def]
    made = CredentialsPanel()
    qtbot.addWidget(made)
    return made


@pytest.mark.parametrize(
    ("page", "buddies"),
    [
        (PROJECT, {"API ke&y:": "api_key", "API se&cret:": "api_secret"}),
        (
            APPLICATION,
            {"Appli&cation ID:": "application_id", "Private ke&y:": "key_path"},
        ),  # fmt: skip
    ],
)
def test_each_row_labels_its_fields(panel, page: int, buddies: dict) -> None:
    labels = panel.pages.widget(page).findChildren(QLabel)
    assert {label.text(): label.buddy() for label in labels} == {
        text: getattr(panel, name) for text, name in buddies.items()
    }


def test_who_signed_over_the_saved_profiles(panel: CredentialsPanel) -> None:
    store = ProfileFile(profiles_file())
    store.put(Profile("mine", Family.PROJECT, vectors.API_KEY))
    store.put(Profile("lost", Family.PROJECT, "46999999"))
    keyring.set_password("opentok-studio", "profile:mine", vectors.API_SECRET)
    token = make_token(
        TokenRequest(vectors.SID),
        ProjectCredentials(vectors.API_KEY, vectors.API_SECRET),
        now=int(time.time()),
    )
    panel.profiles.reload()  # written behind the panel's back
    job, count = panel.who_signed_job(token)
    assert count == 2  # both saved profiles are checked
    result = job()
    assert list(result.names) == ["mine"]
    assert len(result.skipped) == 1 and "'lost' skipped" in result.skipped[0]


def test_api_url_from_the_environment(panel, monkeypatch) -> None:
    monkeypatch.delenv("OPENTOK_API_URL", raising=False)
    assert panel.api_url() is None
    monkeypatch.setenv("OPENTOK_API_URL", "https://api.example.com")
    assert panel.api_url() == "https://api.example.com"
    monkeypatch.setenv("OPENTOK_API_URL", "http://elsewhere.example.com")
    with pytest.raises(StudioError, match="api_url"):
        panel.api_url()  # plain http to another host never carries our JWT


def test_a_damaged_profiles_file_is_said_at_start(qtbot, prefs) -> None:  # type: ignore[no-untyped-def]
    # Walk-through 70: the error came before the panel listened; it looked
    # like "no profiles".
    path = profiles_file()
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text('{"version": 1, "profiles": [{"name": "de', encoding="utf-8")
    window = MainWindow(prefs)
    qtbot.addWidget(window)
    hint = window.credentials.hint
    assert hint.state == HintState.ERROR
    assert f"profiles file {path} is damaged" in hint.text()
    assert "Credentials typed here still work." in hint.text()
    assert window.credentials.profiles.combo.count() == 1  # only "This run only"


def test_leaving_a_profile_whose_vault_is_read_clears_the_reading_hint(
    qtbot, panel: CredentialsPanel, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Walk-through 35: "Reading vault:… for profile dev…" stayed after "This
    # run only" was chosen.
    release = threading.Event()

    def slow_load(profile: Profile) -> tuple[Profile, object]:
        release.wait(5)
        return profile, ProjectCredentials(vectors.API_KEY, vectors.API_SECRET)

    monkeypatch.setattr(profilebar, "_load", slow_load)
    add_vault_profile()
    bar = panel.profiles
    bar.reload()
    bar.choose("dev")
    assert f"Reading {REF} for profile dev" in panel.hint.text()
    bar.combo.setCurrentIndex(0)
    bar.combo.activated.emit(0)  # as when the user picks it
    assert panel.hint.text() == ""
    assert panel.hint.isHidden()
    release.set()
    assert decodeworker.wait_for_idle(5000)
    QCoreApplication.processEvents()  # the late answer's queued signal
    assert panel.hint.text() == ""
    assert panel.api_secret.text() == ""


def test_a_profile_error_ends_its_sentence_before_the_advice(
    panel: CredentialsPanel,
) -> None:
    # Walk-through 21: "…then try again Credentials typed here still work."
    panel.profiles.failed.emit(
        "Profile 'dev' could not be used: unseal, then try again"
    )
    assert panel.hint.text().endswith(
        "then try again.\nCredentials typed here still work."
    )
    panel.profiles.failed.emit("the keyring is locked.")
    assert "locked..\n" not in panel.hint.text()
    assert panel.hint.text().endswith("locked.\nCredentials typed here still work.")


def test_typing_under_a_chosen_profile_leaves_the_profile(
    qtbot, ready: MainWindow
) -> None:  # type: ignore[no-untyped-def]
    # Tokens were signed with a typed secret while "winprod" and its
    # PRODUCTION banner stayed (a walk-through of saved profiles).
    from PySide6.QtTest import QTest

    store = ProfileFile(profiles_file())
    store.put(Profile("winprod", Family.PROJECT, vectors.API_KEY, color="red"))
    keyring.set_password("opentok-studio", "profile:winprod", vectors.API_SECRET)
    panel = ready.credentials
    panel.profiles.reload()
    panel.profiles.choose("winprod")  # set from the profile: stays chosen
    assert panel.profiles.current() is not None
    assert panel.profiles.banner.isVisibleTo(panel)
    assert ready.make_tab._production == "winprod"
    QTest.keyClicks(panel.api_secret, "x")  # the user types
    assert panel.profiles.current() is None
    assert panel.profiles.combo.currentIndex() == 0
    assert not panel.profiles.banner.isVisibleTo(panel)
    assert panel.api_secret.text() == vectors.API_SECRET + "x"  # nothing cleared
    assert "no longer profile winprod's credentials" in panel.hint.text()
    assert ready.make_tab._production is None  # no production question now
