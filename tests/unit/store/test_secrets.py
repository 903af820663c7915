"""The keyring wrapper: each failure mode gets a clear StoreError."""

from __future__ import annotations

import keyring
import pytest
from keyring.backends import fail

from opentok_studio.core.errors import StoreError
from opentok_studio.store import secrets
from tests.helpers.keyrings import LockedKeyring, MemoryKeyring, PlaintextKeyring


def test_round_trip() -> None:
    secrets.set_secret("p", "s3cret-profile-value-7731")
    assert secrets.get_secret("p") == "s3cret-profile-value-7731"
    assert keyring.get_keyring().store[("opentok-studio", "profile:p")]
    assert secrets.delete_secret("p") is True
    assert secrets.delete_secret("p") is False


def test_secret_deleted_behind_our_back() -> None:
    secrets.set_secret("p", "x")
    keyring.delete_password("opentok-studio", "profile:p")
    with pytest.raises(StoreError, match="missing from the keyring"):
        secrets.get_secret("p")


def test_no_keyring() -> None:
    keyring.set_keyring(fail.Keyring())
    with pytest.raises(StoreError, match="no OS keyring is available"):
        secrets.set_secret("p", "x")


def test_locked_keyring() -> None:
    keyring.set_keyring(LockedKeyring())
    with pytest.raises(StoreError, match="locked and was not unlocked"):
        secrets.get_secret("p")


def test_plaintext_backend_is_refused() -> None:
    keyring.set_keyring(PlaintextKeyring())
    with pytest.raises(StoreError, match="keeps secrets in a file on disk"):
        secrets.set_secret("p", "x")


def test_errors_never_carry_the_secret() -> None:
    keyring.set_keyring(LockedKeyring())
    with pytest.raises(StoreError) as info:
        secrets.set_secret("p", "s3cret-profile-value-7731")
    assert "s3cret" not in str(info.value)
    keyring.set_keyring(MemoryKeyring())


def test_null_and_unknown_backends_are_refused() -> None:
    from keyring.backends import null

    keyring.set_keyring(null.Keyring())
    with pytest.raises(StoreError, match="is not an OS keyring"):
        secrets.set_secret("p", "x")

    class DiskKeyring(MemoryKeyring):
        pass

    keyring.set_keyring(DiskKeyring())
    with pytest.raises(StoreError, match="is not an OS keyring"):
        secrets.get_secret("p")


def test_the_os_backends_are_trusted() -> None:
    assert ("keyring.backends.SecretService", "Keyring") in secrets.OS_BACKENDS
    assert not any(m.startswith("keyrings.alt") for m, _ in secrets.OS_BACKENDS)
