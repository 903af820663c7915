"""core/finder.py: every token and session ID in a text, ours only, in linear time."""

from __future__ import annotations

import json

import pytest

from opentok_studio.core import finder
from opentok_studio.core.model import TokenFormat
from tests.helpers import har, vectors
from tests.helpers.complexity import MAX_GROWTH, growth


@pytest.fixture(scope="module")
def jwt() -> str:
    return har.token()


@pytest.fixture(scope="module")
def t1() -> str:
    return har.token(TokenFormat.T1)


def texts(found: list[finder.Found]) -> list[str]:
    return [f.text for f in found]


def test_finds_both_families_in_order(jwt: str, t1: str) -> None:
    line = f'connect token="{t1}" then {{"token": "{jwt}"}} done'
    assert texts(finder.find_tokens(line)) == [t1, jwt]


@pytest.mark.parametrize(
    "wrap",
    [
        lambda t: t.replace("=", "%3D").replace("+", "%2B").replace("/", "%2F"),
        lambda t: t.replace("=", "%3d").replace("+", "%2b").replace("/", "%2f"),
        lambda t: t.replace("/", "\\/").replace("=", "\\u003d"),
        lambda t: json.dumps({"t": t}).replace("/", "\\/"),
    ],
    ids=["url-encoded", "url-encoded-lower", "gson", "json-slashes"],
)
def test_escapes_are_undone(t1: str, wrap) -> None:  # type: ignore[no-untyped-def]
    assert texts(finder.find_tokens(f"x {wrap(t1)} y")) == [t1]


def test_an_encoded_quote_ends_a_token(t1: str) -> None:
    encoded = t1.replace("=", "%3D")
    assert texts(finder.find_tokens(f"%7B%22t%22%3A%22{encoded}%22%7D")) == [t1]


def test_other_services_jwt_is_not_ours() -> None:
    assert finder.find_tokens(f"Authorization: Bearer {har.FOREIGN_JWT}") == []
    assert texts(finder.find_tokens(har.FOREIGN_JWT, any_jwt=True)) == [har.FOREIGN_JWT]


def test_a_run_longer_than_any_token_is_no_token() -> None:
    huge = "T1==" + "cGFydG5lcl9p" * 10_000
    assert finder.find_tokens(huge) == []
    assert finder.find_tokens("eyJhbGciOi." + "eyJ" + "a" * 100_000 + ".sig") == []


@pytest.mark.parametrize(
    "code", ['if(t.substr(0,4)==="T1=="+a)', "T1==abc", 'x="T1=="+foo+bar']
)
def test_code_that_mentions_t1_is_not_a_token(code: str) -> None:
    assert finder.find_tokens(code) == []


def test_every_valid_vector_session_id_and_no_cut_one() -> None:
    for case in vectors.load("session_ids")["valid"]:
        sid = case["session_id"]
        assert texts(finder.find_session_ids(f"join {sid} now")) == [sid]
        assert finder.find_session_ids(f"session {sid[:12]}…") == []


def test_session_ids(jwt: str) -> None:
    text = f"/session/{vectors.SID}?x=1 and {vectors.APP_SID}, not 1_MXnotbase64!!"
    assert texts(finder.find_session_ids(text)) == [vectors.SID, vectors.APP_SID]
    assert finder.find_session_ids(jwt) == []  # base64 of a session is no session


@pytest.mark.parametrize("fmt", [TokenFormat.T1, TokenFormat.JWT])
def test_is_whole_only_for_the_whole_token(fmt: TokenFormat) -> None:
    token = har.token(fmt)
    assert finder.is_whole(token)
    for cut in range(8, len(token) - 1, 7):
        assert not finder.is_whole(token[:cut]) or fmt is TokenFormat.T1


@pytest.mark.parametrize(
    "make",
    [
        lambda n: "eyJ" * n,
        lambda n: "eyJa." * n,
        lambda n: "T1==" * n,
        lambda n: "T1==cGFydG5lcl9p%3D" * n,
        lambda n: "1_MX" * n,
        lambda n: "1_MXabcdefghij " * n,
        lambda n: ("eyJhbGciOi." + "eyJ" * 40 + ".") * (n // 40 + 1),
    ],
    ids=["eyJ", "eyJ-dot", "T1", "T1-escapes", "1_MX", "sessions", "jwt-chains"],
)
def test_linear(make) -> None:  # type: ignore[no-untyped-def]
    def run(text: str) -> None:
        finder.find_tokens(text)
        finder.find_session_ids(text)

    assert growth(run, make, 20_000) < MAX_GROWTH
