"""The credentials panel: both kinds' rows built alike, saved profiles read
through the panel (the window never reaches into the profile store)."""

from __future__ import annotations

import time

import keyring
import pytest
from PySide6.QtWidgets import QLabel

from opentok_studio.core import TokenRequest, make_token
from opentok_studio.core.errors import StudioError
from opentok_studio.core.model import Family, ProjectCredentials
from opentok_studio.gui.credentials import APPLICATION, PROJECT, CredentialsPanel
from opentok_studio.store.paths import profiles_file
from opentok_studio.store.profile import Profile
from opentok_studio.store.profiles import ProfileFile
from tests.helpers import vectors


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
    result = panel.who_signed(token)
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
