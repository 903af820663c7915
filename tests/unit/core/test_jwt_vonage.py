"""core/jwt_vonage.py: a Vonage application's RS256 JWT, as vonage-video writes it."""

from __future__ import annotations

import jwt

from opentok_studio.core import jwt_vonage
from opentok_studio.core.encoding import b64url_decode
from opentok_studio.core.model import CheckedRequest, Role
from tests.helpers import vectors

CHECKED = CheckedRequest(vectors.APP_SID, Role.PUBLISHER, "d", ("x",),
                         issued_at=1000, expires_at=2000)  # fmt: skip


def test_claims_carry_the_acl_and_application() -> None:
    claims = jwt_vonage.claims(vectors.APP_ID, CHECKED, jti="j")
    assert claims["application_id"] == vectors.APP_ID
    assert claims["initial_layout_class_list"] == ["x"]  # a JSON array here
    assert claims["acl"] == jwt_vonage.ACL and claims["scope"] == "session.connect"
    assert (claims["iat"], claims["exp"], claims["jti"]) == (1000, 2000, "j")


def test_prepare_signs_and_verify_checks() -> None:
    key = vectors.private_key()
    token = jwt_vonage.prepare(vectors.APP_ID, key, CHECKED)("jti-1")
    claims = jwt.decode(token, key.public_key(), algorithms=["RS256"],
                        options={"verify_exp": False, "verify_iat": False})  # fmt: skip
    assert claims == jwt_vonage.claims(vectors.APP_ID, CHECKED, "jti-1")
    head, payload, sig = token.split(".")
    signing_input = f"{head}.{payload}".encode()
    assert jwt_vonage.verify(key.public_key(), signing_input, b64url_decode(sig))
    assert not jwt_vonage.verify(
        key.public_key(), signing_input + b"x", b64url_decode(sig)
    )
    assert not jwt_vonage.verify(key.public_key(), signing_input, b"short")
