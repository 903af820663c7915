"""core/reader.py: a token's fields read into Findings, one number check for
T1 text and JWT numbers alike."""

from __future__ import annotations

import pytest

from opentok_studio.core import TokenFormat, TokenRequest, make_token
from opentok_studio.core.findings import Findings
from opentok_studio.core.model import Family, ProblemCode
from opentok_studio.core.reader import read_jwt, read_t1, unix_seconds
from tests.helpers import vectors


def findings(token: str = "", fmt: TokenFormat = TokenFormat.JWT) -> Findings:
    return Findings(token, fmt, "plain")


@pytest.mark.parametrize(
    ("value", "text", "seconds"),
    [(1700, False, 1700), ("1700", True, 1700), ("1700.0", True, 1700),
     (None, False, None), ("", True, None)],
)  # fmt: skip
def test_unix_seconds_reads_both_families(value, text, seconds) -> None:  # type: ignore[no-untyped-def]
    f = findings()
    assert unix_seconds(f, "exp", value, text=text) == seconds
    assert f.problems == []


@pytest.mark.parametrize(
    ("value", "text", "words"),
    [("soon", True, "not Unix seconds"), (float("nan"), False, "not Unix seconds"),
     ("1700", False, "not Unix seconds"), (True, False, "not Unix seconds"),
     (1.5, False, "a fraction")],
)  # fmt: skip
def test_unix_seconds_malformed(value, text, words) -> None:  # type: ignore[no-untyped-def]
    f = findings()
    unix_seconds(f, "exp", value, text=text)
    assert [p.code for p in f.problems] == [ProblemCode.MALFORMED]
    assert words in f.problems[0].message


def test_read_t1_fields(project, now) -> None:  # type: ignore[no-untyped-def]
    token = make_token(TokenRequest(vectors.SID, data="d", format=TokenFormat.T1,
                                    layout_classes=("a", "b")), project, now=now)  # fmt: skip
    f = findings(token, TokenFormat.T1)
    read_t1(f)
    assert f.family is Family.PROJECT and f.problems == []
    assert (f.session_id, f.api_key, f.role) == (
        vectors.SID,
        vectors.API_KEY,
        "publisher",
    )
    assert (f.issued_at, f.connection_data, f.layout) == (now, "d", ("a", "b"))


def test_read_jwt_returns_its_parts(project, now) -> None:  # type: ignore[no-untyped-def]
    token = make_token(TokenRequest(vectors.SID), project, now=now)
    f = findings(token)
    parts = read_jwt(f)
    assert parts == token.split(".") and f.alg == "HS256"
    assert f.family is Family.PROJECT and f.api_key == vectors.API_KEY
    assert f.expires_at == now + 86400 and f.problems == []
