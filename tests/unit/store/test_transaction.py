"""Keyring + profile file changes roll back together (#13)."""

from __future__ import annotations

from pathlib import Path

import keyring
import pytest

from opentok_studio.core.errors import (
    ProfileExistsError,
    SecretNotRemovedError,
    StoreError,
)
from opentok_studio.core.model import Family
from opentok_studio.store import secrets
from opentok_studio.store.paths import profiles_file
from opentok_studio.store.profile import Profile
from opentok_studio.store.profiles import ProfileFile
from opentok_studio.store.transaction import add_profile, remove_profile, rename_profile
from tests.helpers.keyrings import LockedKeyring


@pytest.fixture
def store(isolated: Path) -> ProfileFile:
    return ProfileFile(profiles_file())


def stored() -> dict[str, str]:
    return {user: secret for (_, user), secret in keyring.get_keyring().store.items()}


def broken_save(self: ProfileFile, profiles: list[Profile]) -> None:
    raise StoreError("disk full")


def test_failed_file_write_removes_the_secret(store, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    monkeypatch.setattr(ProfileFile, "save", broken_save)
    with pytest.raises(StoreError, match="disk full"):
        add_profile(store, Profile("a", Family.PROJECT, "1"), "s3cret-a")
    assert stored() == {}


def test_taken_name_leaves_the_other_secret_alone(store) -> None:  # type: ignore[no-untyped-def]
    add_profile(store, Profile("a", Family.PROJECT, "1"), "first")
    with pytest.raises(StoreError, match="exists"):
        add_profile(store, Profile("a", Family.PROJECT, "2"), "second")
    assert stored() == {"profile:a": "first"}
    assert [p.key_id for p in store.load()] == ["1"]


def test_failed_keyring_write_saves_nothing(store, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    def refuse(profile: str, secret: str) -> None:
        raise StoreError("the keyring is locked")

    monkeypatch.setattr(secrets, "set_secret", refuse)
    with pytest.raises(StoreError, match="locked"):
        add_profile(store, Profile("a", Family.PROJECT, "1"), "s")
    assert store.load() == []


def test_rename_moves_the_secret_or_nothing(store, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    add_profile(store, Profile("a", Family.PROJECT, "1"), "sa")
    add_profile(store, Profile("b", Family.PROJECT, "2"), "sb")
    with pytest.raises(StoreError, match="exists already"):
        rename_profile(store, "a", "b")
    assert stored() == {"profile:a": "sa", "profile:b": "sb"}
    with monkeypatch.context() as m:
        m.setattr(ProfileFile, "save", broken_save)
        with pytest.raises(StoreError, match="disk full"):
            rename_profile(store, "a", "c")
    assert stored() == {"profile:a": "sa", "profile:b": "sb"}
    rename_profile(store, "a", "c")
    assert stored() == {"profile:c": "sa", "profile:b": "sb"}
    assert [p.name for p in store.load()] == ["c", "b"]


def test_remove_refuses_while_the_keyring_is_locked(store, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    # Walk-through: removed with a warning, the secret was orphaned for good.
    add_profile(store, Profile("a", Family.PROJECT, "1"), "sa")
    keyring.set_keyring(LockedKeyring())
    with pytest.raises(SecretNotRemovedError) as caught:
        remove_profile(store, "a")
    assert caught.value.name == "a"
    assert str(caught.value).endswith("unlock the keyring and try again")
    assert [p.name for p in store.load()] == ["a"]  # nothing removed


def test_remove_can_keep_the_secret_when_asked(store) -> None:  # type: ignore[no-untyped-def]
    add_profile(store, Profile("a", Family.PROJECT, "1"), "sa")
    memory = keyring.get_keyring()
    keyring.set_keyring(LockedKeyring())
    profile, note = remove_profile(store, "a", keep_secret=True)
    assert profile.name == "a" and store.load() == []
    assert note and "left in the OS keyring" in note and "profile:a" in note
    assert memory.store == {("opentok-studio", "profile:a"): "sa"}


def test_a_failed_file_write_puts_the_secret_back(store, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    add_profile(store, Profile("a", Family.PROJECT, "1"), "sa")
    monkeypatch.setattr(ProfileFile, "save", broken_save)
    with pytest.raises(StoreError, match="disk full"):
        remove_profile(store, "a")
    assert stored() == {"profile:a": "sa"}


def test_lock_is_reentrant_and_a_file_beside_the_profiles(store) -> None:  # type: ignore[no-untyped-def]
    with store.locked(), store.locked():
        store.put(Profile("a", Family.PROJECT, "1"))
    assert store.lock_path == store.path.with_name("profiles.json.lock")
    assert store.lock_path.is_file()


def test_a_taken_name_is_a_profile_exists_error(store) -> None:  # type: ignore[no-untyped-def]
    add_profile(store, Profile("a", Family.PROJECT, "1"), "sa")
    add_profile(store, Profile("b", Family.PROJECT, "2"), "sb")
    with pytest.raises(ProfileExistsError) as caught:
        add_profile(store, Profile("a", Family.PROJECT, "3"), "sc")
    assert caught.value.name == "a"
    with pytest.raises(ProfileExistsError) as caught:
        rename_profile(store, "a", "b")
    assert caught.value.name == "b"
    assert stored() == {"profile:a": "sa", "profile:b": "sb"}
