"""tokens.json: every SDK-made token decodes to what the SDK put in, and our
signer re-mints it byte for byte from the same inputs."""

from __future__ import annotations

import base64
import json
import time
from typing import Any

import pytest

from opentok_studio.core import Role, Signature, decode, jwt_opentok, jwt_vonage, t1
from opentok_studio.core.model import CheckedRequest
from tests.helpers import vectors

CASES = vectors.load("tokens")["cases"]
IDS = [c["name"] for c in CASES]


def test_the_floor_is_there() -> None:
    # Coverage promised by vectors/README.md: all families, every role.
    assert len(CASES) >= 39
    assert {c["expect"]["alg"] for c in CASES} == {None, "HS256", "RS256"}


@pytest.mark.parametrize("case", CASES, ids=IDS)
def test_decodes_to_the_sdk_fields_at_made_at(case: dict[str, Any]) -> None:
    expect = case["expect"]
    d = decode(case["token"], vectors.credentials_of(case), now=case["made_at"])
    for name in vectors.FIELDS:
        assert getattr(d, name) == expect[name], name
    assert list(d.initial_layout_class_list) == expect["initial_layout_class_list"]
    assert d.signature is Signature.VALID
    assert d.expired is expect["expired_at_made_at"] is False
    assert d.problems == ()
    if "claims" in expect:
        assert d.claims == expect["claims"]
        assert d.header == expect["header"]


@pytest.mark.parametrize("case", CASES, ids=IDS)
def test_on_the_real_clock_still_valid_but_expired(case: dict[str, Any]) -> None:
    d = decode(case["token"], vectors.credentials_of(case), now=int(time.time()))
    assert d.signature is Signature.VALID
    assert d.expired is True
    assert d.session_id == case["expect"]["session_id"]
    assert "expired" in [p.code.value for p in d.problems]


@pytest.mark.parametrize("case", CASES, ids=IDS)
def test_decodes_without_credentials_as_unchecked(case: dict[str, Any]) -> None:
    d = decode(case["token"], None, now=case["made_at"])
    assert d.signature is Signature.UNCHECKED
    assert d.role == case["expect"]["role"]
    assert d.problems == ()


def _checked(case: dict[str, Any]) -> CheckedRequest:
    """The vector's inputs as the signer hands them to each family."""
    e = case["expect"]
    return CheckedRequest(
        session_id=e["session_id"],
        role=Role(e["role"]),
        data=e["connection_data"],
        layout_classes=tuple(e["initial_layout_class_list"]),
        issued_at=e["issued_at"],
        expires_at=e["expires_at"],
    )


T1_CASES = [c for c in CASES if c["expect"]["format"] == "t1"]
HS_CASES = [c for c in CASES if c["expect"]["alg"] == "HS256"]
RS_CASES = [c for c in CASES if c["args"].get("sdk") == "vonage-video"]


@pytest.mark.parametrize("case", T1_CASES, ids=[c["name"] for c in T1_CASES])
def test_t1_reminted_byte_for_byte(case: dict[str, Any]) -> None:
    e = case["expect"]
    mint = t1.prepare(case["api_key"], case["secret"], _checked(case))
    assert mint(int(e["nonce"])) == case["token"]


@pytest.mark.parametrize("case", HS_CASES, ids=[c["name"] for c in HS_CASES])
def test_hs256_reminted_byte_for_byte(case: dict[str, Any]) -> None:
    e = case["expect"]
    mint = jwt_opentok.prepare(case["api_key"], case["secret"], _checked(case))
    assert mint(e["nonce"]) == case["token"]


@pytest.mark.parametrize("case", RS_CASES, ids=[c["name"] for c in RS_CASES])
def test_rs256_reminted_byte_for_byte(case: dict[str, Any]) -> None:
    # PKCS#1 v1.5 signatures are deterministic, so equal input gives equal bytes.
    e = case["expect"]
    mint = jwt_vonage.prepare(
        case["application_id"], vectors.private_key(), _checked(case)
    )
    assert mint(e["claims"]["jti"]) == case["token"]


@pytest.mark.parametrize("case", T1_CASES, ids=[c["name"] for c in T1_CASES])
def test_t1_vector_hmac_recomputed_by_hand(case: dict[str, Any]) -> None:
    # An independent reading of spec/tokens.md section 2, not our parser.
    import hashlib
    import hmac

    text = base64.b64decode(case["token"][4:]).decode()
    header, _, data = text.partition(":")
    sig = dict(kv.split("=", 1) for kv in header.split("&"))["sig"]
    want = hmac.new(case["secret"].encode(), data.encode(), hashlib.sha1).hexdigest()
    assert sig == want


def test_hs256_header_is_pyjwt_byte_exact() -> None:
    assert jwt_opentok.HEADER_B64 == "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9"
    assert json.loads(base64.urlsafe_b64decode(jwt_vonage.HEADER_B64 + "==")) == {
        "alg": "RS256",
        "typ": "JWT",
    }
