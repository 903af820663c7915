"""decode(): our own cases beyond the SDK vectors, one cause each."""

from __future__ import annotations

import json

import pytest

from opentok_studio.core import (
    ApplicationCredentials,
    DecodeError,
    ProblemCode,
    ProjectCredentials,
    Signature,
    TokenFormat,
    TokenRequest,
    decode,
    make_token,
)
from tests.helpers import craft, vectors


def codes(d) -> list[str]:  # type: ignore[no-untyped-def]
    return [p.code.value for p in d.problems]


def test_fresh_token_has_no_problem(project, now) -> None:
    token = make_token(TokenRequest(vectors.SID), project, now=now)
    d = decode(token, project, now=now)
    assert d.ok and d.signature is Signature.VALID and not d.expired


def test_expiry_equal_to_now_is_still_valid(project, now) -> None:
    token = make_token(TokenRequest(vectors.SID, expire_time=now), project, now=now)
    d = decode(token, project, now=now)
    assert not d.expired and d.ok
    assert codes(decode(token, project, now=now + 1)) == ["expired"]


def test_expired_says_since_when(project, now) -> None:
    token = make_token(TokenRequest(vectors.SID, expire_in=60), project, now=now)
    d = decode(token, project, now=now + 3 * 86400)
    assert codes(d) == ["expired"]
    assert "expired 2 days 23 h ago" in d.problems[0].message
    assert d.problems[0].client_error == "1004 Token has expired"


def test_issued_in_future_shows_the_skew(project, now) -> None:
    token = make_token(TokenRequest(vectors.SID), project, now=now + 180)
    d = decode(token, project, now=now)
    assert codes(d) == ["issued_in_future"]
    assert "issued 3 min ahead of this computer's clock" in d.problems[0].message


def test_not_yet_valid_from_nbf(now) -> None:
    d = decode(craft.hs256(craft.project_claims(now, nbf=now + 600)), now=now)
    assert codes(d) == ["not_yet_valid"]


def test_fractional_exp_is_malformed(now) -> None:
    d = decode(craft.hs256(craft.project_claims(now, exp=now + 60.5)), now=now)
    assert codes(d) == ["malformed"]
    assert "fraction" in d.problems[0].message


def test_exp_as_text_is_malformed_not_a_crash(now) -> None:
    d = decode(craft.hs256(craft.project_claims(now, exp="tomorrow")), now=now)
    assert "malformed" in codes(d)


def test_expiry_in_milliseconds_does_not_also_claim_too_far(now) -> None:
    claims = craft.project_claims(now, exp=(now + 3600) * 1000)
    d = decode(craft.hs256(claims), now=now)
    assert codes(d) == ["expiry_in_milliseconds"]
    assert not d.expired


def test_unsupported_alg(now) -> None:
    token = craft.hs256(craft.project_claims(now), header={"alg": "HS512"})
    assert codes(decode(token, now=now)) == ["unsupported_alg"]


@pytest.mark.parametrize("alg", ["none", "None", "NONE"])
def test_alg_none_any_case_is_invalid_even_unchecked(now, alg) -> None:
    token = craft.hs256(craft.project_claims(now), header={"alg": alg})
    d = decode(token, now=now)
    assert codes(d) == ["alg_none"] and d.signature is Signature.INVALID


def test_session_mismatch(project, now) -> None:
    token = make_token(TokenRequest(vectors.SID), project, now=now)
    d = decode(token, project, now=now, expected_session_id=vectors.OTHER_SID)
    assert codes(d) == ["session_mismatch"]
    assert decode(token, project, now=now, expected_session_id=vectors.SID).ok


def test_session_of_other_key_seen_without_credentials(now) -> None:
    # The token's own iss and its session disagree: no secret needed to see it.
    token = craft.hs256(craft.project_claims(now, session_id=vectors.OTHER_SID))
    d = decode(token, None, now=now)
    assert codes(d) == ["session_of_other_key"]
    assert d.signature is Signature.UNCHECKED


def test_undecodable_session_in_a_project_token(now) -> None:
    d = decode(craft.hs256(craft.project_claims(now, session_id="1_!!")), now=now)
    assert codes(d) == ["session_id_invalid"]
    assert d.problems[0].client_error.startswith("1005")


def test_vonage_token_with_opaque_session_only_notes_it(application, now) -> None:
    token = make_token(TokenRequest("some-opaque-id"), application, now=now)
    d = decode(token, application, now=now)
    assert d.ok and d.signature is Signature.VALID
    assert any("could not be read" in n for n in d.notes)


def test_key_only_credentials_check_the_key(now, project) -> None:
    token = make_token(TokenRequest(vectors.SID), project, now=now)
    d = decode(token, ProjectCredentials(vectors.OTHER_KEY), now=now)
    assert d.signature is Signature.UNCHECKED
    assert codes(d) == ["wrong_api_key"]


def test_wrong_application_id(application, now) -> None:
    token = make_token(TokenRequest(vectors.APP_SID), application, now=now)
    other = ApplicationCredentials("other-app", application.private_key)
    d = decode(token, other, now=now)
    assert d.signature is Signature.VALID
    assert codes(d) == ["wrong_api_key"]
    assert "application" in d.problems[0].message


def test_rs256_with_another_key_is_bad_signature(application, now) -> None:
    from cryptography.hazmat.primitives.asymmetric import rsa

    token = make_token(TokenRequest(vectors.APP_SID), application, now=now)
    other_key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    d = decode(token, ApplicationCredentials(vectors.APP_ID, other_key), now=now)
    assert codes(d) == ["bad_signature"] and d.signature is Signature.INVALID


def test_t1_checked_with_an_application_is_a_mixup(project, application, now) -> None:
    token = make_token(
        TokenRequest(vectors.SID, format=TokenFormat.T1), project, now=now
    )
    assert codes(decode(token, application, now=now)) == ["project_application_mixup"]


def test_t1_unknown_role_and_long_layout(now) -> None:
    token = craft.t1({
        "session_id": vectors.SID, "create_time": str(now),
        "expire_time": str(now + 60), "role": "owner", "nonce": "1",
        "initial_layout_class_list": "a" * 1001,
    })  # fmt: skip
    d = decode(token, ProjectCredentials(vectors.API_KEY, vectors.API_SECRET), now=now)
    assert d.signature is Signature.VALID
    assert codes(d) == ["unknown_role", "layout_classes_invalid"]


def test_t1_lost_padding_is_truncated(project, now) -> None:
    token = make_token(
        TokenRequest(vectors.SID, format=TokenFormat.T1), project, now=now
    )
    cut = token.rstrip("=")[:-1]
    d = decode(cut, project, now=now)
    assert codes(d)[0] == "truncated"


def test_layout_list_with_non_text_items(now) -> None:
    token = craft.hs256(craft.project_claims(now, initial_layout_class_list=["a", 3]))
    d = decode(token, now=now)
    assert codes(d) == ["layout_classes_invalid"]
    assert d.initial_layout_class_list == ("a",)


def test_jwt_payload_not_an_object(now) -> None:
    head = craft.b64url(b'{"alg":"HS256"}')
    d = decode(f"{head}.{craft.b64url(b'[1,2]')}.abc", now=now)
    assert codes(d) == ["malformed"]


def test_deeply_nested_json_is_malformed_not_a_crash(now) -> None:
    head = craft.b64url(b'{"alg":"HS256"}')
    body = craft.b64url(b"[" * 100_000)
    assert codes(decode(f"{head}.{body}.abc", now=now)) == ["malformed"]


def test_role_absent_is_reported_as_absent_with_a_warning(now) -> None:
    # sdk-variants.json: vonage-php writes no role claim, and a decoder reports
    # what the token holds (role null); the service's default is a warning.
    d = decode(craft.hs256(craft.project_claims(now, role=None)), now=now)
    assert d.role is None and d.ok
    assert [w.code for w in d.warnings] == [ProblemCode.NO_ROLE]
    assert "publisher" in d.warnings[0].message


def test_no_token_in_text_raises_our_error(now) -> None:
    with pytest.raises(DecodeError, match="no token found"):
        decode("hello world", now=now)
    with pytest.raises(DecodeError, match="empty"):
        decode("   ", now=now)


def test_huge_input_is_refused_quickly(now) -> None:
    with pytest.raises(DecodeError, match="at most 1,000,000"):
        decode("x" * 1_000_001, now=now)


def test_nan_in_claims_is_malformed_not_invalid_json_out(now) -> None:
    head = craft.b64url(b'{"alg":"HS256","typ":"JWT"}')
    body = craft.b64url(b'{"session_id":"x","exp":NaN}')
    d = decode(f"{head}.{body}.abc", now=now)
    assert codes(d) == ["malformed"]
    assert "payload is not JSON" in d.problems[0].message


def test_session_created_with_odd_digits_does_not_crash(now) -> None:
    from opentok_studio.core import decode_session_id

    sid = "1_" + craft.b64url("1~46123457~~²~r~P~".encode())
    info = decode_session_id(sid)
    assert info.created == "²" and info.created_at is None


@pytest.mark.parametrize(
    ("value", "fraction"),
    [("123", False), (True, False), (1.5, True), ("1e400", False)],
)
def test_one_number_check_for_jwt_times(now, value, fraction) -> None:
    # A JWT time is a JSON number: text, booleans, NaN and 1e400 are not Unix
    # seconds; a fraction is read but named (the service wants whole seconds).
    d = decode(craft.hs256(craft.project_claims(now, iat=value)), now=now)
    [bad] = [p for p in d.problems if p.code is ProblemCode.MALFORMED]
    assert ("a fraction" in bad.message) is fraction
    assert "iat" in bad.message


def test_t1_times_are_read_from_text_by_the_same_check(now) -> None:
    fields = {
        "session_id": vectors.SID,
        "create_time": str(now),
        "expire_time": "1500.5",
        "role": "publisher",
        "nonce": "1",
        "initial_layout_class_list": "",
    }
    d = decode(craft.t1(fields), now=now)
    assert d.issued_at == now and d.expires_at == 1500
    [bad] = [p for p in d.problems if "expire_time" in p.message]
    assert bad.code is ProblemCode.MALFORMED and "a fraction" in bad.message


def test_a_number_too_large_for_json_readers_is_kept_as_text(now) -> None:
    # 1e400 is valid JSON but no float: kept as its text, so --json can print it.
    head = craft.b64url(b'{"alg":"HS256","typ":"JWT"}')
    claims = json.dumps(craft.project_claims(now)).replace(
        f'"exp": {now + 3600}', '"exp": 1e400'
    )
    body = craft.b64url(claims.encode())
    d = decode(f"{head}.{body}.sig", now=now)
    assert d.claims["exp"] == "1e400" and d.expires_at is None
    assert any("exp is '1e400', not Unix seconds" in p.message for p in d.problems)
    json.dumps(d.claims, allow_nan=False)  # printable as JSON
