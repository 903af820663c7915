"""Hand-made tokens for cases no SDK would produce (signed without our signer)."""

from __future__ import annotations

import base64
import hashlib
import hmac
import json
from typing import Any
from urllib.parse import urlencode

from tests.helpers import vectors


def b64url(raw: bytes) -> str:
    return base64.urlsafe_b64encode(raw).rstrip(b"=").decode()


def hs256(
    claims: dict[str, Any],
    secret: str = vectors.API_SECRET,
    header: dict[str, Any] | None = None,
) -> str:
    """A JWT whose claims and header are whatever the test says."""
    head = b64url(json.dumps(header or {"alg": "HS256", "typ": "JWT"}).encode())
    body = b64url(json.dumps(claims).encode())
    signing_input = f"{head}.{body}".encode()
    sig = hmac.new(secret.encode(), signing_input, hashlib.sha256).digest()
    return f"{head}.{body}.{b64url(sig)}"


def project_claims(now: int, **changes: Any) -> dict[str, Any]:
    claims: dict[str, Any] = {
        "session_id": vectors.SID,
        "role": "publisher",
        "iat": now,
        "exp": now + 3600,
        "scope": "session.connect",
        "iss": vectors.API_KEY,
        "ist": "project",
        "nonce": 1,
    }
    for key, value in changes.items():
        if value is None:
            claims.pop(key, None)
        else:
            claims[key] = value
    return claims


def t1(fields: dict[str, str], secret: str = vectors.API_SECRET,
       api_key: str = vectors.API_KEY) -> str:  # fmt: skip
    data = urlencode(fields)
    sig = hmac.new(secret.encode(), data.encode(), hashlib.sha1).hexdigest()
    raw = f"partner_id={api_key}&sig={sig}:{data}".encode()
    return "T1==" + base64.b64encode(raw).decode()
