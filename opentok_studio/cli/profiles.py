"""`profile list|add|show|remove`: saved credentials, secrets only in the keyring."""

from __future__ import annotations

import argparse
import getpass
import json
from pathlib import Path
from typing import Any

from opentok_studio.cli.commands import ExitCode, Io
from opentok_studio.cli.render import terminal_safe
from opentok_studio.core.errors import CredentialsError
from opentok_studio.core.keys import pem_text
from opentok_studio.core.model import Family
from opentok_studio.core.validate import validate_api_secret
from opentok_studio.store import secrets
from opentok_studio.store.keyfile import read_private_key
from opentok_studio.store.paths import profiles_file
from opentok_studio.store.profiles import (
    Profile,
    ProfileFile,
    validate_color,
    validate_defaults,
    validate_name,
)
from opentok_studio.store.reader import read_line
from opentok_studio.store.transaction import add_profile, remove_profile

#: An API secret is 40 hex characters; a line this long is not one.
MAX_SECRET_CHARS = 4096


def _file() -> ProfileFile:
    return ProfileFile(profiles_file())


def _public(p: Profile) -> dict[str, Any]:
    return {
        "name": p.name,
        "kind": p.kind.value,
        "api_key": p.key_id if p.kind is Family.PROJECT else None,
        "application_id": p.key_id if p.kind is Family.APPLICATION else None,
        "private_key_path": p.private_key_path,
        "key_in_keyring": p.key_in_keyring,
        "label": p.label,
        "color": p.color,
        "production": p.is_production,
        "defaults": p.defaults,
        "secret": f"in the OS keyring (service {secrets.SERVICE})"
        if p.needs_keyring
        else None,
    }


def run(args: argparse.Namespace, io: Io) -> ExitCode:
    """Dispatch `profile ACTION`."""
    action = {"list": _list, "add": _add, "show": _show, "remove": _remove}
    return action[args.profile_command](args, io)


def _list(args: argparse.Namespace, io: Io) -> ExitCode:
    profiles = _file().load()
    if args.json:
        io.stdout.write(
            json.dumps([_public(p) for p in profiles], indent=2, allow_nan=False) + "\n"
        )
        return ExitCode.OK
    if not profiles:
        io.stdout.write("No saved profiles. Add one: opentok-studio profile add NAME\n")
        return ExitCode.OK
    width = max(len(p.name) for p in profiles)
    for p in profiles:
        kind = p.kind.value
        mark = "  [PRODUCTION]" if p.is_production else ""
        label = f"  ({p.label})" if p.label else ""
        line = f"{p.name.ljust(width)}  {kind:11}  {p.key_id}{mark}{label}\n"
        io.stdout.write(terminal_safe(line))  # profiles.json is outside data
    return ExitCode.OK


def _show(args: argparse.Namespace, io: Io) -> ExitCode:
    profile = _file().get(args.name)
    data = _public(profile)
    if args.json:
        io.stdout.write(json.dumps(data, indent=2, allow_nan=False) + "\n")
    else:
        width = max(len(k) for k in data)
        for key, value in data.items():
            shown = "(none)" if value in (None, "") else value
            io.stdout.write(terminal_safe(f"{key.ljust(width)}  {shown}\n"))
    return ExitCode.OK


def _add(args: argparse.Namespace, io: Io) -> ExitCode:
    from opentok_studio.core.timeparse import parse_duration

    name = validate_name(args.name)
    color = validate_color(args.color)
    defaults = validate_defaults(
        {
            "role": args.default_role,
            "format": args.default_format,
            "expire_in": parse_duration(args.default_expire_in)
            if args.default_expire_in
            else None,
            "api_url": args.api_url,
        }
    )
    store = _file()
    store.check_free(name)  # before asking for a secret; again under the lock
    if bool(args.api_key) == bool(args.application_id):
        raise CredentialsError(
            "give --api-key (OpenTok project) or --application-id with "
            "--private-key (Vonage application)"
        )
    secret: str | None
    if args.api_key:
        secret = _read_secret(args, io)
        profile = Profile(name, Family.PROJECT, args.api_key.strip(), label=args.label,
                          color=color, defaults=defaults)  # fmt: skip
    else:
        if not args.private_key:
            raise CredentialsError("--application-id needs --private-key PATH")
        path = Path(args.private_key).expanduser().resolve()
        key = read_private_key(path)  # read once; refuse a key that cannot sign
        secret = pem_text(key) if args.store_key else None
        profile = Profile(
            name,
            Family.APPLICATION,
            args.application_id.strip(),
            private_key_path=None if args.store_key else str(path),
            key_in_keyring=bool(args.store_key),
            label=args.label,
            color=color,
            defaults=defaults,
        )
    add_profile(store, profile, secret)  # under the file lock, rolled back on failure
    where = (
        "the secret is in the OS keyring" if secret is not None else "no secret stored"
    )
    io.stderr.write(f"saved profile {name!r} ({where})\n")
    return ExitCode.OK


def _read_secret(args: argparse.Namespace, io: Io) -> str:
    if args.secret_stdin:
        secret = read_line(
            io.stdin,
            what="the API secret on stdin",
            limit_chars=MAX_SECRET_CHARS,
            error=CredentialsError,
        )
    else:
        if not io.stdin.isatty():
            raise CredentialsError(
                "no terminal to ask for the API secret: pipe it with --secret-stdin"
            )
        secret = getpass.getpass("API secret (hidden): ")
    if not secret.strip():
        raise CredentialsError("the API secret is empty")
    return validate_api_secret(secret.strip())


def _remove(args: argparse.Namespace, io: Io) -> ExitCode:
    profile, warning = remove_profile(_file(), args.name)
    if warning:
        io.warn(f"profile removed, but {warning}")
    io.stderr.write(f"removed profile {profile.name!r}\n")
    return ExitCode.OK
