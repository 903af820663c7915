"""Values the core takes and returns: enums, credentials, requests, results."""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:  # cryptography loads only when an RSA key is in play
    from cryptography.hazmat.primitives.asymmetric.rsa import (
        RSAPrivateKey,
        RSAPublicKey,
    )


class Role(StrEnum):
    """What a client holding the token may do in the session."""

    SUBSCRIBER = "subscriber"  #: receive streams only
    PUBLISHER = "publisher"  #: publish and subscribe (the SDKs' default)
    PUBLISHER_ONLY = "publisheronly"  #: publish, never subscribe
    MODERATOR = "moderator"  #: publisher rights plus force-disconnect / mute


class TokenFormat(StrEnum):
    """The token family the user asks for (``--format``)."""

    JWT = "jwt"  #: OpenTok HS256 JWT, or RS256 for a Vonage application
    T1 = "t1"  #: legacy T1 (OpenTok projects only)


class Family(StrEnum):
    """Who signs: an OpenTok project or a Vonage application."""

    PROJECT = "project"  #: OpenTok project: API key + secret (T1, HS256)
    APPLICATION = "application"  #: Vonage application: ID + private key (RS256)


class Signature(StrEnum):
    """What checking the signature with the given credentials found."""

    VALID = "valid"
    INVALID = "invalid"
    UNCHECKED = "unchecked"  #: no usable credentials for this token


class ProblemCode(StrEnum):
    """The fixed vocabulary of spec/cli.md: add, never rename."""

    MALFORMED = "malformed"
    TRUNCATED = "truncated"
    ALG_NONE = "alg_none"
    ALG_CONFUSION = "alg_confusion"
    UNSUPPORTED_ALG = "unsupported_alg"  #: added: HS512, ES256, ...
    BAD_SIGNATURE = "bad_signature"
    EXPIRED = "expired"
    ISSUED_IN_FUTURE = "issued_in_future"
    NOT_YET_VALID = "not_yet_valid"
    EXPIRY_TOO_FAR = "expiry_too_far"
    EXPIRY_IN_MILLISECONDS = "expiry_in_milliseconds"
    WRONG_API_KEY = "wrong_api_key"
    SESSION_OF_OTHER_KEY = "session_of_other_key"
    SESSION_MISMATCH = "session_mismatch"
    SESSION_ID_INVALID = "session_id_invalid"
    UNKNOWN_ROLE = "unknown_role"
    DATA_TOO_LONG = "data_too_long"
    LAYOUT_CLASSES_INVALID = "layout_classes_invalid"
    PROJECT_APPLICATION_MIXUP = "project_application_mixup"
    NO_EXPIRY = "no_expiry"
    # Codes of warnings only (spec/cli.md `warnings`): worth knowing, never a
    # reason for a client to refuse the token.
    NO_ROLE = "no_role"  #: no role claim: the service's default applies
    DATA_LONE_SURROGATE = "data_lone_surrogate"  #: half an emoji in the data
    LAYOUT_CLASSES_ENCODED = "layout_classes_encoded"  #: look URL-encoded
    LAYOUT_CLASSES_LOST = "layout_classes_lost"  #: under a name no one reads
    CLAIM_NAME_VARIANT = "claim_name_variant"  #: a name only one SDK writes


@dataclass(frozen=True, slots=True)
class ProjectCredentials:
    """An OpenTok project. Without a secret only the key can be checked."""

    api_key: str
    api_secret: str | None = field(default=None, repr=False)


@dataclass(frozen=True, slots=True)
class ApplicationCredentials:
    """A Vonage application with its RSA key, parsed once (see core/keys.py).

    ``private_key`` signs and verifies; a ``public_key`` alone only verifies.
    """

    application_id: str
    private_key: RSAPrivateKey | None = field(default=None, repr=False)
    public_key: RSAPublicKey | None = field(default=None, repr=False)


Credentials = ProjectCredentials | ApplicationCredentials


def family_of(credentials: Credentials) -> Family:
    """Which kind of token the credentials sign and verify."""
    if isinstance(credentials, ApplicationCredentials):
        return Family.APPLICATION
    return Family.PROJECT


def key_id(credentials: Credentials | None) -> str | None:
    """The API key or application ID the credentials name (None for none)."""
    if isinstance(credentials, ProjectCredentials):
        return credentials.api_key
    if isinstance(credentials, ApplicationCredentials):
        return credentials.application_id
    return None


@dataclass(frozen=True, slots=True)
class TokenRequest:
    """What the user asked for; validated by core/validate.py when minted.

    ``expire_time`` is absolute Unix seconds, ``expire_in`` relative seconds;
    at most one is set, neither means the 24 h default.
    """

    session_id: str
    role: Role = Role.PUBLISHER
    data: str | None = None
    expire_time: int | None = None
    expire_in: int | None = None
    layout_classes: tuple[str, ...] = ()
    format: TokenFormat = TokenFormat.JWT


@dataclass(frozen=True, slots=True)
class CheckedRequest:
    """A request whose every field passed the SDK rules at ``issued_at``
    (core/signer.py ``check_request``): what each family's ``prepare`` takes."""

    session_id: str
    role: Role
    data: str | None
    layout_classes: tuple[str, ...]
    issued_at: int
    expires_at: int
    format: TokenFormat = TokenFormat.JWT


@dataclass(frozen=True, slots=True)
class Problem:
    """One reason a token would be refused, in plain words.

    Attributes:
        code: the stable machine-readable code.
        message: what is wrong, with the numbers that show it.
        fix: what to do about it.
        client_error: the error a client SDK would likely report, or None.
    """

    code: ProblemCode
    message: str
    fix: str
    client_error: str | None = None


@dataclass(frozen=True, slots=True)
class MadeBy:
    """Which server SDK most likely made a token, and why we think so.

    Attributes:
        sdk: an SDK family name (``opentok-php``, ``vonage-node``, ...) or
            ``unknown``.
        versions: the version range the token points at, or None.
        evidence: what in the token says so, one plain sentence each.
    """

    sdk: str
    versions: str | None = None
    evidence: tuple[str, ...] = ()


UNKNOWN_SDK = MadeBy("unknown")


@dataclass(frozen=True, slots=True)
class SessionInfo:
    """A decoded session ID (spec/tokens.md section 6).

    Attributes:
        session_id: the ID as given.
        prefix: ``1_`` or ``2_`` (any digit is accepted).
        decoded: the ``~``-separated text inside.
        fields: that text split on ``~``.
        api_key: field 1: the API key or application ID it was made for.
        location: field 2, the location hint, or None when empty.
        created: field 3 as found: epoch milliseconds or a Java date text.
        created_at: the creation time in Unix seconds, or None if unreadable.
        random: field 4.
        flag: field 5 (``P`` or empty), or None when the ID has no such field.
    """

    session_id: str
    prefix: str
    decoded: str
    fields: tuple[str, ...]
    api_key: str | None
    location: str | None
    created: str | None
    created_at: int | None
    random: str | None
    flag: str | None


@dataclass(frozen=True, slots=True)
class Decoded:
    """Everything a pasted token says, and what would make it fail.

    Fields follow the ``decode --json`` table of spec/cli.md; a damaged token
    leaves the fields it could not read as None.
    """

    token: str
    format: TokenFormat
    alg: str | None
    session_id: str | None
    role: str | None
    issued_at: int | None
    expires_at: int | None
    expired: bool
    connection_data: str | None
    initial_layout_class_list: tuple[str, ...]
    nonce: str | int | float | None
    api_key: str | None
    application_id: str | None
    signature: Signature
    problems: tuple[Problem, ...]
    claims: dict[str, Any]
    header: dict[str, Any] | None = None
    signed_by: str | None = None
    #: where the token was found: "plain", "quotes", "url", "json", "text"
    source: str = "plain"
    #: things worth knowing that would not make the token fail
    notes: tuple[str, ...] = ()
    #: like problems, but no reason for a client to refuse the token
    warnings: tuple[Problem, ...] = ()
    made_by: MadeBy = UNKNOWN_SDK
    #: the clock the times were judged against (every face shows one age)
    checked_at: int | None = None
    #: what the client reported, as given; it ranked the problems
    client_error: str | None = None
    #: the session the client tried to join, as given (a re-check keeps it)
    expected_session_id: str | None = None
    #: who signs a token like this, from its format and alg (core/reader.py)
    family: Family | None = None

    @property
    def ok(self) -> bool:
        """True when nothing found would make the token fail."""
        return not self.problems

    @property
    def problem_codes(self) -> tuple[ProblemCode, ...]:
        """The codes of ``problems``, in order."""
        return tuple(p.code for p in self.problems)
