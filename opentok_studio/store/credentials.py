"""A saved profile -> core Credentials: the key file or the keyring, read once;
and which saved profile signed a token."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from opentok_studio.core.errors import StoreError, StudioError
from opentok_studio.core.keys import load_private_key
from opentok_studio.core.model import (
    ApplicationCredentials,
    Credentials,
    Family,
    ProjectCredentials,
)
from opentok_studio.store import secrets
from opentok_studio.store.keyfile import read_private_key
from opentok_studio.store.profiles import Profile, ProfileFile

if TYPE_CHECKING:
    from opentok_studio.core.signedby import SignedBy


def load_credentials(profile: Profile) -> Credentials:
    """The credentials ``profile`` names, secret included.

    Raises:
        StoreError: the keyring is unavailable, locked, or lost the secret.
        CredentialsError: the key file or stored PEM is unusable.
    """
    if profile.kind is Family.PROJECT:
        return ProjectCredentials(profile.key_id, secrets.get_secret(profile.name))
    if profile.key_in_keyring:
        key = load_private_key(secrets.get_secret(profile.name))
    elif profile.private_key_path:
        key = read_private_key(Path(profile.private_key_path))
    else:
        raise StoreError(
            f"profile {profile.name!r} has neither a key file nor a stored key"
        )
    return ApplicationCredentials(profile.key_id, key)


def who_signed(text: str, store: ProfileFile, *, now: int) -> SignedBy:
    """Check a token against every saved profile's credentials (the keyring is
    read for each); a profile whose credentials cannot be loaded is skipped and
    named in ``skipped``.

    Raises:
        StoreError: the profile file cannot be read.
    """
    # The decoder loads only here: `token --profile` never pays for it.
    from opentok_studio.core.signedby import signed_by

    candidates, skipped = saved_candidates(store)
    return signed_by(text, candidates, now=now, skipped=skipped)


def saved_candidates(
    store: ProfileFile,
) -> tuple[list[tuple[str, Credentials]], list[str]]:
    """Every saved profile's credentials, read once (``scan`` checks many
    tokens against them), and one line per profile skipped, with why.

    Raises:
        StoreError: the profile file cannot be read.
    """
    candidates: list[tuple[str, Credentials]] = []
    skipped = []
    for profile in store.load():
        try:
            candidates.append((profile.name, load_credentials(profile)))
        except StudioError as e:
            skipped.append(f"profile {profile.name!r} skipped: {e}")
    return candidates, skipped
