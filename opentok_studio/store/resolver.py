"""A secret reference -> the secret, read when a token is made (#17).

The value is returned to the caller and kept nowhere else: no cache, no file,
no log. A reference that cannot be resolved is a SecretRefError naming the
reference (exit 3); there is no fallback to another copy.
"""

from __future__ import annotations

from collections.abc import Mapping

from opentok_studio.core.errors import SecretRefError
from opentok_studio.core.secretref import RefScheme, SecretRef
from opentok_studio.store import secrets

#: An API secret is 40 characters and a PEM key ~2 KiB; an environment
#: variable longer than this holds something else.
MAX_ENV_CHARS = 64 * 1024


def resolve_secret(
    ref: SecretRef,
    profile: str,
    env: Mapping[str, str],
    *,
    unanswered: set[str] | None = None,
) -> str:
    """The secret ``ref`` names for ``profile``.

    Args:
        ref: keyring, env:NAME or vault:MOUNT/PATH#FIELD.
        profile: the profile's name (the keyring entry's name).
        env: the process environment (VAULT_ADDR, VAULT_TOKEN, NAME ...).
        unanswered: vault addresses not to ask again in this run
            (store/vault.py ``read_field``).

    Raises:
        StoreError: the keyring failed (store/secrets.py says how).
        SecretRefError: an env: or vault: reference that cannot be read.
    """
    if ref.scheme is RefScheme.KEYRING:
        return secrets.get_secret(profile)
    if ref.scheme is RefScheme.ENV:
        value = env.get(ref.name)
        if value is None or not value.strip():
            raise SecretRefError(
                str(ref),
                f"the environment variable {ref.name} is "
                f"{'empty' if value is not None else 'not set'}; set it to the "
                "secret before running OpenTok Studio",
            )
        if len(value) > MAX_ENV_CHARS:
            raise SecretRefError(str(ref), f"{ref.name} is too long to be a secret")
        return value
    from opentok_studio.store.vault import read_field  # hvac only for vault:

    return read_field(ref, env, unanswered=unanswered)
