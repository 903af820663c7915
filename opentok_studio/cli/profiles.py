"""`profile list|add|show|remove|export|import`: saved credentials; a secret is
in the keyring or named by a reference (env:, vault:), never in a file."""

from __future__ import annotations

import argparse
import getpass
import json
from pathlib import Path
from typing import Any

from opentok_studio.cli.render import terminal_safe
from opentok_studio.cli.streams import ExitCode, Io
from opentok_studio.core.errors import (
    CredentialsError,
    SecretNotRemovedError,
    StoreError,
)
from opentok_studio.core.keys import pem_text
from opentok_studio.core.model import Family
from opentok_studio.core.secretref import (
    KEYRING,
    RefScheme,
    SecretRef,
    parse_secret_ref,
)
from opentok_studio.core.validate import validate_api_secret
from opentok_studio.store import secrets
from opentok_studio.store.keyfile import read_private_key
from opentok_studio.store.paths import profiles_file
from opentok_studio.store.profile import (
    Profile,
    validate_color,
    validate_defaults,
    validate_name,
)
from opentok_studio.store.profiles import ProfileFile
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
        "secret": _where(p.reference),
        "secret_ref": str(p.reference) if p.reference else None,
    }


def _where(ref: SecretRef | None) -> str | None:
    """Where the secret is read, in words (never the secret)."""
    if ref is None:
        return None
    if ref.scheme is RefScheme.ENV:
        return f"read from the environment variable {ref.name}"
    if ref.scheme is RefScheme.VAULT:
        return f"read from the vault: entry {ref.mount}/{ref.path}, field {ref.field}"
    return f"in the OS keyring (service {secrets.SERVICE})"


def run(args: argparse.Namespace, io: Io) -> ExitCode:
    """Dispatch `profile ACTION`."""
    action = {"list": _list, "add": _add, "show": _show, "remove": _remove,
              "export": _export, "import": _import}  # fmt: skip
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
        if args.private_key_ref or args.private_key or args.store_key:
            raise CredentialsError(
                "--api-key (OpenTok project) takes --secret-ref, not a private key"
            )
        ref = _ref(args.secret_ref)
        if ref.is_keyring:
            secret = _read_secret(args, io)
        elif args.secret_stdin:
            raise CredentialsError(
                f"--secret-stdin and --secret-ref {ref} exclude each other: the "
                "secret is read from the reference when a token is made"
            )
        else:
            secret = None
        profile = Profile(name, Family.PROJECT, args.api_key.strip(), label=args.label,
                          color=color, defaults=defaults,
                          secret_ref="" if ref.is_keyring else str(ref))  # fmt: skip
    else:
        if args.secret_ref or args.secret_stdin:
            raise CredentialsError(
                "--application-id (Vonage application) takes --private-key PATH "
                "or --private-key-ref REF, not --secret-ref / --secret-stdin"
            )
        key_ref = _ref(args.private_key_ref) if args.private_key_ref else None
        if key_ref is not None and not key_ref.is_keyring:
            if args.private_key or args.store_key:
                raise CredentialsError(
                    f"--private-key-ref {key_ref} reads the key from there: drop "
                    "--private-key / --store-key"
                )
            secret = None
            profile = Profile(name, Family.APPLICATION, args.application_id.strip(),
                              label=args.label, color=color, defaults=defaults,
                              secret_ref=str(key_ref))  # fmt: skip
        else:
            if not args.private_key:
                raise CredentialsError(
                    "--application-id needs --private-key PATH (or "
                    "--private-key-ref env:NAME / vault:MOUNT/PATH#FIELD)"
                )
            store_key = bool(args.store_key or key_ref is not None)  # keyring
            path = Path(args.private_key).expanduser().resolve()
            key = read_private_key(path)  # read once; refuse a key that cannot sign
            secret = pem_text(key) if store_key else None
            profile = Profile(
                name,
                Family.APPLICATION,
                args.application_id.strip(),
                private_key_path=None if store_key else str(path),
                key_in_keyring=store_key,
                label=args.label,
                color=color,
                defaults=defaults,
            )
    add_profile(store, profile, secret)  # under the file lock, rolled back on failure
    what = profile.secret_name
    where = (
        f"the {what} is in the OS keyring"
        if secret is not None
        else f"its {what} is read from {profile.secret_ref} when needed"
        if profile.secret_ref
        else f"the private key is read from the key file {profile.private_key_path}"
    )
    io.stderr.write(f"saved profile {name!r} ({where})\n")
    return ExitCode.OK


def _ref(text: str | None) -> SecretRef:
    """--secret-ref / --private-key-ref; none given means the keyring."""
    return KEYRING if text is None else parse_secret_ref(text)


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
    try:
        profile, warning = remove_profile(
            _file(), args.name, keep_secret=args.keep_secret
        )
    except SecretNotRemovedError as e:
        # Only this face has the flag: the store's words say what, this how.
        raise StoreError(
            f"{e}; or, to remove the profile and leave its secret in the "
            f"keyring: opentok-studio profile remove {e.name} --keep-secret"
        ) from None
    if warning:
        io.warn(f"profile removed, but {warning}")
    io.stderr.write(f"removed profile {profile.name!r}\n")
    return ExitCode.OK


def _export(args: argparse.Namespace, io: Io) -> ExitCode:
    """Write the chosen profiles (all by default) with references, no secret."""
    from opentok_studio.store.atomic import write_file
    from opentok_studio.store.exchange import export_text

    profiles = _file().load()
    if args.names:
        known = {p.name: p for p in profiles}
        missing = [n for n in args.names if n not in known]
        if missing:
            raise StoreError(
                f"no profile named {missing[0]!r} (profiles: "
                f"{', '.join(known) or 'none saved yet'})"
            )
        profiles = [known[n] for n in dict.fromkeys(args.names)]
    if not profiles:
        raise StoreError("no profiles to export; add one: opentok-studio profile add")
    text = export_text(profiles)  # built whole before the file is touched
    path = Path(args.output)
    try:
        write_file(path, text)
    except OSError as e:
        raise StoreError(f"{path} cannot be written: {e.strerror}") from None
    io.stderr.write(
        terminal_safe(f"exported {len(profiles)} profile(s) to {path}; no secret\n")
    )
    keyring_held = [p.name for p in profiles if p.needs_keyring]
    key_files = [p.name for p in profiles if p.reference is None]
    for names, where in (
        (keyring_held, "the secret is in your keyring"),
        (key_files, "the private key is a key file on your disk"),
    ):
        if names:
            io.warn(
                f"{', '.join(names)}: {where} and was not exported; the file marks "
                "it `fill_in` (a teammate sets secret_ref to env:NAME or "
                "vault:MOUNT/PATH#FIELD)"
            )
    return ExitCode.OK


def _import(args: argparse.Namespace, io: Io) -> ExitCode:
    """Add an export file's profiles; say what each needs; never overwrite."""
    from opentok_studio.store.exchange import import_entries, needs, read_export

    renames: dict[str, str] = {}
    for pair in args.rename:
        old, eq, new = pair.partition("=")
        if not eq or not old or not new:
            raise StoreError("--rename takes OLD=NEW (two profile names)")
        if old in renames:
            raise StoreError(f"--rename {old}=... is given twice")
        renames[old] = new
    path = Path(args.file)
    imported = import_entries(_file(), read_export(path), renames)
    io.stdout.write(
        terminal_safe(f"imported {len(imported)} profile(s) from {path}:\n")
    )
    for entry in imported:
        p = entry.profile
        mark = "  [PRODUCTION]" if p.is_production else ""
        lines = [f"{p.name}  {p.kind.value}  {p.key_id}{mark}"]
        if p.is_production:
            lines.append("  marked PRODUCTION: its tokens work on live sessions")
        lines.append(f"  needs: {needs(p, entry.fill_in)}")
        api_url = p.defaults.get("api_url")
        if api_url:
            lines.append(f"  note: session create sends signed requests to {api_url}")
        for line in lines:
            io.stdout.write(terminal_safe(line) + "\n")  # the file is outside data
    return ExitCode.OK
