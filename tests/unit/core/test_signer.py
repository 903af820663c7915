"""make_token / make_tokens: every family and option, checked by independent
decoders (pyjwt, a hand-computed HMAC, the opentok SDK's own session check)."""

from __future__ import annotations

import base64
import hashlib
import hmac
import random
from urllib.parse import parse_qsl

import jwt
import pytest

from opentok_studio.core import (
    ApplicationCredentials,
    CredentialsError,
    ProjectCredentials,
    Role,
    TokenFormat,
    TokenRequest,
    ValidationError,
    check_request,
    make_token,
    make_tokens,
    request_errors,
)
from tests.helpers import vectors

SID = vectors.SID
DAY = 86400


def _t1_fields(token: str, secret: str) -> dict[str, str]:
    """Spec section 2 by hand: base64, split at the first ':', HMAC the DATA."""
    text = base64.b64decode(token[4:], validate=True).decode()
    header, _, data = text.partition(":")
    head = dict(parse_qsl(header))
    want = hmac.new(secret.encode(), data.encode(), hashlib.sha1).hexdigest()
    assert head["sig"] == want
    return {"partner_id": head["partner_id"], **dict(parse_qsl(data, True))}


@pytest.mark.parametrize("role", list(Role))
def test_hs256_verified_by_pyjwt(project, now, role: Role) -> None:
    req = TokenRequest(SID, role=role, data="José 😀 a&b", layout_classes=("x", "y"))
    token = make_token(req, project, now=now)
    claims = jwt.decode(
        token, vectors.API_SECRET, algorithms=["HS256"],
        options={"verify_exp": False, "verify_iat": False},
    )  # fmt: skip
    assert list(claims) == [
        "session_id", "role", "iat", "exp", "scope",
        "initial_layout_class_list", "connection_data", "iss", "ist", "nonce",
    ]  # fmt: skip
    assert claims["role"] == role.value
    assert claims["iat"] == now and claims["exp"] == now + DAY
    assert claims["initial_layout_class_list"] == "x y"
    assert claims["connection_data"] == "José 😀 a&b"
    assert claims["iss"] == vectors.API_KEY and claims["ist"] == "project"
    assert isinstance(claims["nonce"], int) and 0 <= claims["nonce"] < 1_000_000
    # ensure_ascii: non-ASCII appears as \u escapes in the payload
    payload = base64.urlsafe_b64decode(token.split(".")[1] + "==")
    assert b"\\ud83d\\ude00" in payload


@pytest.mark.parametrize("role", list(Role))
def test_t1_verified_by_hand(project, now, role: Role) -> None:
    req = TokenRequest(SID, role=role, data="a b&c=d:e", format=TokenFormat.T1,
                       layout_classes=("focus", "full"))  # fmt: skip
    fields = _t1_fields(make_token(req, project, now=now), vectors.API_SECRET)
    assert fields["partner_id"] == vectors.API_KEY
    assert fields["session_id"] == SID
    assert fields["role"] == role.value
    assert fields["create_time"] == str(now)
    assert fields["expire_time"] == str(now + DAY)
    assert fields["initial_layout_class_list"] == "focus full"
    assert fields["connection_data"] == "a b&c=d:e"


def test_t1_omits_empty_data_but_keeps_layout_key(project, now) -> None:
    req = TokenRequest(SID, data="", format=TokenFormat.T1)
    token = make_token(req, project, now=now)
    text = base64.b64decode(token[4:]).decode()
    assert text.endswith("&initial_layout_class_list=")
    assert "connection_data" not in text


def test_rs256_verified_by_pyjwt_with_the_public_key(application, now) -> None:
    req = TokenRequest(vectors.APP_SID, role=Role.MODERATOR, data="d",
                       layout_classes=("a", "b"))  # fmt: skip
    token = make_token(req, application, now=now)
    public = application.private_key.public_key()
    claims = jwt.decode(
        token, public, algorithms=["RS256"],
        options={"verify_exp": False, "verify_iat": False},
    )  # fmt: skip
    assert list(claims) == [
        "session_id", "role", "connection_data", "initial_layout_class_list",
        "exp", "jti", "iat", "subject", "scope", "acl", "application_id",
    ]  # fmt: skip
    assert claims["initial_layout_class_list"] == ["a", "b"]
    assert claims["exp"] == now + DAY  # our default, not vonage-video's 15 min
    assert claims["subject"] == "video"
    assert claims["acl"] == {"paths": {"/session/**": {}}}
    assert claims["application_id"] == vectors.APP_ID
    # the wrong key must not verify it
    other = ApplicationCredentials("x", _fresh_rsa())
    with pytest.raises(jwt.InvalidSignatureError):
        jwt.decode(token, other.private_key.public_key(), algorithms=["RS256"],
                   options={"verify_exp": False})  # fmt: skip


def _fresh_rsa():  # type: ignore[no-untyped-def]
    from cryptography.hazmat.primitives.asymmetric import rsa

    return rsa.generate_private_key(public_exponent=65537, key_size=2048)


def test_t1_is_refused_for_an_application(application, now) -> None:
    with pytest.raises(ValidationError, match="format: T1 tokens exist only"):
        make_token(TokenRequest(vectors.APP_SID, format=TokenFormat.T1),
                   application, now=now)  # fmt: skip


# -- boundaries (spec/tokens.md section 5) -----------------------------------


@pytest.mark.parametrize("fmt", list(TokenFormat))
def test_data_1000_accepted_1001_refused(project, now, fmt) -> None:
    ok = make_token(TokenRequest(SID, data="😀" * 1000, format=fmt), project, now=now)
    assert ok
    with pytest.raises(ValidationError, match=r"data: 1001 characters, at most 1000"):
        make_token(TokenRequest(SID, data="x" * 1001, format=fmt), project, now=now)


def test_data_error_carries_field_limit_value(project, now) -> None:
    with pytest.raises(ValidationError) as info:
        make_token(TokenRequest(SID, data="x" * 1204), project, now=now)
    e = info.value
    assert (e.field, e.limit, e.value) == ("data", "1000 characters", "1204 characters")
    assert "personal data" in str(e)


def test_expiry_boundaries(project, now) -> None:
    limit = now + 30 * DAY
    assert make_token(TokenRequest(SID, expire_time=limit), project, now=now)
    assert make_token(TokenRequest(SID, expire_time=now), project, now=now)
    with pytest.raises(ValidationError, match="at most 30 days"):
        make_token(TokenRequest(SID, expire_time=limit + 1), project, now=now)
    with pytest.raises(ValidationError, match="1 s in the past"):
        make_token(TokenRequest(SID, expire_time=now - 1), project, now=now)
    with pytest.raises(ValidationError, match="at most 30 days"):
        make_token(TokenRequest(SID, expire_in=30 * DAY + 1), project, now=now)
    assert make_token(TokenRequest(SID, expire_in=30 * DAY), project, now=now)
    with pytest.raises(ValidationError, match="not both"):
        check_request(TokenRequest(SID, expire_time=now, expire_in=5), project, now)


def test_layout_boundaries(project, now) -> None:
    assert make_token(TokenRequest(SID, layout_classes=("a" * 500, "b" * 499)),
                      project, now=now)  # fmt: skip
    with pytest.raises(ValidationError, match="1001 characters when joined"):
        make_token(TokenRequest(SID, layout_classes=("a" * 500, "b" * 500)),
                   project, now=now)  # fmt: skip
    with pytest.raises(ValidationError, match="class 2 is empty"):
        make_token(TokenRequest(SID, layout_classes=("a", "")), project, now=now)
    with pytest.raises(ValidationError, match="class 2 is int"):
        make_token(TokenRequest(SID, layout_classes=("a", 5)),  # type: ignore[arg-type]
                   project, now=now)  # fmt: skip


@pytest.mark.parametrize("name", ["publisher", "PUBLISHER", "publisher_only",
                                  "publisheronly", "moderator", "subscriber"])  # fmt: skip
def test_role_names_accepted(project, now, name) -> None:
    assert make_token(TokenRequest(SID, role=name), project, now=now)  # type: ignore[arg-type]


def test_unknown_role_names_the_choices(project, now) -> None:
    with pytest.raises(ValidationError, match="'owner' is not a role; use one of"):
        make_token(TokenRequest(SID, role="owner"), project, now=now)  # type: ignore[arg-type]


def test_session_of_another_key_refused_with_its_owner(project, now) -> None:
    with pytest.raises(ValidationError, match="belongs to API key 46999999"):
        make_token(TokenRequest(vectors.OTHER_SID), project, now=now)


def test_request_errors_lists_every_problem(project, now) -> None:
    req = TokenRequest("", role="owner", data="x" * 1001, expire_time=now - 5)  # type: ignore[arg-type]
    fields = [e.field for e in request_errors(req, project, now)]
    assert fields == ["session_id", "role", "data", "expire_time"]
    assert request_errors(TokenRequest(SID), project, now) == []


def test_missing_secret_is_a_credentials_error(now) -> None:
    with pytest.raises(CredentialsError, match="secret missing"):
        make_token(TokenRequest(SID), ProjectCredentials(vectors.API_KEY), now=now)


def test_secret_never_in_repr() -> None:
    creds = ProjectCredentials(vectors.API_KEY, vectors.API_SECRET)
    assert vectors.API_SECRET not in repr(creds)


# -- the official SDK agrees on session IDs -----------------------------------


SESSION_IDS = [c["session_id"] for c in vectors.load("session_ids")["valid"]] + [
    c["session_id"] for c in vectors.load("session_ids")["odd"]
] + ["1_!!!", "2_", "x", "1_MX40NjEyMzQ1N34", " " + SID]  # fmt: skip


@pytest.mark.sdk
@pytest.mark.parametrize("sid", SESSION_IDS)
@pytest.mark.parametrize("key", [vectors.API_KEY, vectors.OTHER_KEY])
def test_session_check_agrees_with_the_opentok_sdk(sid: str, key: str, now) -> None:
    from opentok import Client, OpenTokException

    try:
        Client(key, "s" * 32).generate_token(sid)
        sdk_ok = True
    except OpenTokException:
        sdk_ok = False
    except TypeError:  # the SDK's raw errors on junk
        sdk_ok = False
    creds = ProjectCredentials(key, "s" * 32)
    try:
        make_token(TokenRequest(sid), creds, now=now)
        ours = True
    except ValidationError:
        ours = False
    assert ours is sdk_ok


# -- batches -----------------------------------------------------------------


@pytest.mark.parametrize("fmt", list(TokenFormat))
def test_batch_distinct_and_all_verify(project, now, fmt) -> None:
    tokens = make_tokens(TokenRequest(SID, format=fmt), project, now=now, count=5000)
    assert len(tokens) == 5000
    assert len(set(tokens)) == 5000  # nonces drawn without repeats
    for token in random.Random(1).sample(tokens, 50):
        if fmt is TokenFormat.T1:
            _t1_fields(token, vectors.API_SECRET)
        else:
            jwt.decode(token, vectors.API_SECRET, algorithms=["HS256"],
                       options={"verify_exp": False, "verify_iat": False})  # fmt: skip


def test_rsa_batch_never_reparses_the_key(application, now, monkeypatch) -> None:
    import cryptography.hazmat.primitives.serialization as ser

    calls = []
    real = ser.load_pem_private_key
    monkeypatch.setattr(ser, "load_pem_private_key",
                        lambda *a, **k: calls.append(1) or real(*a, **k))  # fmt: skip
    tokens = make_tokens(TokenRequest(vectors.APP_SID), application, now=now, count=20)
    assert calls == []
    assert len(set(tokens)) == 20
    public = application.private_key.public_key()
    for token in tokens:
        jwt.decode(token, public, algorithms=["RS256"], options={"verify_exp": False})


@pytest.mark.parametrize("count", [0, -1, 1_000_001])
def test_batch_count_limits(project, now, count) -> None:
    with pytest.raises(ValidationError, match="count"):
        make_tokens(TokenRequest(SID), project, now=now, count=count)


def test_seeded_rng_makes_the_same_batch(project, now) -> None:
    a = make_tokens(TokenRequest(SID), project, now=now, count=3, rng=random.Random(7))
    b = make_tokens(TokenRequest(SID), project, now=now, count=3, rng=random.Random(7))
    assert a == b


@pytest.mark.parametrize("name", ["t1", "T1", TokenFormat.T1])
def test_format_given_as_text_is_honoured(project, now, name) -> None:
    token = make_token(TokenRequest(SID, format=name), project, now=now)  # type: ignore[arg-type]
    assert token.startswith("T1==")


def test_unknown_format_is_refused(project, now) -> None:
    with pytest.raises(ValidationError, match="format: 'x' is not a token format"):
        make_token(TokenRequest(SID, format="x"), project, now=now)  # type: ignore[arg-type]


def test_check_request_runs_each_rule_once(monkeypatch) -> None:
    from opentok_studio.core import signer

    calls: dict[str, int] = {}

    def counted(name):  # type: ignore[no-untyped-def]
        real = getattr(signer, name)

        def wrapper(*args, **kwargs):  # type: ignore[no-untyped-def]
            calls[name] = calls.get(name, 0) + 1
            return real(*args, **kwargs)

        return wrapper

    for name in (
        "parse_role",
        "validate_data",
        "validate_layout_classes",
        "resolve_expiry",
    ):
        monkeypatch.setattr(signer, name, counted(name))
    request = TokenRequest(vectors.SID, data="x", layout_classes=("focus",))
    checked = signer.check_request(
        request, ProjectCredentials(vectors.API_KEY), vectors.MADE_AT
    )
    assert calls == dict.fromkeys(calls, 1) and len(calls) == 4
    assert checked.data == "x" and checked.layout_classes == ("focus",)
