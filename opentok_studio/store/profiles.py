"""Saved profiles: the non-secret half, in a small JSON file written atomically.

Secrets never enter this file: they live in the OS keyring (store/secrets.py).
A file that is corrupt or written by a newer version is refused, never
overwritten.
"""

from __future__ import annotations

import json
import re
from dataclasses import asdict, dataclass, field, replace
from enum import StrEnum
from pathlib import Path
from typing import Any

from opentok_studio.core.errors import StoreError
from opentok_studio.store.atomic import write_atomically

#: The file layout this version reads and writes.
FORMAT_VERSION = 1
_NAME = re.compile(r"[A-Za-z0-9][A-Za-z0-9 ._-]{0,63}")
_COLORS = ("", "red", "orange", "green", "blue", "purple", "grey")


class Kind(StrEnum):
    """What a profile holds credentials for."""

    PROJECT = "project"  #: OpenTok project: API key + secret
    APPLICATION = "application"  #: Vonage application: ID + private key


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
    """

    name: str
    kind: Kind
    key_id: str
    private_key_path: str | None = None
    key_in_keyring: bool = False
    label: str = ""
    color: str = ""
    defaults: dict[str, Any] = field(default_factory=dict)

    @property
    def is_production(self) -> bool:
        return self.color == "red"

    @property
    def needs_keyring(self) -> bool:
        """Whether using this profile reads the OS keyring."""
        return self.kind is Kind.PROJECT or self.key_in_keyring


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
    from opentok_studio.core.validate import parse_format, parse_role

    out: dict[str, Any] = {}
    try:
        for key, value in defaults.items():
            if value in (None, ""):
                continue
            if key == "role":
                out[key] = parse_role(str(value)).value
            elif key == "format":
                out[key] = parse_format(str(value)).value
            elif (
                key == "expire_in" and isinstance(value, int) and 0 <= value <= 2592000
            ):
                out[key] = value
            elif key == "api_url" and str(value).startswith(("https://", "http://")):
                out[key] = str(value).rstrip("/")  # a private deployment or a test
            else:
                raise StoreError(f"default {key}={value!r} is not allowed")
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
    """The profiles file at ``path``: read, and replace as a whole."""

    def __init__(self, path: Path) -> None:
        self.path = path

    def load(self) -> list[Profile]:
        """Every profile, in file order.

        Raises:
            StoreError: unreadable, corrupt, or written by a newer version.
        """
        try:
            text = self.path.read_text(encoding="utf-8")
        except FileNotFoundError:
            return []
        except OSError as e:
            raise StoreError(
                f"profiles file {self.path} cannot be read: {e.strerror}"
            ) from None
        try:
            data = json.loads(text)
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
        if not isinstance(version, int) or version > FORMAT_VERSION:
            raise StoreError(
                f"profiles file {self.path} was written by a newer OpenTok Studio "
                f"(format {version}; this version reads {FORMAT_VERSION}); it was "
                "left as it is: update OpenTok Studio"
            )
        return [self._profile(item) for item in data["profiles"]]

    def save(self, profiles: list[Profile]) -> None:
        """Replace the file atomically (temp file, then rename), mode 0600."""
        self.load()  # refuse to overwrite what we cannot read
        body = {
            "version": FORMAT_VERSION,
            "profiles": [{**asdict(p), "kind": p.kind.value} for p in profiles],
        }
        text = json.dumps(body, indent=2, ensure_ascii=False) + "\n"
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            write_atomically(self.path, text, mode=0o600)
        except OSError as e:
            raise StoreError(
                f"profiles file {self.path} cannot be written: {e.strerror}"
            ) from None

    def get(self, name: str) -> Profile:
        for profile in self.load():
            if profile.name == name:
                return profile
        names = ", ".join(p.name for p in self.load()) or "none saved yet"
        raise StoreError(f"no profile named {name!r} (profiles: {names})")

    def put(self, profile: Profile, *, replace_existing: bool = False) -> None:
        profiles = self.load()
        names = [p.name for p in profiles]
        if profile.name in names:
            if not replace_existing:
                raise StoreError(
                    f"a profile named {profile.name!r} exists; remove it first or "
                    "pick another name"
                )
            profiles[names.index(profile.name)] = profile
        else:
            profiles.append(profile)
        self.save(profiles)

    def remove(self, name: str) -> Profile:
        profile = self.get(name)
        self.save([p for p in self.load() if p.name != name])
        return profile

    def rename(self, old: str, new: str) -> Profile:
        validate_name(new)
        profiles = self.load()
        if any(p.name == new for p in profiles):
            raise StoreError(f"a profile named {new!r} exists already")
        profile = self.get(old)
        renamed = replace(profile, name=new)
        self.save([renamed if p.name == old else p for p in profiles])
        return renamed

    def _profile(self, item: object) -> Profile:
        if not isinstance(item, dict):
            raise StoreError(
                f"profiles file {self.path} holds an entry that is not a profile; "
                "it was left as it is"
            )
        try:
            return Profile(
                name=str(item["name"]),
                kind=Kind(item["kind"]),
                key_id=str(item["key_id"]),
                private_key_path=item.get("private_key_path"),
                key_in_keyring=bool(item.get("key_in_keyring", False)),
                label=str(item.get("label", "")),
                color=str(item.get("color", "")),
                defaults=validate_defaults(dict(item.get("defaults") or {})),
            )
        except (KeyError, ValueError, TypeError):
            raise StoreError(
                f"profiles file {self.path} holds an entry that is not a profile; "
                "it was left as it is"
            ) from None
