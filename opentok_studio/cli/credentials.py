"""Credentials from flags, then the environment (spec/cli.md, Credentials)."""

from __future__ import annotations

import argparse
from collections.abc import Mapping
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
        not project_flags and _has_app_env(env) and not _has_project_env(env)
    ):
        return _application(args, env, need)
    if project_flags or _has_project_env(env):
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


def _has_project_env(env: Mapping[str, str]) -> bool:
    return bool(env.get("OPENTOK_API_KEY") or env.get("OPENTOK_API_SECRET"))


def _has_app_env(env: Mapping[str, str]) -> bool:
    return bool(env.get("VONAGE_APPLICATION_ID") or env.get("VONAGE_PRIVATE_KEY_PATH"))


def _project(
    args: argparse.Namespace, env: Mapping[str, str], need: Need
) -> Credentials:
    env_key = env.get("OPENTOK_API_KEY") or None
    key = _pick(args.api_key, env, "OPENTOK_API_KEY")
    secret = args.api_secret or None
    if secret is None and env.get("OPENTOK_API_SECRET"):
        if args.api_key and env_key and env_key.strip() != key:
            raise CredentialsError(
                f"--api-key {key} has no secret: --api-secret is not given and "
                f"OPENTOK_API_SECRET belongs to OPENTOK_API_KEY {env_key}"
            )
        secret = env["OPENTOK_API_SECRET"]
    if key is None:
        raise CredentialsError(
            "API secret given without an API key: add --api-key (or OPENTOK_API_KEY)"
        )
    if secret is None and need is Need.SIGN:
        raise CredentialsError(
            f"API key {key} has no secret: add --api-secret, or better set "
            "OPENTOK_API_SECRET (flags are visible in the process list)"
        )
    return ProjectCredentials(key, secret.strip() if secret else None)


def _application(
    args: argparse.Namespace, env: Mapping[str, str], need: Need
) -> Credentials:
    env_app = env.get("VONAGE_APPLICATION_ID") or None
    app_id = _pick(args.application_id, env, "VONAGE_APPLICATION_ID")
    path = args.private_key or None
    if path is None and env.get("VONAGE_PRIVATE_KEY_PATH"):
        if args.application_id and env_app and env_app.strip() != app_id:
            raise CredentialsError(
                f"--application-id {app_id} has no private key: --private-key is "
                f"not given and VONAGE_PRIVATE_KEY_PATH belongs to {env_app}"
            )
        path = env["VONAGE_PRIVATE_KEY_PATH"]
    if app_id is None:
        raise CredentialsError(
            "private key given without an application ID: add --application-id "
            "(or VONAGE_APPLICATION_ID)"
        )
    if path is None:
        if need is Need.SIGN:
            raise CredentialsError(
                f"application {app_id} has no private key: add --private-key PATH "
                "(or VONAGE_PRIVATE_KEY_PATH)"
            )
        return ApplicationCredentials(app_id)
    return ApplicationCredentials(app_id, read_private_key(Path(path)))
