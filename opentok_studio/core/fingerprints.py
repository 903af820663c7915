"""What each official server SDK writes into a token: field layouts, headers,
nonces and versions (spec/tokens.md section 9, ../shared/vectors/sdk-variants.json).

core/madeby.py matches a token against these to name the SDK that made it.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass

from opentok_studio.core.sdks import (
    Kind,
    Sdk,
    is_dotnet_nonce,
    is_fraction,
    is_int31,
    is_int32,
    is_microtime,
    is_six_digits,
    is_wide_int32,
)


@dataclass(frozen=True, slots=True)
class Fingerprint:
    """How one SDK release range lays out one token family.

    Attributes:
        sdk: the SDK family.
        kind: T1, HS256 or RS256.
        core: fields written on every call, in the order written.
        optional: fields written when asked for, anywhere among ``core``.
        header: the JWT header exactly as serialised (key order counts).
        nonce: the SDK's nonce shape, or None when it writes no nonce.
        versions: the releases this layout belongs to, or a function of the
            field names that narrows it down.
        omits_expiry: True when the SDK writes no expiry unless asked.
        open_claims: True when the SDK copies caller options in as claims.
        url_safe: True: T1 base64 may use - and _ (opentok-java only).
    """

    sdk: Sdk
    kind: Kind
    core: tuple[str, ...]
    optional: frozenset[str] = frozenset()
    header: str | None = None
    nonce: Callable[[object], bool] | None = None
    versions: str | Callable[[Sequence[str]], str] | None = None
    omits_expiry: bool = False
    open_claims: bool = False
    url_safe: bool = False

    def versions_for(self, names: Sequence[str]) -> str | None:
        """The version range, narrowed by which optional fields are there."""
        return self.versions(names) if callable(self.versions) else self.versions


_DATA = "connection_data"
_LAYOUT = "initial_layout_class_list"
_DATA_LAYOUT = frozenset({_DATA, _LAYOUT})
_TYP_ALG_HS = '{"typ":"JWT","alg":"HS256"}'
_ALG_TYP_HS = '{"alg":"HS256","typ":"JWT"}'
_TYP_ALG_RS = '{"typ":"JWT","alg":"RS256"}'
_ALG_TYP_RS = '{"alg":"RS256","typ":"JWT"}'


def _php_jwt_versions(names: Sequence[str]) -> str:
    # 4.15-4.16 keep only the defaults; 4.17.0 adds data and layout classes;
    # 4.17.1 adds "expireTime": null, replaced by exp when an expiry is given.
    if "expireTime" in names or "exp" in names:
        return ">= 4.17.1 (JWT by default; no validation of what it is given)"
    if _LAYOUT in names:
        return "4.17.0 (JWT by default; expiries asked for are dropped)"
    return "4.15 to 4.16 (JWT by default; drops the data, expiry and layout classes asked for)"


def _dotnet_jwt_versions(names: Sequence[str]) -> str:
    if "data" in names:
        return "3.15.1 (JWT by default; 5-minute default lifetime)"
    if _DATA in names:
        return "3.15.2 to 3.16.0 (JWT by default; 5-minute default lifetime)"
    return "3.15.0 (JWT by default; drops connection data; 5-minute default lifetime)"


def _vonage_python3_versions(names: Sequence[str]) -> str:
    if "data" in names:
        return "vonage 3.12 to 3.16.0"
    if _DATA in names:
        return "vonage 3.16.1 to 3.18"
    return "vonage 3.12 to 3.18"


#: Sources: spec/tokens.md section 9, sdk-variants.json and each SDK's token
#: code read release by release. The first full match names the SDK, so
#: narrower layouts come before wider ones that would also fit them.
FINGERPRINTS: tuple[Fingerprint, ...] = (
    # -- T1 ----------------------------------------------------------------
    Fingerprint(
        Sdk.OPENTOK_PYTHON, Kind.T1,
        ("session_id", "create_time", "expire_time", "role", "nonce", _LAYOUT),
        frozenset({_DATA}), nonce=is_six_digits,
        versions="2.5 to 3.x (T1 by default before 3.10, use_jwt=False since)",
    ),
    Fingerprint(
        Sdk.OPENTOK_PYTHON, Kind.T1,
        ("session_id", "create_time", "expire_time", "role", _DATA, "nonce"),
        nonce=is_six_digits, versions="2.2 to 2.4",
    ),
    Fingerprint(
        Sdk.OPENTOK_NODE, Kind.T1,
        ("session_id", "create_time", "nonce", "role", "expire_time", _LAYOUT, "scope"),
        frozenset({_DATA}), nonce=is_fraction,
        versions=">= 2.21 (generateToken(..., true); JWT by default since 2.19)",
    ),
    Fingerprint(
        Sdk.OPENTOK_NODE, Kind.T1,
        ("session_id", "create_time", "nonce", "role", "expire_time", _LAYOUT),
        frozenset({_DATA}), nonce=is_fraction,
        versions="2.6 to 2.20 (T1 by default before 2.19)",
    ),
    Fingerprint(
        Sdk.OPENTOK_NODE, Kind.T1,
        ("session_id", "create_time", "nonce", "role", "expire_time"),
        frozenset({_DATA}), nonce=is_fraction, versions="2.2 to 2.5",
    ),
    Fingerprint(
        Sdk.OPENTOK_RUBY, Kind.T1,
        ("role", "session_id", "create_time", "nonce"),
        _DATA_LAYOUT | {"expire_time"}, nonce=is_fraction, omits_expiry=True,
        versions="2.2 and later (T1 by default before 4.10, token_type: 'T1' since)",
    ),
    Fingerprint(
        Sdk.OPENTOK_PHP, Kind.T1,
        ("session_id", "create_time", "role", "nonce", _LAYOUT),
        frozenset({"expire_time", _DATA}), nonce=is_microtime, omits_expiry=True,
        versions="4.3 and later (T1 by default to 4.14.4 and in 4.14.6; "
        "generateToken(..., true) since)",
    ),
    Fingerprint(
        Sdk.OPENTOK_PHP, Kind.T1,
        ("session_id", "create_time", "role", "nonce"),
        frozenset({"expire_time", _DATA}), nonce=is_microtime, omits_expiry=True,
        versions="2.2 to 4.2",
    ),
    Fingerprint(
        Sdk.OPENTOK_JAVA, Kind.T1,
        ("create_time", "expire_time", "session_id", "nonce", "role", "scope"),
        _DATA_LAYOUT, nonce=is_int32, url_safe=True,
        versions=">= 4.15 (useLegacyT1Token(); JWT by default since 4.15)",
    ),
    Fingerprint(
        Sdk.OPENTOK_JAVA, Kind.T1,
        ("session_id", "create_time", "nonce", "role", "expire_time"),
        _DATA_LAYOUT, nonce=is_wide_int32, url_safe=True,
        versions="2.2 to 4.14 (T1 by default)",
    ),
    Fingerprint(
        Sdk.OPENTOK_DOTNET, Kind.T1,
        ("session_id", "create_time", "nonce", "role"),
        _DATA_LAYOUT | {"expire_time"}, nonce=is_dotnet_nonce, omits_expiry=True,
        versions="2.2 to 3.14 and 3.16.1 to 3.22 (T1 by default)",
    ),
    # -- OpenTok HS256 JWT ---------------------------------------------------
    Fingerprint(
        Sdk.OPENTOK_PYTHON, Kind.HS256,
        ("session_id", "role", "iat", "exp", "scope", "iss", "ist", "nonce"),
        _DATA_LAYOUT, header=_ALG_TYP_HS, nonce=is_six_digits,
        versions=">= 3.11 (JWT by default since 3.10)",
    ),
    Fingerprint(
        Sdk.OPENTOK_PYTHON, Kind.HS256,
        ("iss", "ist", "iat", "exp", "nonce", "role", "scope", "session_id"),
        _DATA_LAYOUT, header=_ALG_TYP_HS, nonce=is_six_digits,
        versions="3.10.0 (JWT by default)",
    ),
    Fingerprint(
        Sdk.OPENTOK_NODE, Kind.HS256,
        ("iss", "ist", "iat", "exp", "session_id", "create_time", "nonce", "role",
         "expire_time", _LAYOUT, "scope"),
        frozenset({_DATA}), header=_ALG_TYP_HS, nonce=is_fraction,
        versions=">= 2.19 (JWT by default)",
    ),
    Fingerprint(
        Sdk.OPENTOK_RUBY, Kind.HS256,
        ("iss", "ist", "iat", "exp", "nonce", "role", "scope", "session_id"),
        _DATA_LAYOUT, header=_TYP_ALG_HS, nonce=is_fraction,
        versions="4.10.0 (JWT by default, 24 h)",
    ),
    Fingerprint(
        Sdk.OPENTOK_RUBY, Kind.HS256,
        ("iss", "ist", "iat", "nonce", "role", "scope", "session_id"),
        _DATA_LAYOUT | {"exp"}, header=_TYP_ALG_HS, nonce=is_fraction,
        omits_expiry=True, versions=">= 4.11 (JWT by default, no expiry unless asked)",
    ),
    Fingerprint(
        Sdk.OPENTOK_PHP, Kind.HS256,
        ("iss", "iat", "session_id", "role", "ist", "nonce", "scope"),
        _DATA_LAYOUT | {"data", "expireTime", "exp"}, header=_TYP_ALG_HS,
        nonce=is_int31, omits_expiry=True, versions=_php_jwt_versions,
    ),
    Fingerprint(
        Sdk.OPENTOK_PHP, Kind.HS256,
        ("iss", "iat", "nbf", "jti", "session_id", "role", "initial_layout_list",
         "ist", "nonce", "scope"),
        frozenset({"exp"}), header=_TYP_ALG_HS, omits_expiry=True,
        versions="4.14.5 (JWT by default; drops connection data)",
    ),
    Fingerprint(
        Sdk.OPENTOK_JAVA, Kind.HS256,
        ("session_id", "nonce", "role", "scope", "ist", "iss", "jti", "exp", "iat"),
        _DATA_LAYOUT, header='{"alg":"HS256"}', nonce=is_int32,
        versions=">= 4.15 (JWT by default)",
    ),
    Fingerprint(
        Sdk.OPENTOK_DOTNET, Kind.HS256,
        ("iss", "ist", "role", "session_id", "scope", "iat", "jti",
         "initial_layout_list", "nonce", "nbf", "exp"),
        frozenset({"data", _DATA}), header=_ALG_TYP_HS, nonce=is_dotnet_nonce,
        versions=_dotnet_jwt_versions,
    ),
    # -- Vonage application RS256 JWT ---------------------------------------
    Fingerprint(
        Sdk.VONAGE_PYTHON, Kind.RS256,
        ("session_id", "role", "exp", "jti", "iat", "subject", "scope", "acl",
         "application_id"),
        _DATA_LAYOUT, header=_ALG_TYP_RS, versions="vonage-video 1.x (vonage 4.x)",
    ),
    Fingerprint(
        Sdk.OPENTOK_PYTHON, Kind.RS256,
        ("session_id", "role", "iat", "exp", "scope", "application_id", "jti",
         "subject", "acl"),
        _DATA_LAYOUT, header=_ALG_TYP_RS,
        versions=">= 3.11 given Vonage application credentials",
    ),
    Fingerprint(
        Sdk.VONAGE_NODE, Kind.RS256,
        ("scope", "session_id", "role", _LAYOUT, "exp", "sub", "acl", "jti", "iat",
         "application_id"),
        frozenset({_DATA}), header=_ALG_TYP_RS,
        versions="@vonage/video >= 1.14 (or opentok-node >= 2.21 given Vonage "
        "application credentials: the same code)",
    ),
    Fingerprint(
        Sdk.VONAGE_NODE, Kind.RS256,
        ("scope", "session_id", "role", _LAYOUT, "sub", "acl", "jti", "iat",
         "application_id"),
        frozenset({_DATA, "exp"}), header=_ALG_TYP_RS,
        versions="@vonage/video 1.8 to 1.13",
    ),
    Fingerprint(
        Sdk.VONAGE_NODE, Kind.RS256,
        ("scope", "session_id", "role", _LAYOUT, "jti", "iat", "exp", "application_id"),
        frozenset({_DATA, "acl"}), header=_ALG_TYP_RS,
        versions="@vonage/video 1.0 to 1.7",
    ),
    Fingerprint(
        Sdk.VONAGE_NODE, Kind.RS256,
        ("jti", "iat", "exp", "scope", "session_id", "role", _LAYOUT, "application_id"),
        frozenset({_DATA}), header=_ALG_TYP_RS,
        versions="@vonage/video before 1.4 with @vonage/jwt before 1.0.10",
    ),
    Fingerprint(
        Sdk.VONAGE_PYTHON, Kind.RS256,
        ("scope", "session_id", "role", _LAYOUT, "jti", "iat", "application_id"),
        frozenset({"data", _DATA, "exp", "subject", "acl"}), header=_ALG_TYP_RS,
        versions=_vonage_python3_versions,
    ),
    Fingerprint(
        Sdk.VONAGE_RUBY, Kind.RS256,
        ("iat", "jti", "exp", "application_id", "scope", "session_id", "role",
         _LAYOUT, "sub", "acl"),
        frozenset({"data"}), header=_TYP_ALG_RS, versions="vonage 7.19 and later",
    ),
    Fingerprint(
        Sdk.VONAGE_PHP, Kind.RS256,
        ("iat", "exp", "jti", "application_id", "sub", "scope", "session_id", "acl"),
        frozenset({"role", "data", _LAYOUT, "initialLayoutClassList"}),
        header=_TYP_ALG_RS, versions="vonage/video 1.x", open_claims=True,
    ),
    Fingerprint(
        Sdk.VONAGE_JAVA, Kind.RS256,
        ("application_id", "exp", "role", "session_id", "scope", "iat", "jti"),
        _DATA_LAYOUT, header=_ALG_TYP_RS,
        versions="server-sdk 8.x and 9.x (VideoClient.generateToken)",
    ),
    Fingerprint(
        Sdk.OPENTOK_JAVA, Kind.RS256,
        ("application_id", "session_id", "nonce", "role", "scope", "exp", "jti", "iat"),
        _DATA_LAYOUT, header=_ALG_TYP_RS, nonce=is_int32,
        versions=">= 4.15 given Vonage application credentials",
    ),
    Fingerprint(
        Sdk.VONAGE_DOTNET, Kind.RS256,
        ("iat", "application_id", "jti", "role", "session_id", "scope"),
        header=_ALG_TYP_RS, omits_expiry=True, open_claims=True,
        versions="Vonage 6.14 and later, no expiry written (also OpenTok .NET "
        ">= 3.15 given Vonage application credentials)",
    ),
)  # fmt: skip


def omits_expiry(sdk: str, kind: Kind) -> bool:
    """True when ``sdk`` writes no expiry into a ``kind`` token unless asked."""
    return any(
        fp.omits_expiry for fp in FINGERPRINTS if fp.sdk == sdk and fp.kind is kind
    )
