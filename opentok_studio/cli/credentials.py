"""Credentials from flags, then a saved profile, then the environment (spec/cli.md,
Credentials)."""

from __future__ import annotations

import argparse
from collections.abc import Mapping
from dataclasses import dataclass
from enum import Enum, auto
from pathlib import Path
from typing import Any

from opentok_studio.core.errors import CredentialsError
from opentok_studio.core.model import (
    ApplicationCredentials,
    Credentials,
    ProjectCredentials,
)
from opentok_studio.store.keyfile import read_private_key


class Need(Enum):
    """How much of a credential set a command needs."""

    SIGN = auto()  #: key + secret, or application ID + private key
    IDENTITY = auto()  #: the key or application ID alone will do


def _pick(flag: str | None, env: Mapping[str, str], name: str) -> str | None:
    value = flag if flag not in (None, "") else env.get(name) or None
    return value.strip() if value else None


def resolve(
    args: argparse.Namespace, env: Mapping[str, str], need: Need
) -> Credentials | None:
    """The credentials to use, or None when none are given and none are needed.

    A flag is paired with an environment variable only when the environment
    names no other key: mixing one project's key with another's secret would
    sign tokens that every server refuses.

    Raises:
        CredentialsError: none or an incomplete set where one is needed, a
            conflict, or a private key file that cannot be used.
    """
    project_flags = args.api_key or args.api_secret
    app_flags = args.application_id or args.private_key
    profile = getattr(args, "profile", None)
    if profile and not (project_flags or app_flags):
        return _saved(profile, env)
    if project_flags and app_flags:
        raise CredentialsError(
            "give an OpenTok project (--api-key/--api-secret) or a Vonage "
            "application (--application-id/--private-key), not both"
        )
    if app_flags or (
        not project_flags
        and _has_env(env, _APPLICATION)
        and not _has_env(env, _PROJECT)
    ):
        return _application(args, env, need)
    if project_flags or _has_env(env, _PROJECT):
        return _project(args, env, need)
    if need is Need.SIGN:
        raise CredentialsError(
            "no credentials: give --api-key and --api-secret (or set "
            "OPENTOK_API_KEY and OPENTOK_API_SECRET), or --application-id and "
            "--private-key (VONAGE_APPLICATION_ID, VONAGE_PRIVATE_KEY_PATH)"
        )
    return None


def profile_defaults(args: argparse.Namespace) -> dict[str, Any]:
    """The token defaults of ``--profile`` when it supplies the credentials."""
    name = getattr(args, "profile", None)
    flags = args.api_key or args.api_secret or args.application_id or args.private_key
    if not name or flags:
        return {}
    from opentok_studio.store.paths import profiles_file
    from opentok_studio.store.profiles import ProfileFile

    return dict(ProfileFile(profiles_file()).get(name).defaults)


def _saved(name: str, env: Mapping[str, str]) -> Credentials:
    # The keyring (and hvac, for vault:) loads only here: other commands never
    # pay for it.
    from opentok_studio.store.credentials import load_credentials
    from opentok_studio.store.paths import profiles_file
    from opentok_studio.store.profiles import ProfileFile

    return load_credentials(ProfileFile(profiles_file()).get(name), env)


@dataclass(frozen=True, slots=True)
class _Kind:
    """One kind of credentials: its flags, variables and words (``{id}`` is the
    key or application ID given, ``{env_id}`` the one in the environment)."""

    id_flag: str
    secret_flag: str
    id_env: str
    secret_env: str
    orphan: str  #: the secret came without an ID
    foreign: str  #: the environment's secret belongs to another ID
    missing: str  #: the ID has no secret, and one is needed


_PROJECT = _Kind(
    "api_key", "api_secret", "OPENTOK_API_KEY", "OPENTOK_API_SECRET",
    orphan="API secret given without an API key: add --api-key (or OPENTOK_API_KEY)",
    foreign="--api-key {id} has no secret: --api-secret is not given and "
    "OPENTOK_API_SECRET belongs to OPENTOK_API_KEY {env_id}",
    missing="API key {id} has no secret: add --api-secret, or better set "
    "OPENTOK_API_SECRET (flags are visible in the process list)",
)  # fmt: skip
_APPLICATION = _Kind(
    "application_id", "private_key", "VONAGE_APPLICATION_ID", "VONAGE_PRIVATE_KEY_PATH",
    orphan="private key given without an application ID: add --application-id "
    "(or VONAGE_APPLICATION_ID)",
    foreign="--application-id {id} has no private key: --private-key is not given "
    "and VONAGE_PRIVATE_KEY_PATH belongs to {env_id}",
    missing="application {id} has no private key: add --private-key PATH "
    "(or VONAGE_PRIVATE_KEY_PATH)",
)  # fmt: skip


def _has_env(env: Mapping[str, str], kind: _Kind) -> bool:
    return bool(env.get(kind.id_env) or env.get(kind.secret_env))


def _id_and_secret(
    args: argparse.Namespace, env: Mapping[str, str], need: Need, kind: _Kind
) -> tuple[str, str | None]:
    """The ID and its secret (or key path) from the flags, else the environment."""
    id_flag = getattr(args, kind.id_flag)
    env_id = env.get(kind.id_env) or None
    ident = _pick(id_flag, env, kind.id_env)
    secret = getattr(args, kind.secret_flag) or None
    if secret is None and env.get(kind.secret_env):
        if id_flag and env_id and env_id.strip() != ident:
            raise CredentialsError(kind.foreign.format(id=ident, env_id=env_id))
        secret = env[kind.secret_env]
    if ident is None:
        raise CredentialsError(kind.orphan)
    if secret is None and need is Need.SIGN:
        raise CredentialsError(kind.missing.format(id=ident))
    return ident, secret


def _project(
    args: argparse.Namespace, env: Mapping[str, str], need: Need
) -> Credentials:
    key, secret = _id_and_secret(args, env, need, _PROJECT)
    return ProjectCredentials(key, secret.strip() if secret else None)


def _application(
    args: argparse.Namespace, env: Mapping[str, str], need: Need
) -> Credentials:
    app_id, path = _id_and_secret(args, env, need, _APPLICATION)
    if path is None:
        return ApplicationCredentials(app_id)
    return ApplicationCredentials(app_id, read_private_key(Path(path)))
