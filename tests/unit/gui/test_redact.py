"""Presenter mode's redaction of the account's identifiers (gui/redact.py)."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from opentok_studio.gui import redact
from tests.helpers import vectors


@pytest.fixture
def presenting() -> Iterator[None]:
    redact.set_presenter(True)
    redact.set_identifiers(
        api_key=vectors.API_KEY,
        secrets=(vectors.API_SECRET, str(vectors.PEM_PATH)),
    )
    yield
    redact.set_presenter(False)
    redact.set_identifiers()


def test_off_changes_nothing() -> None:
    redact.set_identifiers(api_key=vectors.API_KEY)
    assert redact.redact(f"Belongs to {vectors.API_KEY}.") == (
        f"Belongs to {vectors.API_KEY}."
    )


@pytest.mark.usefixtures("presenting")
@pytest.mark.parametrize(
    ("text", "shown"),
    [
        (f"Session of {vectors.API_KEY}, created", "Session of this project, created"),
        (
            f"created by API key {vectors.OTHER_KEY}, not this key {vectors.API_KEY}",
            "created by another account, not this project",
        ),
        (f"secret {vectors.API_SECRET}", "secret (hidden)"),
        (f"key file {vectors.PEM_PATH}", "key file (hidden)"),
        ("application a1b2c3d4-0000-4000-8000-0123456789ab", "another account"),
        # Times, base64 and long numbers are no account's.
        ('"exp": 1793491200', '"exp": 1793491200'),
        (vectors.SID, vectors.SID),
        ("1004 / 1000 characters", "1004 / 1000 characters"),
    ],
)
def test_identifiers_are_worded_not_shown(text: str, shown: str) -> None:
    assert redact.redact(text) == shown


@pytest.mark.usefixtures("presenting")
def test_a_decoded_tokens_own_identifiers() -> None:
    assert redact.redact("made for app-x", others=("app-x",)) == (
        "made for another account"
    )
