"""What each official server SDK writes into a token, and the rules it enforces.

Measured by running the SDKs' own token code (spec/tokens.md section 9,
../shared/vectors/sdk-variants.json) and read from their sources. The decoder
uses this table twice: to name the SDK that made a token (core/madeby.py) and
to word each limit for that SDK (core/judge.py).
"""

from __future__ import annotations

import math
import re
from collections.abc import Callable
from dataclasses import dataclass
from enum import StrEnum


class Sdk(StrEnum):
    """Official server SDK families, as ``made_by.sdk`` names them."""

    OPENTOK_PYTHON = "opentok-python"
    OPENTOK_NODE = "opentok-node"
    OPENTOK_PHP = "opentok-php"
    OPENTOK_RUBY = "opentok-ruby"
    OPENTOK_JAVA = "opentok-java"
    OPENTOK_DOTNET = "opentok-dotnet"
    VONAGE_PYTHON = "vonage-python"
    VONAGE_NODE = "vonage-node"
    VONAGE_PHP = "vonage-php"
    VONAGE_RUBY = "vonage-ruby"
    VONAGE_JAVA = "vonage-java"
    UNKNOWN = "unknown"


class Kind(StrEnum):
    """The token families a fingerprint can describe."""

    T1 = "t1"
    HS256 = "HS256"
    RS256 = "RS256"


# -- nonce shapes: each SDK draws its nonce its own way ----------------------

_INT = re.compile(r"-?[0-9]+")
_FRACTION = re.compile(r"0\.[0-9]+(e-[0-9]+)?")
_MICROTIME = re.compile(r"[0-9]{9,11}\.[0-9]+")
_INT32 = 2**31


def _as_number(nonce: object) -> float | int | None:
    """A JWT nonce is a JSON number; a T1 nonce is its decimal text."""
    if isinstance(nonce, bool):
        return None
    if isinstance(nonce, int | float):
        return nonce
    if isinstance(nonce, str):
        if _INT.fullmatch(nonce):
            return int(nonce)
        try:
            value = float(nonce)
        except ValueError:
            return None
        return value if math.isfinite(value) else None
    return None


def is_six_digits(nonce: object) -> bool:
    """Python's ``random.randint(0, 999999)``."""
    n = _as_number(nonce)
    return isinstance(n, int) and 0 <= n <= 999_999 and not isinstance(nonce, float)


def is_fraction(nonce: object) -> bool:
    """JavaScript's ``Math.random()`` or Ruby's ``rand``: a number in [0, 1)."""
    if isinstance(nonce, str):
        return bool(_FRACTION.fullmatch(nonce))
    return isinstance(nonce, float) and 0 <= nonce < 1


def is_microtime(nonce: object) -> bool:
    """PHP's ``microtime(true)`` printed with its fraction: ``1796144676.7046``."""
    return isinstance(nonce, str) and bool(_MICROTIME.fullmatch(nonce))


def is_int31(nonce: object) -> bool:
    """PHP's ``mt_rand()``: a whole number in [0, 2^31)."""
    n = _as_number(nonce)
    return isinstance(n, int) and 0 <= n < _INT32 and not isinstance(nonce, float)


def is_int32(nonce: object) -> bool:
    """Java's ``SecureRandom.nextInt()``: signed 32 bits, often negative."""
    n = _as_number(nonce)
    return isinstance(n, int) and -_INT32 <= n < _INT32 and not isinstance(nonce, float)


#: Nonce test -> the words evidence uses for it.
NONCE_WORDS: dict[Callable[[object], bool], str] = {
    is_six_digits: "a whole number of up to 6 digits (random.randint(0, 999999))",
    is_fraction: "a fraction in [0, 1) (Math.random() / Ruby rand)",
    is_microtime: "Unix time with a fraction (PHP microtime)",
    is_int31: "a whole number up to 2^31 (PHP mt_rand)",
    is_int32: "a signed 32-bit number (Java SecureRandom.nextInt)",
}


@dataclass(frozen=True, slots=True)
class Fingerprint:
    """How one SDK lays out one token family.

    Attributes:
        sdk: the SDK family.
        kind: T1, HS256 or RS256.
        core: fields written on every call, in the order written.
        optional: fields written when asked for, anywhere among ``core``.
        header: the JWT header exactly as serialised (key order counts).
        nonce: the SDK's nonce shape, or None when it writes no nonce.
        versions: the releases this layout belongs to.
        omits_expiry: True when the SDK writes no expiry unless asked.
        open_claims: True when the SDK copies caller options in as claims.
    """

    sdk: Sdk
    kind: Kind
    core: tuple[str, ...]
    optional: frozenset[str] = frozenset()
    header: str | None = None
    nonce: Callable[[object], bool] | None = None
    versions: str | None = None
    omits_expiry: bool = False
    open_claims: bool = False


_DATA_LAYOUT = frozenset({"connection_data", "initial_layout_class_list"})
_TYP_ALG_HS = '{"typ":"JWT","alg":"HS256"}'
_ALG_TYP_HS = '{"alg":"HS256","typ":"JWT"}'
_TYP_ALG_RS = '{"typ":"JWT","alg":"RS256"}'
_ALG_TYP_RS = '{"alg":"RS256","typ":"JWT"}'

#: Most specific first: the first full match names the SDK.
FINGERPRINTS: tuple[Fingerprint, ...] = (
    # -- T1 --
    Fingerprint(
        Sdk.OPENTOK_PYTHON,
        Kind.T1,
        ("session_id", "create_time", "expire_time", "role", "nonce",
         "initial_layout_class_list"),
        frozenset({"connection_data"}),
        nonce=is_six_digits,
        versions="3.x (T1 with use_jwt=False since 3.10)",
    ),
    Fingerprint(
        Sdk.OPENTOK_NODE,
        Kind.T1,
        ("session_id", "create_time", "expire_time", "role", "nonce"),
        _DATA_LAYOUT,
        nonce=is_fraction,
        versions="2.x (T1 by default before 2.19, by request since)",
    ),
    Fingerprint(
        Sdk.OPENTOK_RUBY,
        Kind.T1,
        ("role", "session_id", "create_time", "nonce"),
        _DATA_LAYOUT | {"expire_time"},
        nonce=is_fraction,
        versions="4.x (T1 by default before 4.11, token_type: 'T1' since)",
        omits_expiry=True,
    ),
    Fingerprint(
        Sdk.OPENTOK_PHP,
        Kind.T1,
        ("session_id", "create_time", "role", "nonce", "initial_layout_class_list"),
        frozenset({"expire_time", "connection_data"}),
        nonce=is_microtime,
        versions="4.x (T1 by default before 4.14.5, by request since)",
        omits_expiry=True,
    ),
    Fingerprint(
        Sdk.OPENTOK_JAVA,
        Kind.T1,
        ("create_time", "expire_time", "session_id", "nonce", "role", "scope"),
        _DATA_LAYOUT,
        nonce=is_int32,
        versions="4.x (T1 by default before 4.15, useLegacyT1Token() since)",
    ),
    Fingerprint(
        Sdk.OPENTOK_DOTNET,
        Kind.T1,
        ("session_id", "create_time", "nonce", "role"),
        _DATA_LAYOUT | {"expire_time"},
        nonce=is_six_digits,
        versions="3.x (T1 by default in 3.16.1 to 3.22.0)",
        omits_expiry=True,
    ),
    # -- OpenTok HS256 JWT --
    Fingerprint(
        Sdk.OPENTOK_PYTHON,
        Kind.HS256,
        ("session_id", "role", "iat", "exp", "scope", "iss", "ist", "nonce"),
        _DATA_LAYOUT,
        header=_ALG_TYP_HS,
        nonce=is_six_digits,
        versions=">= 3.10 (JWT by default since 3.11)",
    ),
    Fingerprint(
        Sdk.OPENTOK_NODE,
        Kind.HS256,
        ("iss", "ist", "iat", "exp", "nonce", "role", "scope", "session_id",
         "initial_layout_class_list", "create_time", "expire_time"),
        frozenset({"connection_data"}),
        header=_ALG_TYP_HS,
        nonce=is_fraction,
        versions=">= 2.19 (JWT by default since)",
    ),
    Fingerprint(
        Sdk.OPENTOK_RUBY,
        Kind.HS256,
        ("iss", "ist", "iat", "nonce", "role", "scope", "session_id"),
        _DATA_LAYOUT | {"exp"},
        header=_TYP_ALG_HS,
        nonce=is_fraction,
        versions=">= 4.10 (JWT by default since 4.11)",
        omits_expiry=True,
    ),
    Fingerprint(
        Sdk.OPENTOK_PHP,
        Kind.HS256,
        ("iss", "iat", "session_id", "role", "ist", "nonce", "scope"),
        _DATA_LAYOUT | {"data", "expireTime", "exp"},
        header=_TYP_ALG_HS,
        nonce=is_int31,
        versions=">= 4.14.5 (JWT by default since)",
        omits_expiry=True,
    ),
    Fingerprint(
        Sdk.OPENTOK_JAVA,
        Kind.HS256,
        ("session_id", "nonce", "role", "scope", "ist", "iss", "jti", "exp", "iat"),
        _DATA_LAYOUT,
        header='{"alg":"HS256"}',
        nonce=is_int32,
        versions=">= 4.15 (JWT by default since)",
    ),
    # -- Vonage application RS256 JWT --
    Fingerprint(
        Sdk.VONAGE_PYTHON,
        Kind.RS256,
        ("session_id", "role", "exp", "jti", "iat", "subject", "scope", "acl",
         "application_id"),
        _DATA_LAYOUT,
        header=_ALG_TYP_RS,
        versions="vonage-video 1.x",
    ),
    Fingerprint(
        Sdk.OPENTOK_PYTHON,
        Kind.RS256,
        ("session_id", "role", "iat", "exp", "scope", "application_id", "jti",
         "subject", "acl"),
        _DATA_LAYOUT,
        header=_ALG_TYP_RS,
        versions=">= 3.11 with Vonage application credentials",
    ),
    Fingerprint(
        Sdk.VONAGE_NODE,
        Kind.RS256,
        ("iat", "jti", "exp", "application_id", "scope", "session_id", "role",
         "initial_layout_class_list", "sub", "acl"),
        frozenset({"connection_data"}),
        header=_ALG_TYP_RS,
        versions="@vonage/video 1.x",
    ),
    Fingerprint(
        Sdk.VONAGE_RUBY,
        Kind.RS256,
        ("iat", "jti", "exp", "application_id", "scope", "session_id", "role",
         "initial_layout_class_list", "sub", "acl"),
        frozenset({"data"}),
        header=_TYP_ALG_RS,
        versions="vonage 7.x (Vonage::Video#generate_client_token)",
    ),
    Fingerprint(
        Sdk.VONAGE_PHP,
        Kind.RS256,
        ("iat", "exp", "jti", "application_id", "sub", "scope", "session_id", "acl"),
        frozenset({"role", "data", "initial_layout_class_list",
                   "initialLayoutClassList"}),
        header=_TYP_ALG_RS,
        versions="vonage/video 1.x",
        open_claims=True,
    ),
    Fingerprint(
        Sdk.VONAGE_JAVA,
        Kind.RS256,
        ("application_id", "exp", "role", "session_id", "scope", "iat", "jti"),
        _DATA_LAYOUT,
        header=_ALG_TYP_RS,
        versions="server-sdk 8.x-9.x (VideoClient.generateToken)",
    ),
    Fingerprint(
        Sdk.OPENTOK_JAVA,
        Kind.RS256,
        ("application_id", "session_id", "nonce", "role", "scope", "exp", "jti", "iat"),
        _DATA_LAYOUT,
        header=_ALG_TYP_RS,
        nonce=is_int32,
        versions=">= 4.15 with Vonage application credentials",
    ),
)  # fmt: skip


@dataclass(frozen=True, slots=True)
class Rules:
    """The limits one SDK enforces when it makes a token.

    Attributes:
        data_limit: longest connection data it accepts, or None (no check).
        data_unit: what it counts: "characters", "UTF-16 code units", "bytes".
        checks_30_days: refuses an expiry more than 30 days ahead.
        checks_past: refuses an expiry in the past.
    """

    data_limit: int | None
    data_unit: str = "characters"
    checks_30_days: bool = True
    checks_past: bool = True


#: Per SDK, for the T1/JWT it makes (refusal_probes in sdk-variants.json).
RULES: dict[Sdk, Rules] = {
    Sdk.OPENTOK_PYTHON: Rules(1000),
    Sdk.OPENTOK_NODE: Rules(1024, "UTF-16 code units", checks_30_days=False),
    Sdk.OPENTOK_RUBY: Rules(999),
    # T1 counts bytes; its JWT path checks nothing (Rules for JWTs below).
    Sdk.OPENTOK_PHP: Rules(1000, "bytes"),
    Sdk.OPENTOK_JAVA: Rules(1000, "UTF-16 code units"),
    Sdk.OPENTOK_DOTNET: Rules(1000),
    Sdk.VONAGE_PYTHON: Rules(None),
    Sdk.VONAGE_NODE: Rules(None, checks_30_days=False, checks_past=False),
    Sdk.VONAGE_PHP: Rules(None, checks_30_days=False, checks_past=False),
    Sdk.VONAGE_RUBY: Rules(None, checks_30_days=False, checks_past=False),
    Sdk.VONAGE_JAVA: Rules(1000, "UTF-16 code units"),
}
#: opentok-php's JWT path validates nothing it is given.
PHP_JWT_RULES = Rules(None, checks_30_days=False, checks_past=False)


def rules_for(sdk: str, kind: str | None) -> Rules | None:
    """The rules of the SDK that made a token, None when it is unknown."""
    if sdk == Sdk.OPENTOK_PHP and kind == Kind.HS256:
        return PHP_JWT_RULES
    try:
        return RULES.get(Sdk(sdk))
    except ValueError:
        return None


def data_limits_text() -> str:
    """Which SDKs allow how much connection data, in one line."""
    return (
        "opentok-python, -java, -dotnet and vonage-java refuse more than 1000 "
        "characters, opentok-ruby 1000 or more, opentok-php T1 more than 1000 "
        "bytes; opentok-node allows 1024; opentok-php JWTs and the other Vonage "
        "SDKs check nothing"
    )


def omits_expiry(sdk: str, kind: Kind) -> bool:
    """True when ``sdk`` writes no expiry into a ``kind`` token unless asked."""
    return any(
        fp.omits_expiry for fp in FINGERPRINTS if fp.sdk == sdk and fp.kind is kind
    )
