"""One saved profile: what it holds (never a secret) and the check of each
field, shared by the profiles file, the window, the CLI and ``profile import``."""

from __future__ import annotations

import re
from dataclasses import asdict, dataclass, field
from typing import Any

from opentok_studio.core import limits
from opentok_studio.core.errors import StoreError
from opentok_studio.core.model import Family
from opentok_studio.core.secretref import (
    KEYRING,
    MAX_REF_CHARS,
    SecretRef,
    parse_secret_ref,
)

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
    def secret_name(self) -> str:
        """What its secret is called: "API secret" or "private key (PEM)"."""
        return "API secret" if self.kind is Family.PROJECT else "private key (PEM)"

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
                raise StoreError(f"default {_key(key)}={brief(value)} is not allowed")
    except ValidationError as e:
        raise StoreError(f"default {e}") from None
    return out


def validate_color(color: str) -> str:
    if color not in _COLORS:
        raise StoreError(
            f"colour {color!r} is not one of: {', '.join(c for c in _COLORS if c)}"
        )
    return color


def as_dict(profile: Profile) -> dict[str, Any]:
    """The profile as the file stores it (no ``secret_ref`` when in the keyring)."""
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
            raise StoreError(f"unknown field {brief(unknown[0])}")

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
    return key if key.isidentifier() and len(key) <= 40 else brief(key)


def brief(value: object) -> str:
    """A hostile file's value, short enough for one error line."""
    text = repr(value)
    return text if len(text) <= 60 else text[:57] + "..."
