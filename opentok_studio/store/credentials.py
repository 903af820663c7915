"""A saved profile -> core Credentials: the key file, the keyring or a secret
reference (env:, vault:), read once per use and kept in memory only; and
which saved profile signed a token."""

from __future__ import annotations

import os
from collections.abc import Mapping
from pathlib import Path
from typing import TYPE_CHECKING

from opentok_studio.core.errors import (
    CredentialsError,
    SecretRefError,
    StoreError,
    StudioError,
)
from opentok_studio.core.keys import load_private_key
from opentok_studio.core.model import (
    ApplicationCredentials,
    Credentials,
    Family,
    ProjectCredentials,
)
from opentok_studio.core.validate import validate_api_secret
from opentok_studio.store.keyfile import read_private_key
from opentok_studio.store.profile import Profile
from opentok_studio.store.profiles import ProfileFile
from opentok_studio.store.resolver import resolve_secret

if TYPE_CHECKING:
    from opentok_studio.core.signedby import SignedBy


def load_credentials(
    profile: Profile,
    env: Mapping[str, str] | None = None,
    *,
    unanswered: set[str] | None = None,
) -> Credentials:
    """The credentials ``profile`` names, secret included.

    Args:
        profile: the saved profile.
        env: the environment for env: and vault: references (default: the
            process's own).
        unanswered: vault addresses not to ask again (``saved_candidates``).

    Raises:
        StoreError: the keyring is unavailable, locked, or lost the secret.
        SecretRefError: an env: or vault: reference cannot be read, or what it
            holds is no API secret / private key.
        CredentialsError: the key file or stored PEM is unusable.
    """
    environ = os.environ if env is None else env
    ref = profile.reference
    if ref is None:
        if not profile.private_key_path:
            raise StoreError(
                f"profile {profile.name!r} has neither a key file nor a stored key"
            )
        key = read_private_key(Path(profile.private_key_path))
        return ApplicationCredentials(profile.key_id, key)
    secret = resolve_secret(ref, profile.name, environ, unanswered=unanswered)
    try:
        if profile.kind is Family.PROJECT:
            return ProjectCredentials(profile.key_id, validate_api_secret(secret))
        return ApplicationCredentials(profile.key_id, load_private_key(secret))
    except CredentialsError as e:
        if ref.is_keyring:
            raise
        # The message says what the value looks like, never the value.
        raise SecretRefError(str(ref), f"what it holds is unusable: {e}") from None


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
    # A vault that did not answer for one profile is not waited for again.
    unanswered: set[str] = set()
    for profile in store.load():
        try:
            candidates.append(
                (profile.name, load_credentials(profile, unanswered=unanswered))
            )
        except StudioError as e:
            skipped.append(f"profile {profile.name!r} skipped: {e}")
    return candidates, skipped
