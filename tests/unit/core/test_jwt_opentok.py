"""core/jwt_opentok.py: an OpenTok project's HS256 JWT, as the SDKs write it."""

from __future__ import annotations

import jwt

from opentok_studio.core import jwt_opentok
from opentok_studio.core.model import CheckedRequest, Role
from tests.helpers import vectors

CHECKED = CheckedRequest(vectors.SID, Role.SUBSCRIBER, "d", ("x", "y"),
                         issued_at=1000, expires_at=2000)  # fmt: skip


def test_claims_in_the_sdk_order() -> None:
    claims = jwt_opentok.claims(vectors.API_KEY, CHECKED, nonce=7)
    assert list(claims) == ["session_id", "role", "iat", "exp", "scope",
                            "initial_layout_class_list", "connection_data", "iss",
                            "ist", "nonce"]  # fmt: skip
    assert claims["iss"] == vectors.API_KEY and claims["ist"] == "project"
    assert claims["initial_layout_class_list"] == "x y"


def test_absent_options_are_omitted() -> None:
    bare = CheckedRequest(vectors.SID, Role.PUBLISHER, None, (), 1000, 2000)
    claims = jwt_opentok.claims(vectors.API_KEY, bare, nonce=1)
    assert "connection_data" not in claims
    assert "initial_layout_class_list" not in claims


def test_prepare_mints_what_pyjwt_verifies() -> None:
    mint = jwt_opentok.prepare(vectors.API_KEY, vectors.API_SECRET, CHECKED)
    for nonce in (0, 5, 999_999):
        token = mint(nonce)
        claims = jwt.decode(token, vectors.API_SECRET, algorithms=["HS256"],
                            options={"verify_exp": False, "verify_iat": False})  # fmt: skip
        assert claims == jwt_opentok.claims(vectors.API_KEY, CHECKED, nonce)
        head, payload, _ = token.split(".")
        assert head == jwt_opentok.HEADER_B64
        signature = jwt.utils.base64url_encode(
            jwt_opentok.signature(vectors.API_SECRET, f"{head}.{payload}".encode())
        ).decode()
        assert token.endswith("." + signature)
