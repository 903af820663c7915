"""The credentials panel: both kinds' rows built alike, saved profiles read
through the panel (the window never reaches into the profile store)."""

from __future__ import annotations

import keyring
import pytest
from PySide6.QtWidgets import QLabel

from opentok_studio.core.model import Family, ProjectCredentials
from opentok_studio.gui.credentials import APPLICATION, PROJECT, CredentialsPanel
from opentok_studio.store.paths import profiles_file
from opentok_studio.store.profiles import Profile, ProfileFile
from tests.helpers import vectors


@pytest.fixture
def panel(qtbot, isolated) -> CredentialsPanel:  # type: ignore[no-untyped-def]
    made = CredentialsPanel()
    qtbot.addWidget(made)
    return made


@pytest.mark.parametrize(
    ("page", "buddies"),
    [
        (PROJECT, {"&API key:": "api_key", "API se&cret:": "api_secret"}),
        (
            APPLICATION,
            {"Application &ID:": "application_id", "Private ke&y:": "key_path"},
        ),  # fmt: skip
    ],
)
def test_each_row_labels_its_fields(panel, page: int, buddies: dict) -> None:
    labels = panel.pages.widget(page).findChildren(QLabel)
    assert {label.text(): label.buddy() for label in labels} == {
        text: getattr(panel, name) for text, name in buddies.items()
    }


def test_saved_credentials_by_name(panel: CredentialsPanel) -> None:
    store = ProfileFile(profiles_file())
    store.put(Profile("mine", Family.PROJECT, vectors.API_KEY))
    store.put(Profile("lost", Family.PROJECT, "46999999"))
    keyring.set_password("opentok-studio", "profile:mine", vectors.API_SECRET)
    candidates, skipped = panel.saved_credentials()
    assert candidates == [
        ("mine", ProjectCredentials(vectors.API_KEY, vectors.API_SECRET))
    ]
    assert len(skipped) == 1 and skipped[0].startswith("lost: ")


def test_api_url_from_the_environment(panel, monkeypatch) -> None:
    monkeypatch.delenv("OPENTOK_API_URL", raising=False)
    assert panel.api_url() is None
    monkeypatch.setenv("OPENTOK_API_URL", "https://api.example.com")
    assert panel.api_url() == "https://api.example.com"
