"""store/resolver.py and load_credentials: keyring, env: (vault: is read by
store/vault.py: tests/unit/store/test_vault.py, and end to end through the CLI
in tests/unit/cli/test_profile_vault.py)."""

from __future__ import annotations

import pytest

from opentok_studio.core.errors import SecretRefError, StoreError
from opentok_studio.core.model import Family, ProjectCredentials
from opentok_studio.core.secretref import parse_secret_ref
from opentok_studio.store import secrets
from opentok_studio.store.credentials import load_credentials
from opentok_studio.store.profile import Profile
from opentok_studio.store.resolver import MAX_ENV_CHARS, resolve_secret
from tests.conftest import ENV_SECRET
from tests.helpers import vectors


def test_keyring_reference_reads_the_keyring() -> None:
    secrets.set_secret("p", ENV_SECRET)
    assert resolve_secret(parse_secret_ref("keyring"), "p", {}) == ENV_SECRET
    with pytest.raises(StoreError, match="missing from the keyring"):
        resolve_secret(parse_secret_ref("keyring"), "other", {})


def test_env_reference() -> None:
    ref = parse_secret_ref("env:OT")
    assert resolve_secret(ref, "p", {"OT": ENV_SECRET}) == ENV_SECRET
    for env, words in (({}, "is not set"), ({"OT": ""}, "is empty"),
                       ({"OT": "x" * (MAX_ENV_CHARS + 1)}, "too long")):  # fmt: skip
        with pytest.raises(SecretRefError, match=words) as caught:
            resolve_secret(ref, "p", env)
        assert caught.value.ref == "env:OT"
        assert str(caught.value).startswith("secret reference env:OT: ")


def test_load_credentials_from_env_is_checked_as_a_secret() -> None:
    profile = Profile("p", Family.PROJECT, vectors.API_KEY, secret_ref="env:OT")
    assert load_credentials(profile, {"OT": ENV_SECRET}) == ProjectCredentials(
        vectors.API_KEY, ENV_SECRET
    )
    with pytest.raises(SecretRefError, match="unusable: the API secret looks like"):
        load_credentials(profile, {"OT": vectors.pem().decode()})
    app = Profile("a", Family.APPLICATION, vectors.APP_ID, secret_ref="env:KEY")
    with pytest.raises(SecretRefError, match="env:KEY: what it holds is unusable"):
        load_credentials(app, {"KEY": ENV_SECRET})
    assert not profile.needs_keyring and not app.needs_keyring
