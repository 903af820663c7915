"""Saved profiles: the non-secret half, in a small JSON file written atomically.

Secrets never enter this file: they live in the OS keyring (store/secrets.py),
or the profile names where to read them (a secret reference, #17:
core/secretref.py).
A file that is corrupt, of the wrong types, written by a newer version, or that
another user could have written (#13: its api_url receives our credentials) is
refused, never overwritten. Every change is a read-modify-write under a lock
file beside it, so concurrent writers never lose each other's profiles.
"""

from __future__ import annotations

import json
import os
import re
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import asdict, dataclass, field, replace
from pathlib import Path
from typing import Any

from opentok_studio.core import limits
from opentok_studio.core.errors import ProfileExistsError, StoreError
from opentok_studio.core.model import Family
from opentok_studio.core.secretref import (
    KEYRING,
    MAX_REF_CHARS,
    SecretRef,
    parse_secret_ref,
)
from opentok_studio.store.atomic import write_file
from opentok_studio.store.lock import file_lock
from opentok_studio.store.reader import read_text

#: The newest file layout this version reads. 2 adds ``secret_ref``; a file
#: without one is still written as 1, so an older version keeps reading it, and
#: refuses (rather than misreads) one whose secrets live elsewhere.
FORMAT_VERSION = 2
_FORMAT_WITHOUT_REFS = 1
#: A profile is ~300 bytes: a thousand of them fit many times over.
MAX_FILE_BYTES = 1024 * 1024
_NAME = re.compile(r"[A-Za-z0-9][A-Za-z0-9 ._-]{0,63}")
_COLORS = ("", "red", "orange", "green", "blue", "purple", "grey")


@dataclass(frozen=True, slots=True)
class Profile:
    """One saved set of credentials, without its secret.

    Attributes:
        name: unique, shown everywhere (never secret).
        kind: project or application.
        key_id: the API key or the application ID.
        private_key_path: a Vonage key file, when the key is not in the keyring.
        key_in_keyring: the application's PEM is stored in the keyring.
        label: free text, e.g. "production: careful".
        color: "" or a colour name; "red" marks production.
        defaults: default token options (role, format, expire_in) and the REST
            API base URL (api_url).
        secret_ref: "" when the secret is in the keyring (or, for an
            application, a key file); else ``env:NAME`` or
            ``vault:MOUNT/PATH#FIELD``, read each time it is used.
    """

    name: str
    kind: Family
    key_id: str
    private_key_path: str | None = None
    key_in_keyring: bool = False
    label: str = ""
    color: str = ""
    defaults: dict[str, Any] = field(default_factory=dict)
    secret_ref: str = ""

    @property
    def is_production(self) -> bool:
        return self.color == "red"

    @property
    def needs_keyring(self) -> bool:
        """Whether using this profile reads the OS keyring."""
        return (self.kind is Family.PROJECT and not self.secret_ref) or (
            self.key_in_keyring
        )

    @property
    def reference(self) -> SecretRef | None:
        """Where its secret (API secret or PEM) is read; None for a key file."""
        if self.secret_ref:
            return parse_secret_ref(self.secret_ref)
        return KEYRING if self.needs_keyring else None


def validate_name(name: str) -> str:
    """Profile names: 1-64 letters, digits, space, dot, dash, underscore."""
    if not _NAME.fullmatch(name):
        raise StoreError(
            f"profile name {name!r} is not allowed: use 1-64 letters, digits, "
            "spaces, '.', '-' or '_', starting with a letter or digit"
        )
    return name


#: Token options a profile may preset, checked with the core's own rules.
DEFAULT_KEYS = ("role", "format", "expire_in", "api_url")


def validate_defaults(defaults: dict[str, Any]) -> dict[str, Any]:
    """Default token options: a role, a format, a lifetime in seconds."""
    from opentok_studio.core.errors import ValidationError
    from opentok_studio.core.urls import validate_api_url
    from opentok_studio.core.validate import parse_format, parse_role

    out: dict[str, Any] = {}
    try:
        for key, value in defaults.items():
            if value in (None, ""):
                continue
            if key == "role" and isinstance(value, str):
                out[key] = parse_role(value).value
            elif key == "format" and isinstance(value, str):
                out[key] = parse_format(value).value
            elif (
                key == "expire_in"
                and isinstance(value, int)
                and not isinstance(value, bool)
                and 0 <= value <= limits.MAX_EXPIRY_SECONDS
            ):
                out[key] = value
            elif key == "api_url" and isinstance(value, str):
                out[key] = validate_api_url(value)  # a private deployment or a test
            else:
                raise StoreError(f"default {_key(key)}={_short(value)} is not allowed")
    except ValidationError as e:
        raise StoreError(f"default {e}") from None
    return out


def validate_color(color: str) -> str:
    if color not in _COLORS:
        raise StoreError(
            f"colour {color!r} is not one of: {', '.join(c for c in _COLORS if c)}"
        )
    return color


class ProfileFile:
    """The profiles file at ``path``: read, and replace as a whole under its lock.

    Attributes:
        path: the JSON file.
        lock_path: the lock file beside it (``profiles.json.lock``).
    """

    def __init__(self, path: Path) -> None:
        self.path = path
        self.lock_path = path.with_name(path.name + ".lock")
        self._depth = 0

    @contextmanager
    def locked(self) -> Iterator[None]:
        """Hold the file's lock (re-entrant within this object).

        A change that spans the keyring and the file (store/transaction.py)
        holds it from its check to its last write.
        """
        if self._depth:
            self._depth += 1
            try:
                yield
            finally:
                self._depth -= 1
            return
        with file_lock(self.lock_path):
            self._depth = 1
            try:
                yield
            finally:
                self._depth = 0

    def load(self) -> list[Profile]:
        """Every profile, in file order.

        Raises:
            StoreError: unreadable, not a regular file, too large, not UTF-8,
                corrupt, of the wrong types, written by a newer version, or
                writable by another user.
        """
        if not os.path.lexists(self.path):
            return []
        text = read_text(
            self.path,
            what="profiles file",
            limit=MAX_FILE_BYTES,
            error=StoreError,
            check=self._check_private,
        )
        try:
            data = json.loads(text)
        except RecursionError:
            raise StoreError(
                f"profiles file {self.path} is damaged (nested too deeply); it was "
                "left as it is: fix it or move it away to start afresh"
            ) from None
        except ValueError as e:
            raise StoreError(
                f"profiles file {self.path} is damaged ({e}); it was left as it is: "
                "fix it or move it away to start afresh"
            ) from None
        if not isinstance(data, dict) or not isinstance(data.get("profiles"), list):
            raise StoreError(
                f"profiles file {self.path} is not a profile list; it was left as it is"
            )
        version = data.get("version")
        if (
            not isinstance(version, int)
            or isinstance(version, bool)
            or version > FORMAT_VERSION
        ):
            raise StoreError(
                f"profiles file {self.path} was written by a newer OpenTok Studio "
                f"(format {_short(version)}; this version reads {FORMAT_VERSION}); "
                "it was left as it is: update OpenTok Studio"
            )
        return [
            self._profile(number, item)
            for number, item in enumerate(data["profiles"], start=1)
        ]

    def save(self, profiles: list[Profile]) -> None:
        """Replace the file atomically (temp file, then rename), mode 0600."""
        with self.locked():
            self.load()  # refuse to overwrite what we cannot read
            refs = any(p.secret_ref for p in profiles)
            body = {
                "version": FORMAT_VERSION if refs else _FORMAT_WITHOUT_REFS,
                "profiles": [_as_dict(p) for p in profiles],
            }
            text = json.dumps(body, indent=2, ensure_ascii=False) + "\n"
            try:
                self.path.parent.mkdir(parents=True, exist_ok=True)
                write_file(self.path, text, mode=0o600)
            except OSError as e:
                raise StoreError(
                    f"profiles file {self.path} cannot be written: {e.strerror}"
                ) from None

    def get(self, name: str) -> Profile:
        profiles = self.load()
        for profile in profiles:
            if profile.name == name:
                return profile
        names = ", ".join(p.name for p in profiles) or "none saved yet"
        raise StoreError(f"no profile named {name!r} (profiles: {names})")

    def check_free(self, name: str, profiles: list[Profile] | None = None) -> None:
        """Raises ProfileExistsError when ``name`` is taken (in ``profiles``, if
        given, else in the file)."""
        if any(p.name == name for p in (self.load() if profiles is None else profiles)):
            raise ProfileExistsError(name)

    def put(self, profile: Profile, *, replace_existing: bool = False) -> None:
        with self.locked():
            profiles = self.load()
            names = [p.name for p in profiles]
            if profile.name in names:
                if not replace_existing:
                    raise ProfileExistsError(profile.name)
                profiles[names.index(profile.name)] = profile
            else:
                profiles.append(profile)
            self.save(profiles)

    def remove(self, name: str) -> Profile:
        with self.locked():
            profile = self.get(name)
            self.save([p for p in self.load() if p.name != name])
            return profile

    def rename(self, old: str, new: str) -> Profile:
        validate_name(new)
        with self.locked():
            profiles = self.load()
            self.check_free(new, profiles)
            profile = self.get(old)
            renamed = replace(profile, name=new)
            self.save([renamed if p.name == old else p for p in profiles])
            return renamed

    def _check_private(self, status: os.stat_result) -> None:
        """Refuse a file another user wrote or could write: its api_url would
        receive our credentials (#13)."""
        if not hasattr(os, "geteuid"):  # Windows: ACLs, not mode bits
            return
        if status.st_uid != os.geteuid():
            raise StoreError(
                f"profiles file {self.path} belongs to another user (uid "
                f"{status.st_uid}), who could send your credentials elsewhere; it "
                f"was not used: check it, then chown $USER {self.path} && chmod 600 "
                f"{self.path}"
            )
        if status.st_mode & 0o022:
            raise StoreError(
                f"profiles file {self.path} can be changed by other users (mode "
                f"{status.st_mode & 0o777:o}), who could send your credentials "
                f"elsewhere; it was not used: check it, then chmod 600 {self.path}"
            )

    def _profile(self, number: int, item: object) -> Profile:
        try:
            return profile_from_dict(item)
        except StoreError as e:
            raise StoreError(
                f"profiles file {self.path}: entry {number} is not a profile ({e}); "
                "it was left as it is"
            ) from None


def _as_dict(profile: Profile) -> dict[str, Any]:
    data = {**asdict(profile), "kind": profile.kind.value}
    if not profile.secret_ref:
        del data["secret_ref"]  # a version-1 entry, as older versions wrote it
    return data


def profile_from_dict(item: object, *, keys: frozenset[str] | None = None) -> Profile:
    """One profile from its JSON object, every field checked for type and bounds.

    The profiles file and ``profile import`` (store/exchange.py) share it.

    Args:
        item: the decoded JSON value.
        keys: when given, the only keys allowed, and text is bounded (an
            imported file names nothing we would not write; the user's own
            file keeps the long labels older versions allowed).

    Raises:
        StoreError: what is wrong, in a few words, without the secret (there
            is none in a profile).
    """
    if not isinstance(item, dict):
        raise StoreError("not an object")
    if keys is not None:
        unknown = sorted(str(k) for k in item if k not in keys)
        if unknown:
            raise StoreError(f"unknown field {_short(unknown[0])}")

    def text(key: str, default: str | None = None, limit: int = 256) -> str:
        value = item.get(key, default)
        if not isinstance(value, str):
            raise StoreError(f"{key} must be text")
        if keys is not None and len(value) > limit:
            raise StoreError(f"{key} is {len(value)} characters, at most {limit}")
        return value

    name = text("name")
    try:
        kind = Family(text("kind"))
        validate_name(name)
        color = validate_color(text("color", ""))
    except ValueError as e:
        raise StoreError(str(e)) from None
    key_id = text("key_id").strip()
    if not key_id:
        raise StoreError("key_id is empty")
    path = item.get("private_key_path")
    if path is not None and (not isinstance(path, str) or not path):
        raise StoreError("private_key_path must be text or null")
    in_keyring = item.get("key_in_keyring", False)
    if not isinstance(in_keyring, bool):
        raise StoreError("key_in_keyring must be true or false")
    defaults = item.get("defaults") or {}
    if not isinstance(defaults, dict):
        raise StoreError("defaults must be an object")
    checked = validate_defaults(defaults)
    ref = validate_secret_ref(text("secret_ref", "", limit=MAX_REF_CHARS))
    if ref and (path is not None or in_keyring):
        raise StoreError("secret_ref and a key file or stored key exclude each other")
    return Profile(
        name=name,
        kind=kind,
        key_id=key_id,
        private_key_path=path,
        key_in_keyring=in_keyring,
        label=text("label", "", limit=1000),
        color=color,
        defaults=checked,
        secret_ref=ref,
    )


def validate_secret_ref(text: str) -> str:
    """A reference as a profile stores it: "" for the keyring, else its text.

    Raises:
        StoreError: not a reference (core/secretref.py says why).
    """
    from opentok_studio.core.errors import ValidationError

    if text in ("", "keyring"):
        return ""
    try:
        return str(parse_secret_ref(text))
    except ValidationError as e:
        raise StoreError(str(e)) from None


def _key(key: str) -> str:
    """A default's name as written when it is a plain name, else quoted short:
    a hostile file's key must not spread an error over lines."""
    return key if key.isidentifier() and len(key) <= 40 else _short(key)


def _short(value: object) -> str:
    """A hostile file's value, short enough for one error line."""
    text = repr(value)
    return text if len(text) <= 60 else text[:57] + "..."
