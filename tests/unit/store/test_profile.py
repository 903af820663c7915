"""One profile's fields: names, colours, token defaults, secret references and
a profile read from JSON, each checked with a message that fits one line."""

from __future__ import annotations

import pytest

from opentok_studio.core.errors import StoreError
from opentok_studio.core.model import Family
from opentok_studio.store.profile import (
    Profile,
    as_dict,
    brief,
    profile_from_dict,
    validate_color,
    validate_defaults,
    validate_name,
    validate_secret_ref,
)


@pytest.mark.parametrize("name", ["", " x", "a/b", "x" * 65, "é"])
def test_bad_names(name: str) -> None:
    with pytest.raises(StoreError, match="not allowed"):
        validate_name(name)


def test_colors() -> None:
    assert validate_color("red") == "red"
    with pytest.raises(StoreError, match="not one of"):
        validate_color("pink")


@pytest.mark.parametrize(
    "key", ["colour\n\x1b[31mred", "k" * 5000, "\u202eevil", "role "]
)
def test_a_hostile_default_name_makes_one_short_line(key: str) -> None:
    # The name of a default was put in the message whole: a hostile file made
    # a long, multi-line error in the window (a mirror test's hypothesis run).
    with pytest.raises(StoreError) as caught:
        validate_defaults({key: "x"})
    message = str(caught.value)
    assert "\n" not in message and "\x1b" not in message and "\u202e" not in message
    assert len(message) < 160, len(message)
    assert message.endswith("is not allowed")


def test_known_defaults_are_checked_by_the_core() -> None:
    assert validate_defaults({"role": "moderator", "expire_in": 60}) == {
        "role": "moderator",
        "expire_in": 60,
    }
    with pytest.raises(StoreError, match="default expire_in=9999999 is not"):
        validate_defaults({"expire_in": 9_999_999})


def test_brief_cuts_a_long_value_to_one_line() -> None:
    assert brief("abc") == "'abc'"
    long = brief("x" * 500)
    assert len(long) == 60 and long.endswith("...")
    assert "\n" not in brief("a\nb")


def test_a_profile_survives_its_dict() -> None:
    profile = Profile(
        "staging", Family.APPLICATION, "app-id", private_key_path="/k.pem",
        label="careful", color="red", defaults={"role": "moderator"},
    )  # fmt: skip
    data = as_dict(profile)
    assert "secret_ref" not in data  # a version-1 entry, as older versions wrote it
    assert data["kind"] == "application"
    assert profile_from_dict(data) == profile
    assert profile.is_production and not profile.needs_keyring


@pytest.mark.parametrize(
    "item, says",
    [
        ([], "not an object"),
        ({"name": "a", "kind": "project", "key_id": " "}, "key_id is empty"),
        ({"name": "a", "kind": "project", "key_id": "1", "defaults": [1]},
         "defaults must be an object"),
        ({"name": "a", "kind": "project", "key_id": "1", "key_in_keyring": "yes"},
         "true or false"),
        ({"name": "a", "kind": "project", "key_id": "1", "extra": 1}, "unknown field"),
    ],
)  # fmt: skip
def test_a_bad_entry_says_what_is_wrong(item: object, says: str) -> None:
    keys = frozenset({"name", "kind", "key_id", "defaults", "key_in_keyring"})
    with pytest.raises(StoreError, match=says):
        profile_from_dict(item, keys=keys)


def test_secret_references_are_checked_by_the_core() -> None:
    assert validate_secret_ref("") == "" and validate_secret_ref("keyring") == ""
    assert validate_secret_ref("env:OT_SECRET") == "env:OT_SECRET"
    with pytest.raises(StoreError):
        validate_secret_ref("env:1-not-a-name")
