"""Secret references: where a profile's secret lives (spec/cli.md, profile).

``keyring`` (the OS keyring, today's behaviour), ``env:NAME`` (an environment
variable) or ``vault:MOUNT/PATH#FIELD`` (a Vault / OpenBao KV v2 entry). This
module only reads the words; store/resolver.py fetches the value. A reference
may come from a file someone else wrote (``profile import``, #17), so every
part is bounded and limited to characters that cannot leave the KV entry's URL
(no ``..``, ``?``, ``%`` or ``#``): a reference names a secret, never an
endpoint such as ``sys/``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from enum import StrEnum

from opentok_studio.core.errors import ValidationError

#: A reference is a short name; anything longer is not one.
MAX_REF_CHARS = 512
_ENV_NAME = re.compile(r"[A-Za-z_][A-Za-z0-9_]{0,127}")
_SEGMENT = re.compile(r"[A-Za-z0-9_][A-Za-z0-9._-]{0,127}")
_FIELD = re.compile(r"[A-Za-z0-9_][A-Za-z0-9._-]{0,127}")
_FORMS = "keyring, env:NAME or vault:MOUNT/PATH#FIELD"


class RefScheme(StrEnum):
    """Where a secret is kept."""

    KEYRING = "keyring"  #: the OS keyring, under the profile's name
    ENV = "env"  #: an environment variable of the running process
    VAULT = "vault"  #: a KV v2 entry of the vault at VAULT_ADDR


@dataclass(frozen=True, slots=True)
class SecretRef:
    """A parsed reference; ``str()`` gives it back in its one spelling.

    Attributes:
        scheme: keyring, env or vault.
        name: the environment variable (env).
        mount: the KV v2 engine's mount point (vault), e.g. ``secret``.
        path: the entry under the mount (vault), e.g. ``team/dev``.
        field: the key inside the entry (vault), e.g. ``api_secret``.
    """

    scheme: RefScheme
    name: str = ""
    mount: str = ""
    path: str = ""
    field: str = ""

    def __str__(self) -> str:
        if self.scheme is RefScheme.ENV:
            return f"env:{self.name}"
        if self.scheme is RefScheme.VAULT:
            return f"vault:{self.mount}/{self.path}#{self.field}"
        return "keyring"

    @property
    def is_keyring(self) -> bool:
        return self.scheme is RefScheme.KEYRING


#: The reference of a secret kept in the OS keyring.
KEYRING = SecretRef(RefScheme.KEYRING)


def parse_secret_ref(text: str) -> SecretRef:
    """Read a reference: ``keyring``, ``env:NAME`` or ``vault:MOUNT/PATH#FIELD``.

    MOUNT is the first segment: a KV v2 engine mounted at a nested path is
    out of reach (none of the teams asking for #17 has one).

    Raises:
        ValidationError: any other text; the message quotes it only when it
            is short and plainly not a secret.
    """

    def bad(problem: str) -> ValidationError:
        return ValidationError(
            "secret reference", problem, value=_shown(text), fix=f"use {_FORMS}"
        )

    if not isinstance(text, str):
        raise bad("must be text")
    if len(text) > MAX_REF_CHARS:
        raise bad(f"{len(text)} characters, must be at most {MAX_REF_CHARS}")
    scheme, colon, rest = text.partition(":")
    if text == "keyring":
        return KEYRING
    if not colon or scheme not in ("env", "vault"):
        raise bad(f"{_shown(text)} is not a reference")
    if scheme == "env":
        if not _ENV_NAME.fullmatch(rest):
            raise bad(
                "env: needs a variable name (letters, digits, '_', not starting "
                "with a digit, at most 128)"
            )
        return SecretRef(RefScheme.ENV, name=rest)
    where, hash_, field = rest.partition("#")
    if not hash_ or not _FIELD.fullmatch(field):
        raise bad("vault: needs #FIELD after the path (letters, digits, '.', '-', '_')")
    mount, slash, path = where.partition("/")
    segments = [mount, *path.split("/")] if slash else [mount]
    if not slash or not path:
        raise bad("vault: needs MOUNT/PATH, e.g. vault:secret/team/dev#api_secret")
    for segment in segments:
        if not _SEGMENT.fullmatch(segment):
            raise bad(
                "vault: each part of MOUNT/PATH is 1-128 letters, digits, '.', "
                "'-' or '_', not starting with '.' or '-' (no empty part, no '..')"
            )
    return SecretRef(RefScheme.VAULT, mount=mount, path=path, field=field)


def _shown(text: object) -> str:
    """The typed text, when it cannot be a secret: a reference names one.

    Anything long, or without the ``scheme:`` shape, may be a secret pasted in
    the wrong place, so it is never repeated.
    """
    if not isinstance(text, str):
        return type(text).__name__
    scheme = text.partition(":")[0]
    if len(text) <= 80 and scheme in ("env", "vault", "keyring"):
        return repr(text)
    return f"(a text of {len(text)} characters, not shown)"
