"""core/diagnose.py: root cause before its consequences, and a word when the
client's error fits none of the causes found."""

from __future__ import annotations

from opentok_studio.core import ProjectCredentials, TokenRequest, decode, make_token
from opentok_studio.core.diagnose import client_error_fit, problem, rank
from opentok_studio.core.model import ProblemCode
from tests.helpers import vectors

C = ProblemCode
NOW = vectors.MADE_AT
OURS = ProjectCredentials(vectors.API_KEY, vectors.API_SECRET)
THEIRS = ProjectCredentials(vectors.OTHER_KEY, vectors.OTHER_SECRET)


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
