"""Read a token's fields into Findings: T1 fields, JWT header and claims,
every spelling an official SDK writes (spec/tokens.md section 9)."""

from __future__ import annotations

import json
import math
from typing import Any

from opentok_studio.core import jwt_opentok, jwt_vonage, t1
from opentok_studio.core.encoding import b64url_decode
from opentok_studio.core.findings import Findings
from opentok_studio.core.madeby import header_text, identify, missing_from_layout
from opentok_studio.core.model import Family, ProblemCode, Signature
from opentok_studio.core.sdks import Kind

C = ProblemCode


def read_t1(f: Findings) -> t1.ParsedT1:
    """Every field of a T1 token, its damage, and the SDK whose layout it is."""
    f.family = Family.PROJECT
    parsed = t1.parse(f.token)
    if parsed.damage:
        code = C.TRUNCATED if parsed.truncated else C.MALFORMED
        f.add(code, "the T1 token is damaged: " + "; ".join(parsed.damage))
    f.claims = {**parsed.header, **parsed.data}
    data = parsed.data
    f.names = tuple(data)
    f.made_by = identify(
        Kind.T1,
        f.names,
        nonce=data.get("nonce"),
        url_safe=parsed.alphabet == t1.Alphabet.URL_SAFE,
    )
    lost = missing_from_layout(Kind.T1, f.names) if f.made_by.sdk == "unknown" else ()
    if lost and not f.damaged:
        f.add(
            C.TRUNCATED, "the T1 token is damaged: fields missing: " + ", ".join(lost)
        )
    f.session_id = data.get("session_id")
    f.role = data.get("role") or ("publisher" if data else None)
    f.issued_at = unix_seconds(f, "create_time", data.get("create_time"), text=True)
    f.expires_at = unix_seconds(f, "expire_time", data.get("expire_time"), text=True)
    # A cut-off T1 lost its tail; that is not a token made without expiry.
    f.has_exp = "expire_time" in data or not data or f.damaged
    f.nonce = data.get("nonce")
    layout = data.get("initial_layout_class_list", "")
    f.layout = tuple(layout.split(" ")) if layout else ()
    f.connection_data = data.get("connection_data")
    f.api_key = parsed.header.get("partner_id")
    return parsed


def read_jwt(f: Findings) -> list[str]:
    """Every claim of a JWT, its damage, and the SDK whose layout it is.

    Returns the token's dot-separated parts, for the signature check.
    """
    parts = f.token.split(".")
    if len(parts) < 3:
        f.add(
            C.TRUNCATED,
            f"a JWT has 3 parts (header.payload.signature); this one has "
            f"{len(parts)}: its end was cut off",
        )
    elif len(parts) > 3:
        f.add(C.MALFORMED, f"a JWT has 3 parts; this one has {len(parts)}")
    header = _json_segment(f, parts[0], "header")
    payload = _json_segment(f, parts[1], "payload") if len(parts) > 1 else None
    if header is not None:
        f.header = header
        alg = header.get("alg")
        f.alg = alg if isinstance(alg, str) else None
        if alg is None:
            f.add(C.MALFORMED, "the JWT header has no alg")
        elif not isinstance(alg, str):
            f.add(C.MALFORMED, f"the JWT header's alg is {alg!r}, not a name")
    if payload is not None:
        f.claims = payload
        _read_claims(f, payload)
    _family_from(f)
    if payload is not None and f.alg in (Kind.HS256, Kind.RS256):
        f.names = tuple(payload)
        f.made_by = identify(
            Kind(f.alg),
            f.names,
            header=header_text(header) if header is not None else None,
            nonce=payload.get("nonce"),
        )
    return parts


def unix_seconds(
    f: Findings, name: str, value: object, *, text: bool = False
) -> int | None:
    """A time field as Unix seconds: a T1 field's text (``text``) or a JWT number.

    One check for both families: text that is no number, NaN, infinity and
    numbers too large for JSON readers (kept as text) are malformed; a
    fraction is malformed too (the service wants whole seconds) but read.
    """
    if value is None or value == "":
        return None
    if isinstance(value, int) and not isinstance(value, bool):
        return value
    number: float | None = None
    if isinstance(value, float):
        number = value
    elif isinstance(value, str) and text:
        try:
            return int(value)
        except ValueError:
            pass
        try:
            number = float(value)
        except ValueError:
            number = None
    if number is None or not math.isfinite(number):
        f.add(C.MALFORMED, f"{name} is {str(value)[:40]!r}, not Unix seconds")
        return None
    if not number.is_integer():
        f.add(
            C.MALFORMED,
            f"{name} is {str(value)[:40]}, a fraction: the service wants whole seconds",
        )
    return int(number)


def _json_segment(f: Findings, segment: str, name: str) -> dict[str, Any] | None:
    try:
        raw = b64url_decode(segment)
    except ValueError:
        f.add(C.MALFORMED, f"the JWT {name} is not base64url text")
        return None
    try:
        value = json.loads(raw, parse_constant=_no_constants, parse_float=_finite)
    except (ValueError, RecursionError):
        f.add(C.MALFORMED, f"the JWT {name} is not JSON")
        return None
    if not isinstance(value, dict):
        f.add(C.MALFORMED, f"the JWT {name} is JSON, but not an object")
        return None
    return value


def _no_constants(name: str) -> None:
    # NaN and Infinity are Python's JSON extensions, not JSON (RFC 8259).
    raise ValueError(f"{name} is not JSON")


def _finite(text: str) -> float | str:
    # 1e400 is valid JSON but no float: keep its text, so the claim reads as
    # "not Unix seconds" and every output can still print it.
    value = float(text)
    return value if math.isfinite(value) else text


def _read_claims(f: Findings, claims: dict[str, Any]) -> None:
    session_id = claims.get("session_id")
    if isinstance(session_id, str):
        f.session_id = session_id
    elif session_id is None:
        f.add(C.MALFORMED, "the token has no session_id claim")
    else:
        f.add(C.MALFORMED, f"session_id is {type(session_id).__name__}, not text")
    role = claims.get("role")
    if role is not None:
        f.role = role if isinstance(role, str) else repr(role)
    f.issued_at = unix_seconds(f, "iat", claims.get("iat"))
    f.expires_at = unix_seconds(f, "exp", claims.get("exp"))
    f.not_before = unix_seconds(f, "nbf", claims.get("nbf"))
    f.has_exp = "exp" in claims
    f.connection_data = _data_claim(f, claims)
    f.layout = _layout_claims(f, claims)
    iss = claims.get("iss")
    if isinstance(iss, (str, int)) and not isinstance(iss, bool):
        f.api_key = str(iss)
    app = claims.get("application_id")
    f.application_id = app if isinstance(app, str) else None
    nonce = claims.get("nonce")
    if isinstance(nonce, (str, int, float)) and not isinstance(nonce, bool):
        f.nonce = nonce


def _data_claim(f: Findings, claims: dict[str, Any]) -> str | None:
    """``connection_data``, or ``data`` as the Vonage Ruby and PHP SDKs name it."""
    name = "connection_data" if claims.get("connection_data") is not None else "data"
    data = claims.get(name)
    if data is None:
        return None
    if not isinstance(data, str):
        f.add(C.MALFORMED, f"{name} is {type(data).__name__}, not text")
        return json.dumps(data)
    return data


def _layout_claims(f: Findings, claims: dict[str, Any]) -> tuple[str, ...]:
    if claims.get("initial_layout_class_list") is not None:
        return _layout_claim(f, claims["initial_layout_class_list"])
    if claims.get("initialLayoutClassList") is not None:
        # vonage/video (PHP) copies option names into the token as given.
        layout = _layout_claim(f, claims["initialLayoutClassList"])
        f.warn(
            C.CLAIM_NAME_VARIANT,
            "layout classes are in a claim named initialLayoutClassList (vonage-php "
            "writes an option under the name it is given); the documented claim is "
            "initial_layout_class_list, and whether the service reads this one is "
            "not known",
            fix="pass the option as 'initial_layout_class_list' where the server "
            "calls generateClientToken",
        )
        return layout
    if claims.get("initial_layout_list") is not None:
        # OpenTok .NET 3.15.0-3.16.0 and opentok-php 4.14.5 misnamed the claim
        # (PHP writes [""] when there are none): the service never sees them.
        layout = tuple(c for c in _layout_claim(f, claims["initial_layout_list"]) if c)
        if layout:
            f.warn(
                C.LAYOUT_CLASSES_LOST,
                "layout classes are in a claim named initial_layout_list, a "
                "misspelling of OpenTok .NET 3.15.0-3.16.0 and opentok-php 4.14.5; "
                "the service reads initial_layout_class_list, so these classes "
                "are lost",
                fix="upgrade the SDK (OpenTok .NET to 3.16.1 or later, opentok-php "
                "to 4.17 or later)",
            )
        return layout
    return ()


def _layout_claim(f: Findings, value: object) -> tuple[str, ...]:
    if value is None or value == "":
        return ()
    if isinstance(value, str):
        return tuple(value.split(" "))
    if isinstance(value, list):
        out = []
        for item in value:
            if isinstance(item, str):
                out.append(item)
            else:
                f.add(
                    C.LAYOUT_CLASSES_INVALID,
                    f"initial_layout_class_list holds {type(item).__name__} "
                    f"{str(item)[:20]!r}, not a class name",
                )
        return tuple(out)
    f.add(C.MALFORMED, "initial_layout_class_list is neither text nor a list")
    return ()


def _family_from(f: Findings) -> None:
    alg = f.alg
    if alg == jwt_opentok.ALG:
        f.family = Family.PROJECT
    elif alg == jwt_vonage.ALG:
        f.family = Family.APPLICATION
    elif alg is not None and alg.lower() == "none":
        f.add(C.ALG_NONE, "the header says alg none: the token has no signature")
        f.signature = Signature.INVALID
    elif alg is not None:
        f.add(
            C.UNSUPPORTED_ALG,
            f"the header says alg {alg[:20]}; video tokens use HS256 or RS256",
        )
