"""Tokens laid out the way each official SDK lays them out, signed by hand.

For property tests: the grants come from the test, the layout (field order,
header bytes, nonce shape, T1 alphabet, claim names) from a fingerprint in
core/fingerprints.py, and the signature from hashlib/cryptography directly, never
from our signer.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import json
import random
import uuid
from dataclasses import dataclass
from typing import Any
from urllib.parse import quote_plus

from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.asymmetric import padding

from opentok_studio.core.fingerprints import Fingerprint
from opentok_studio.core.sdks import (
    Kind,
    is_dotnet_nonce,
    is_fraction,
    is_int31,
    is_int32,
    is_microtime,
    is_six_digits,
    is_wide_int32,
)
from tests.helpers import vectors

_LAYOUT_NAMES = (
    "initial_layout_class_list",
    "initialLayoutClassList",
    "initial_layout_list",
)


@dataclass(frozen=True)
class Grants:
    """What a server asked the SDK for."""

    session_id: str
    role: str
    iat: int
    exp: int | None
    data: str | None
    layout: tuple[str, ...]


@dataclass(frozen=True)
class Expected:
    """What a decoder must read back from a forged token."""

    role: str | None
    expires_at: int | None
    data: str | None
    layout: tuple[str, ...]


def nonce_for(fp: Fingerprint, rng: random.Random, iat: int) -> object:
    """A nonce of the SDK's own shape."""
    test = fp.nonce
    if test is None:
        return None
    if test is is_fraction:
        value = rng.random()
        return value if fp.kind is not Kind.T1 else repr(value)
    if test is is_microtime:
        return f"{iat}.{rng.randint(0, 9999)}{rng.randint(0, 2**31 - 1)}"
    if test is is_wide_int32:
        return rng.choice([-1, 1]) * rng.randint(1_000_000, 2**31 - 1)
    if test is is_int32:
        return rng.randint(-(2**31), 2**31 - 1)
    if test is is_int31:
        return rng.randint(0, 2**31 - 1)
    if test in (is_six_digits, is_dotnet_nonce):
        return rng.randint(0, 999_998)
    raise AssertionError(f"no nonce maker for {test}")


def _has(fp: Fingerprint, name: str) -> bool:
    return name in fp.core or name in fp.optional


def _data_claim(fp: Fingerprint) -> str | None:
    for name in ("connection_data", "data"):
        if _has(fp, name):
            return name
    return None


def _layout_claim(fp: Fingerprint) -> str | None:
    return next((n for n in _LAYOUT_NAMES if _has(fp, n)), None)


def claims_for(
    fp: Fingerprint, g: Grants, rng: random.Random
) -> tuple[dict[str, Any], Expected]:
    """The SDK's fields in its order, and what a decoder should read."""
    expiry = "expire_time" if fp.kind is Kind.T1 else "exp"
    data_name, layout_name = _data_claim(fp), _layout_claim(fp)
    write_exp = expiry in fp.core or (
        expiry in fp.optional and (g.exp is not None or not fp.omits_expiry)
    )
    exp = g.exp if g.exp is not None else g.iat + 86400
    values: dict[str, Any] = {
        "session_id": g.session_id,
        "role": g.role,
        "iat": g.iat,
        "create_time": g.iat,
        "nbf": g.iat,
        "exp": exp,
        "expire_time": exp,
        "scope": "session.connect",
        "iss": vectors.API_KEY,
        "ist": "project",
        "nonce": nonce_for(fp, rng, g.iat),
        "jti": str(uuid.UUID(int=rng.getrandbits(128))),
        "sub": "video",
        "subject": "video",
        "acl": {"paths": {"/session/**": {}}},
        "application_id": vectors.APP_ID,
        "expireTime": None,
        "data": None,
    }
    wanted = list(fp.core)
    if data_name and g.data is not None and data_name not in wanted:
        wanted.append(data_name)
    if layout_name and g.layout and layout_name not in wanted:
        wanted.append(layout_name)
    if write_exp and expiry not in wanted:
        wanted.append(expiry)
    if "role" in fp.optional and "role" not in wanted:
        wanted.append("role")
    claims: dict[str, Any] = {}
    for name in wanted:
        if name == data_name:
            claims[name] = g.data
        elif name == layout_name:
            if name == "initialLayoutClassList":
                claims[name] = list(g.layout)
            else:
                claims[name] = " ".join(g.layout)
        else:
            claims[name] = values[name]
    expected = Expected(
        role=g.role if "role" in claims else None,
        expires_at=exp if expiry in claims else None,
        # opentok-python 2.2-2.4 writes connection_data=None: clients get "None"
        data=(g.data if g.data is not None or fp.kind is not Kind.T1 else "None")
        if data_name in claims
        else None,
        layout=g.layout if layout_name in claims else (),
    )
    return claims, expected


def t1_token(fp: Fingerprint, claims: dict[str, Any]) -> str:
    data = "&".join(f"{k}={quote_plus(str(v), safe='')}" for k, v in claims.items())
    sig = hmac.new(vectors.API_SECRET.encode(), data.encode(), hashlib.sha1).hexdigest()
    raw = f"partner_id={vectors.API_KEY}&sig={sig}:{data}".encode()
    body = base64.b64encode(raw).decode()
    if fp.url_safe:  # opentok-java: commons-codec, then + -> - and / -> _
        body = body.replace("+", "-").replace("/", "_")
    return "T1==" + body


def _b64url(raw: bytes) -> str:
    return base64.urlsafe_b64encode(raw).rstrip(b"=").decode()


def jwt_token(fp: Fingerprint, claims: dict[str, Any]) -> str:
    assert fp.header is not None
    return sign_jwt(fp.header, claims)


def sign_jwt(header: str, claims: dict[str, Any]) -> str:
    """A JWT with exactly these header bytes and claims, in order; HS256 with
    the test secret or RS256 with the test key, as the header says."""
    head = _b64url(header.encode())
    body = _b64url(json.dumps(claims, separators=(",", ":")).encode())
    signing_input = f"{head}.{body}".encode()
    if '"HS256"' in header:
        sig = hmac.new(
            vectors.API_SECRET.encode(), signing_input, hashlib.sha256
        ).digest()
    else:
        sig = vectors.private_key().sign(
            signing_input, padding.PKCS1v15(), hashes.SHA256()
        )
    return f"{head}.{body}.{_b64url(sig)}"


def forge(fp: Fingerprint, g: Grants, seed: int) -> tuple[str, Expected]:
    """A token as ``fp``'s SDK would write it for ``g``, and what it holds."""
    rng = random.Random(seed)
    claims, expected = claims_for(fp, g, rng)
    token = t1_token(fp, claims) if fp.kind is Kind.T1 else jwt_token(fp, claims)
    return token, expected
