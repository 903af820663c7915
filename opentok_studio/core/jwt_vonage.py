"""Vonage application JWTs: RS256 with the application's key (spec/tokens.md section 4)."""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from opentok_studio.core.encoding import b64url_encode
from opentok_studio.core.model import CheckedRequest

if TYPE_CHECKING:
    from cryptography.hazmat.primitives.asymmetric.rsa import (
        RSAPrivateKey,
        RSAPublicKey,
    )

ALG = "RS256"
HEADER_B64 = b64url_encode(b'{"alg":"RS256","typ":"JWT"}')
ACL: dict[str, Any] = {"paths": {"/session/**": {}}}


def claims(application_id: str, checked: CheckedRequest, jti: str) -> dict[str, Any]:
    """vonage-video's claim set and order; layout classes as a JSON array."""
    out: dict[str, Any] = {"session_id": checked.session_id, "role": checked.role.value}
    if checked.data:
        out["connection_data"] = checked.data
    if checked.layout_classes:
        out["initial_layout_class_list"] = list(checked.layout_classes)
    out.update(
        exp=checked.expires_at,
        jti=jti,
        iat=checked.issued_at,
        subject="video",
        scope="session.connect",
        acl=ACL,
        application_id=application_id,
    )
    return out


def prepare(
    application_id: str, private_key: RSAPrivateKey, checked: CheckedRequest
) -> Callable[[str], str]:
    """A function jti -> token. The key object is reused, never re-parsed."""
    from cryptography.hazmat.primitives.asymmetric.padding import PKCS1v15
    from cryptography.hazmat.primitives.hashes import SHA256

    padding, hash_alg = PKCS1v15(), SHA256()
    sign = private_key.sign

    def mint(jti: str) -> str:
        body = claims(application_id, checked, jti)
        payload = json.dumps(body, separators=(",", ":"))
        signing_input = f"{HEADER_B64}.{b64url_encode(payload.encode('ascii'))}"
        sig = sign(signing_input.encode("ascii"), padding, hash_alg)
        return f"{signing_input}.{b64url_encode(sig)}"

    return mint


def verify(public_key: RSAPublicKey, signing_input: bytes, sig: bytes) -> bool:
    """RSASSA-PKCS1-v1_5 SHA-256 check; False on any mismatch."""
    from cryptography.exceptions import InvalidSignature
    from cryptography.hazmat.primitives.asymmetric.padding import PKCS1v15
    from cryptography.hazmat.primitives.hashes import SHA256

    try:
        public_key.verify(sig, signing_input, PKCS1v15(), SHA256())
    except (InvalidSignature, ValueError):
        return False
    return True
