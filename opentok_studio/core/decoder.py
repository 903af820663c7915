"""Any pasted text -> Decoded: format, every field, signature state and problems.

Damage is reported as problems, never raised: only text with no token in it
at all raises DecodeError (spec/cli.md, decode).
"""

from __future__ import annotations

import hmac
import json
import math
import re
from typing import Any

from opentok_studio.core import jwt_opentok, jwt_vonage, limits, t1
from opentok_studio.core.diagnose import rank
from opentok_studio.core.encoding import b64url_decode
from opentok_studio.core.errors import DecodeError
from opentok_studio.core.extract import extract_token
from opentok_studio.core.findings import Findings
from opentok_studio.core.judge import judge_content, judge_times
from opentok_studio.core.madeby import header_text, identify, missing_from_layout
from opentok_studio.core.model import (
    ApplicationCredentials,
    Credentials,
    Decoded,
    ProblemCode,
    ProjectCredentials,
    Signature,
)
from opentok_studio.core.sdks import Kind, Sdk
from opentok_studio.core.sessionid import decode_session_id
from opentok_studio.core.validate import validate_api_secret

C = ProblemCode
#: Vonage application IDs are UUIDs; OpenTok API keys are digits.
_APPLICATION_ID = re.compile(r"[0-9a-fA-F]{8}(-[0-9a-fA-F]{4}){3}-[0-9a-fA-F]{12}")


def decode(
    text: str,
    credentials: Credentials | None = None,
    *,
    now: int,
    expected_session_id: str | None = None,
    client_error: str | None = None,
) -> Decoded:
    """Decode and check a token found in ``text``.

    Args:
        text: a token, or text holding one (URL, JSON, quotes, whitespace).
        credentials: checks the signature and the key when given; a project
            without a secret checks only the key.
        now: Unix seconds to judge times against.
        expected_session_id: the session the client tried to join.
        client_error: what the client reported (``1004 token has expired``),
            used to rank the causes.

    Raises:
        DecodeError: no token can be recognised in ``text``.
        CredentialsError: the "API secret" is a PEM key or not text.
    """
    if isinstance(credentials, ProjectCredentials) and credentials.api_secret:
        validate_api_secret(credentials.api_secret)  # a PEM is never an HMAC key
    found = extract_token(text)
    f = Findings(
        token=found.token,
        format="t1" if found.token.startswith(t1.PREFIX) else "jwt",
        source=found.source,
    )
    for damage in found.damage:
        f.add(C.MALFORMED, f"the token was damaged on its way: {damage}")
    if f.format == "t1":
        _read_t1(f, credentials)
    else:
        _read_jwt(f, credentials)
    if f.claims:
        _check_identity(f, credentials, expected_session_id)
        judge_times(f, now)
        judge_content(f)
    return Decoded(
        token=f.token,
        format=f.format,
        alg=f.alg,
        session_id=f.session_id,
        role=f.role,
        issued_at=f.issued_at,
        expires_at=f.expires_at,
        expired=f.expires_at is not None and f.expires_at < now,
        connection_data=f.connection_data,
        initial_layout_class_list=f.layout,
        nonce=f.nonce,
        api_key=f.api_key,
        application_id=f.application_id,
        signature=f.signature,
        problems=rank(f.problems, client_error),
        claims=f.claims,
        header=f.header,
        source=f.source,
        notes=tuple(f.notes),
        warnings=rank(f.warnings),
        made_by=f.made_by,
    )


# -- T1 ---------------------------------------------------------------------


def _read_t1(f: Findings, credentials: Credentials | None) -> None:
    f.family = "project"
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
    f.issued_at = _t1_time(f, data, "create_time")
    f.expires_at = _t1_time(f, data, "expire_time")
    # A cut-off T1 lost its tail; that is not a token made without expiry.
    f.has_exp = "expire_time" in data or not data or f.damaged
    f.nonce = data.get("nonce")
    layout = data.get("initial_layout_class_list", "")
    f.layout = tuple(layout.split(" ")) if layout else ()
    f.connection_data = data.get("connection_data")
    f.api_key = parsed.header.get("partner_id")
    _check_key_is_application(f, f.api_key, credentials)

    if isinstance(credentials, ApplicationCredentials):
        if _has_mixup(f):
            return
        f.add(
            C.PROJECT_APPLICATION_MIXUP,
            "a T1 token belongs to an OpenTok project (API key + secret), but "
            f"it was checked with Vonage application {credentials.application_id}",
        )
        return
    if not (isinstance(credentials, ProjectCredentials) and credentials.api_secret):
        return
    sig = parsed.header.get("sig")
    if sig is None or not parsed.data_bytes:
        f.signature = Signature.INVALID
        return
    expected = t1.signature(credentials.api_secret, parsed.data_bytes)
    ok = hmac.compare_digest(sig.encode("utf-8", "replace"), expected.encode())
    f.signature = Signature.VALID if ok else Signature.INVALID
    if not ok and not f.damaged:
        f.add(
            C.BAD_SIGNATURE,
            "the T1 signature (HMAC-SHA1) does not match this API secret",
        )


def _t1_time(f: Findings, data: dict[str, str], name: str) -> int | None:
    raw = data.get(name)
    if raw is None or raw == "":
        return None
    try:
        return int(raw)
    except ValueError:
        pass
    try:
        value = float(raw)
    except ValueError:
        f.add(C.MALFORMED, f"{name} is {raw[:40]!r}, not Unix seconds")
        return None
    if value != value or value in (float("inf"), float("-inf")):
        f.add(C.MALFORMED, f"{name} is {raw[:40]!r}, not Unix seconds")
        return None
    f.add(
        C.MALFORMED,
        f"{name} is {raw[:40]}, a fraction: the service wants whole seconds",
    )
    return int(value)


# -- JWT ---------------------------------------------------------------------


def _read_jwt(f: Findings, credentials: Credentials | None) -> None:
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
        if f.family == "project":
            _check_key_is_application(f, f.api_key, credentials)
    if len(parts) == 3 and header is not None:
        _check_jwt_signature(f, parts, credentials)


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
    f.issued_at = _jwt_time(f, claims, "iat")
    f.expires_at = _jwt_time(f, claims, "exp")
    f.not_before = _jwt_time(f, claims, "nbf")
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


def _jwt_time(f: Findings, claims: dict[str, Any], name: str) -> int | None:
    value = claims.get(name)
    if value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        f.add(C.MALFORMED, f"{name} is {str(value)[:40]!r}, not Unix seconds")
        return None
    if isinstance(value, float):
        if value != value or value in (float("inf"), float("-inf")):
            f.add(C.MALFORMED, f"{name} is {value}, not Unix seconds")
            return None
        if not value.is_integer():
            f.add(
                C.MALFORMED,
                f"{name} is {value}, a fraction: the service wants whole seconds",
            )
        return int(value)
    return value


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
        f.family = "project"
    elif alg == jwt_vonage.ALG:
        f.family = "application"
    elif alg is not None and alg.lower() == "none":
        f.add(C.ALG_NONE, "the header says alg none: the token has no signature")
        f.signature = Signature.INVALID
    elif alg is not None:
        f.add(
            C.UNSUPPORTED_ALG,
            f"the header says alg {alg[:20]}; video tokens use HS256 or RS256",
        )


def _check_jwt_signature(
    f: Findings, parts: list[str], credentials: Credentials | None
) -> None:
    if f.family is None or credentials is None:
        return
    signing_input = f"{parts[0]}.{parts[1]}".encode("ascii", "replace")
    try:
        sig = b64url_decode(parts[2])
    except ValueError:
        f.add(C.MALFORMED, "the JWT signature is not base64url text")
        if _can_verify(f, credentials):
            f.signature = Signature.INVALID
        return

    if f.family == "project":
        if isinstance(credentials, ApplicationCredentials):
            _hs256_with_rsa_key(f, credentials)
            return
        if not credentials.api_secret:
            return
        ok = hmac.compare_digest(
            sig, jwt_opentok.signature(credentials.api_secret, signing_input)
        )
        expected_len = limits.HS256_SIGNATURE_BYTES
    else:
        if isinstance(credentials, ProjectCredentials):
            f.add(
                C.PROJECT_APPLICATION_MIXUP,
                "this RS256 token was made by a Vonage application (application "
                "ID + private key), but it was checked with OpenTok project "
                f"{credentials.api_key}'s key and secret",
            )
            return
        public = credentials.public_key or (
            credentials.private_key.public_key() if credentials.private_key else None
        )
        if public is None:
            return
        ok = jwt_vonage.verify(public, signing_input, sig)
        expected_len = public.key_size // 8
    f.signature = Signature.VALID if ok else Signature.INVALID
    if ok or f.damaged:
        return
    if len(sig) < expected_len:
        f.add(
            C.TRUNCATED,
            f"the signature is {len(sig)} bytes, but {f.alg} signatures here are "
            f"{expected_len}: the end of the token was cut off",
        )
    else:
        f.add(
            C.BAD_SIGNATURE,
            f"the {f.alg} signature does not match "
            + (
                "this API secret" if f.family == "project" else "this application's key"
            ),
        )


def _hs256_with_rsa_key(f: Findings, credentials: ApplicationCredentials) -> None:
    # An HS256 token "signed" with the application's public key PEM is the
    # classic confusion attack: refuse, never use the PEM as an HMAC secret.
    if _has_mixup(f):
        return
    if f.claims.get("ist") == "project" or (
        "iss" in f.claims and "application_id" not in f.claims
    ):
        f.add(
            C.PROJECT_APPLICATION_MIXUP,
            "this HS256 token was made by an OpenTok project (API key + "
            "secret), but it was checked with Vonage application "
            f"{credentials.application_id}'s RSA key",
        )
        return
    f.signature = Signature.INVALID
    f.add(
        C.ALG_CONFUSION,
        "an HS256 token was presented where an RSA key (Vonage application "
        f"{credentials.application_id}) is configured: refused, as a real "
        "application token is RS256",
    )


def _can_verify(f: Findings, credentials: Credentials) -> bool:
    if isinstance(credentials, ProjectCredentials):
        return f.family == "project" and bool(credentials.api_secret)
    return f.family == "application"


# -- checks common to every family ------------------------------------------


def _check_identity(
    f: Findings, credentials: Credentials | None, expected_session_id: str | None
) -> None:
    if (
        isinstance(credentials, ProjectCredentials)
        and f.family == "project"
        and f.api_key not in (None, credentials.api_key)
    ):
        f.add(
            C.WRONG_API_KEY,
            f"the token was made for API key {f.api_key}, not {credentials.api_key}",
        )
    if (
        isinstance(credentials, ApplicationCredentials)
        and f.family == "application"
        and f.application_id not in (None, credentials.application_id)
    ):
        f.add(
            C.WRONG_API_KEY,
            f"the token was made for application {f.application_id}, not "
            f"{credentials.application_id}",
        )
    if (
        expected_session_id is not None
        and f.session_id is not None
        and expected_session_id.strip() != f.session_id
    ):
        f.add(
            C.SESSION_MISMATCH,
            "the token is for another session than the one the client joins",
        )
    if f.session_id:
        _check_session(f, f.session_id, credentials)


def _check_session(
    f: Findings, session_id: str, credentials: Credentials | None
) -> None:
    try:
        info = decode_session_id(session_id)
    except DecodeError as e:
        if f.family == "application":
            f.notes.append(
                f"the session ID could not be read ({e}); Vonage "
                "application session IDs may use another layout"
            )
        else:
            f.add(C.SESSION_ID_INVALID, str(e))
        return
    if f.family == "application":
        app = f.application_id
        if app and info.api_key != app:
            f.notes.append(
                f"the session ID names {info.api_key} in its key field, not the "
                f"token's application {app}"
            )
        return
    key = (
        credentials.api_key
        if isinstance(credentials, ProjectCredentials)
        else f.api_key
    )
    if (
        isinstance(credentials, ProjectCredentials)
        and f.api_key not in (None, credentials.api_key)
        and info.api_key == f.api_key
    ):
        return  # token and session agree; wrong_api_key already names the cause
    if key is not None and info.api_key != key:
        whose = "this" if isinstance(credentials, ProjectCredentials) else "the token's"
        f.add(
            C.SESSION_OF_OTHER_KEY,
            f"the session was created by API key {info.api_key}, not {whose} key {key}",
        )


def _check_key_is_application(
    f: Findings, key: str | None, credentials: Credentials | None
) -> None:
    """A project-format token (T1, HS256) whose key is an application ID.

    opentok-php given an application ID and a key file signs HMAC with the
    file's *path* as the secret (spec/tokens.md section 9): no one can verify it.
    """
    if not key or not _APPLICATION_ID.fullmatch(key):
        return
    if _has_mixup(f):
        return
    php = (
        " (opentok-php does this when given an application ID and a private key: it signs with the key file's path)"
        if f.made_by.sdk == Sdk.OPENTOK_PHP
        else ""
    )
    f.add(
        C.PROJECT_APPLICATION_MIXUP,
        f"{'a T1' if f.format == 't1' else 'an HS256'} token is an OpenTok project "
        f"token, but its key {key} is a Vonage application ID, and no secret "
        f"of an application can verify it{php}",
        fix="make Vonage application tokens with a Vonage SDK (vonage/video in "
        "PHP) and the private key, or OpenTok tokens with the API key and secret",
    )


def _has_mixup(f: Findings) -> bool:
    return any(p.code is C.PROJECT_APPLICATION_MIXUP for p in f.problems)
