"""Vonage application JWTs: RS256 with the application's key (spec/tokens.md section 4)."""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from opentok_studio.core.encoding import b64url_encode

if TYPE_CHECKING:
    from cryptography.hazmat.primitives.asymmetric.rsa import (
        RSAPrivateKey,
        RSAPublicKey,
    )

ALG = "RS256"
HEADER_B64 = b64url_encode(b'{"alg":"RS256","typ":"JWT"}')
ACL: dict[str, Any] = {"paths": {"/session/**": {}}}


def claims(
    application_id: str,
    *,
    session_id: str,
    role: str,
    iat: int,
    exp: int,
    layout_classes: tuple[str, ...],
    data: str | None,
    jti: str,
) -> dict[str, Any]:
    """vonage-video's claim set and order; layout classes as a JSON array."""
    out: dict[str, Any] = {"session_id": session_id, "role": role}
    if data:
        out["connection_data"] = data
    if layout_classes:
        out["initial_layout_class_list"] = list(layout_classes)
    out.update(
        exp=exp,
        jti=jti,
        iat=iat,
        subject="video",
        scope="session.connect",
        acl=ACL,
        application_id=application_id,
    )
    return out


def prepare(
    application_id: str,
    private_key: RSAPrivateKey,
    *,
    session_id: str,
    role: str,
    iat: int,
    exp: int,
    layout_classes: tuple[str, ...],
    data: str | None,
) -> Callable[[str], str]:
    """A function jti -> token. The key object is reused, never re-parsed."""
    from cryptography.hazmat.primitives.asymmetric.padding import PKCS1v15
    from cryptography.hazmat.primitives.hashes import SHA256

    padding, hash_alg = PKCS1v15(), SHA256()
    sign = private_key.sign

    def mint(jti: str) -> str:
        body = claims(
            application_id,
            session_id=session_id,
            role=role,
            iat=iat,
            exp=exp,
            layout_classes=layout_classes,
            data=data,
            jti=jti,
        )
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
