"""The rejection doctor (core/diagnose.py): copy damage found and named, and
problems ranked by the client's error. Diffs: test_diff.py; ticket-safe reports:
test_report.py; who signed: test_signedby.py."""

from __future__ import annotations

import random

import pytest

from opentok_studio.core import (
    ProjectCredentials,
    Signature,
    TokenFormat,
    TokenRequest,
    decode,
    make_token,
)
from opentok_studio.core.diagnose import client_error_fit, problem, rank
from opentok_studio.core.model import ProblemCode
from tests.helpers import craft, vectors

C = ProblemCode
NOW = vectors.MADE_AT
OURS = ProjectCredentials(vectors.API_KEY, vectors.API_SECRET)
THEIRS = ProjectCredentials(vectors.OTHER_KEY, vectors.OTHER_SECRET)


@pytest.fixture
def t1_token(project, now) -> str:
    return make_token(
        TokenRequest(vectors.SID, format=TokenFormat.T1), project, now=now
    )


@pytest.fixture
def jwt_token(project, now) -> str:
    return make_token(TokenRequest(vectors.SID, data="name=Ann"), project, now=now)


def _only(d, code: str, words: str) -> None:  # type: ignore[no-untyped-def]
    assert [p.code.value for p in d.problems] == [code], d.problems
    assert words in d.problems[0].message


def test_missing_t1_prefix(project, now, t1_token) -> None:
    d = decode(t1_token[4:], project, now=now)
    _only(d, "malformed", "T1== prefix is missing")
    assert d.signature is Signature.VALID  # the repaired token is genuine


def test_lost_trailing_padding(project, now) -> None:
    # Whether base64 pads depends on the length: pick data that makes it pad.
    padded = next(
        token
        for data in ("a", "ab", "abc")
        if (token := make_token(TokenRequest(vectors.SID, data=data, format=TokenFormat.T1),
                                project, now=now, rng=random.Random(3))).endswith("=")
    )  # fmt: skip
    d = decode(padded.rstrip("="), project, now=now)
    _only(d, "malformed", "trailing '=' was lost")


def test_line_breaks_inside(project, now, jwt_token) -> None:
    wrapped = "\n".join(jwt_token[i : i + 76] for i in range(0, len(jwt_token), 76))
    _only(decode(wrapped, project, now=now), "malformed", "line breaks or spaces")


def test_url_encoded(project, now, t1_token) -> None:
    encoded = t1_token.replace("=", "%3D").replace("+", "%2B").replace("/", "%2F")
    _only(decode(encoded, project, now=now), "malformed", "URL-encoded")


def test_two_segments_still_truncated(project, now, jwt_token) -> None:
    cut = jwt_token.rsplit(".", 1)[0]
    assert [p.code.value for p in decode(cut, project, now=now).problems] == [
        "truncated"
    ]


def test_real_truncation_is_not_called_lost_padding(project, now, t1_token) -> None:
    d = decode(t1_token[: len(t1_token) // 2], project, now=now)
    assert "trailing '='" not in " ".join(p.message for p in d.problems)
    assert d.problems[0].code.value in ("truncated", "malformed")


def _expired_and_other_key(now: int) -> str:
    claims = craft.project_claims(now - 7200, session_id=vectors.OTHER_SID)
    return craft.hs256(claims)  # expired an hour ago, and of another key's session


@pytest.mark.parametrize(
    "client_error, first",
    [
        (None, "session_of_other_key"),
        ("1004 token has expired", "expired"),
        ("The API key does not match the token or session", "session_of_other_key"),
    ],
)
def test_ranking_follows_the_client_error(project, now, client_error, first) -> None:
    d = decode(_expired_and_other_key(now), project, now=now, client_error=client_error)
    assert {p.code.value for p in d.problems} == {"expired", "session_of_other_key"}
    assert d.problems[0].code.value == first


def test_quotes_inside(project, now, jwt_token) -> None:
    damaged = jwt_token[:40] + '"' + jwt_token[40:] + "'"
    _only(decode(damaged, project, now=now), "malformed", "quote characters")


def codes(d) -> list[ProblemCode]:  # type: ignore[no-untyped-def]
    return [p.code for p in d.problems]


def test_a_token_cut_in_half_is_truncated_first() -> None:
    token = make_token(TokenRequest(vectors.SID), OURS, now=NOW)
    d = decode(token[: len(token) // 2], OURS, now=NOW)
    assert codes(d)[0] is C.TRUNCATED


def test_a_token_of_another_key_names_the_key_before_the_signature() -> None:
    token = make_token(TokenRequest(vectors.OTHER_SID), THEIRS, now=NOW)
    d = decode(token, OURS, now=NOW)
    assert codes(d)[:2] == [C.WRONG_API_KEY, C.BAD_SIGNATURE]


def test_rank_orders_by_the_fixed_list_without_a_client_error() -> None:
    found = [problem(c, "x") for c in (C.BAD_SIGNATURE, C.MALFORMED, C.TRUNCATED)]
    assert [p.code for p in rank(found)] == [C.TRUNCATED, C.MALFORMED, C.BAD_SIGNATURE]


def test_the_client_error_still_comes_first() -> None:
    found = [problem(c, "x") for c in (C.WRONG_API_KEY, C.EXPIRED)]
    ranked = rank(found, "1004 Token has expired")
    assert [p.code for p in ranked] == [C.EXPIRED, C.WRONG_API_KEY]


def test_a_client_error_that_fits_no_cause_is_said() -> None:
    token = make_token(TokenRequest(vectors.SID, expire_in=60), OURS, now=NOW)
    d = decode(token, OURS, now=NOW + 3600, client_error="1004 Invalid token format")
    assert codes(d) == [C.EXPIRED]
    [note] = d.notes
    assert "fits none of the causes found here (expired)" in note
    assert d.client_error == "1004 Invalid token format"


def test_a_client_error_that_fits_says_nothing_more() -> None:
    token = make_token(TokenRequest(vectors.SID, expire_in=60), OURS, now=NOW)
    d = decode(token, OURS, now=NOW + 3600, client_error="1004 token has expired")
    assert d.notes == ()


def test_an_unknown_client_error_is_said_too() -> None:
    assert "names none of the causes" in (client_error_fit("weird 42", []) or "")
    assert client_error_fit("1004 token has expired", [problem(C.EXPIRED, "x")]) is None
