"""The official server SDKs: their names, their nonce shapes and the rules each
enforces when it makes a token.

Measured by running the SDKs' own token code (spec/tokens.md section 9,
../shared/vectors/sdk-variants.json) and read from their sources. The layouts
they write are in core/fingerprints.py (which names the SDK, core/madeby.py);
the rules word each limit for that SDK (core/judge.py).
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
    VONAGE_DOTNET = "vonage-dotnet"
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


def is_wide_int32(nonce: object) -> bool:
    """Java's nonce outside the 6-digit range, which tells it from .NET's."""
    return is_int32(nonce) and not is_six_digits(nonce)


def is_dotnet_nonce(nonce: object) -> bool:
    """.NET's ``new Random().Next(0, 999999)``."""
    return is_six_digits(nonce)


#: Nonce test -> the words evidence uses for it.
NONCE_WORDS: dict[Callable[[object], bool], str] = {
    is_six_digits: "a whole number of up to 6 digits (random.randint(0, 999999))",
    is_fraction: "a fraction in [0, 1) (Math.random() / Ruby rand)",
    is_microtime: "Unix time with a fraction (PHP microtime)",
    is_int31: "a whole number up to 2^31 (PHP mt_rand)",
    is_int32: "a signed 32-bit number (Java Random.nextInt)",
    is_wide_int32: "a signed 32-bit number (Java Random.nextInt)",
    is_dotnet_nonce: "a whole number of up to 6 digits (.NET Random.Next)",
}


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
    Sdk.VONAGE_DOTNET: Rules(None, checks_30_days=False, checks_past=False),
}
#: The SDKs whose layouts our own signer writes: a token made here reads as
#: theirs, so "Made by" says it may be ours (support staff make tokens too).
WRITTEN_BY_US_TOO = frozenset({Sdk.OPENTOK_PYTHON, Sdk.VONAGE_PYTHON})
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
