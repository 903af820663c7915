"""extract_token(): tokens found in what users paste."""

from __future__ import annotations

import contextlib
import json
import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from opentok_studio.core import DecodeError, extract
from opentok_studio.core.extract import _first_jwt, extract_token

JWT = "eyJhbGciOiJIUzI1NiJ9.eyJyb2xlIjoicHVibGlzaGVyIn0.c2ln"
T1 = "T1==cGFydG5lcl9pZD0xJnNpZz1hYmM6c2Vzc2lvbl9pZD14+/="


@pytest.mark.parametrize(
    "text, source",
    [
        (JWT, "plain"),
        (f"  \n{JWT}\t ", "plain"),
        (f'"{JWT}"', "quotes"),
        (f"'{T1}'", "quotes"),
        (f"https://meet.example.com/join?session=1_x&token={JWT}&x=1", "url"),
        (json.dumps({"apiKey": "1", "token": JWT}), "json"),
        ('{"token": "' + T1.replace("/", "\\/") + '"}', "json"),
        (f"2026-11-25 INFO connect token={JWT} ok", "text"),
        (f"the token is {JWT} thanks", "text"),
    ],
)
def test_finds_the_token(text: str, source: str) -> None:
    found = extract_token(text)
    assert found.token in (JWT, T1)
    assert found.source == source


def test_percent_encoded_t1_in_a_url() -> None:
    encoded = T1.replace("=", "%3D").replace("+", "%2B").replace("/", "%2F")
    found = extract_token(f"https://x.test/?token={encoded}")
    assert found.token == T1


@pytest.mark.parametrize("text", ["", "  ", "hello", "{}", "https://x.test/?a=b"])
def test_no_token(text: str) -> None:
    with pytest.raises(DecodeError):
        extract_token(text)


def test_a_damaged_single_word_is_kept_whole() -> None:
    assert extract_token("T1==@@@not*base64###").token == "T1==@@@not*base64###"
    assert extract_token("eyJ!!!.e30.abc").token == "eyJ!!!.e30.abc"


# -- hostile input: time linear in the text (#13, finding 1) -----------------

#: Texts built to make a backtracking pattern rescan: long runs of base64
#: with many eyJ / T1== starts and no way to finish a token.
HOSTILE = {
    "eyJ run": lambda n: "x " + "eyJ" * (n // 3),
    "eyJ run, one word": lambda n: "eyJ" * (n // 3),
    "eyJ. pairs": lambda n: "x " + "eyJ." * (n // 4),
    "eyJ words": lambda n: " eyJa" * (n // 5),
    "eyJ lines": lambda n: "eyJ\n" * (n // 4),
    "T1== run": lambda n: "x " + "T1==" * (n // 4),
    "T1= run": lambda n: "x " + "T1=" * (n // 3),
    "base64 run": lambda n: "x " + "QUFB" * (n // 4) + "eyJ",
    "percent": lambda n: "x eyJ" + "%3D" * (n // 3),
    "query": lambda n: "x " + "?a&b" * (n // 4),
    "escaped slashes": lambda n: "x " + "\\/" * (n // 2),
    "quoted eyJ run": lambda n: '"' + "eyJ" * (n // 3) + '"',
    # The decoder's own input path: a long token of each family, damaged.
    "long T1 body": lambda n: "T1==" + "cGFy" * (n // 4),
    "long JWT parts": lambda n: "eyJhbGciOiJIUzI1NiJ9." + "A" * n + ".c2ln",
    "wrapped JWT": lambda n: "eyJhbGciOiJIUzI1NiJ9.\n" + "QUFB\n" * (n // 5) + ".x",
    "quotes in a T1": lambda n: "T1==" + 'QU"FB' * (n // 5),
    "percent-encoded T1": lambda n: "T1%3D%3D" + "QUFB%2B" * (n // 7),
}


def _decode_quietly(text: str) -> None:
    from opentok_studio.core import StudioError, decode

    with contextlib.suppress(StudioError):
        decode(text, None, now=0)


@pytest.mark.parametrize("make", HOSTILE.values(), ids=HOSTILE.keys())
def test_decode_time_grows_linearly(make) -> None:  # type: ignore[no-untyped-def]
    # 5,000 -> 20,000 characters: linear ~4x, the old pattern ~16x.
    from tests.helpers.complexity import MAX_GROWTH, growth

    assert growth(_decode_quietly, make, 5_000) < MAX_GROWTH


def test_the_issue_repro_is_answered() -> None:
    # `'x ' + 'eyJ' * 333332` ran for more than 590 s before the fix.
    with pytest.raises(DecodeError, match="no token found"):
        extract_token("x " + "eyJ" * 333_332)


# The pattern the linear search replaces: its first match is the oracle.
_OLD_JWT_IN_TEXT = re.compile(r"eyJ[A-Za-z0-9_-]*(?:\.[A-Za-z0-9_-]*){1,2}")
_PIECES = ["eyJ", "T1==", ".", " ", "a", "=", "-", "_", "+", "/", '"', "%3D",
           "\n", "?", "&x=", "{", "}", ":", "\\/", "e", "yJ"]  # fmt: skip


@given(st.lists(st.sampled_from(_PIECES), max_size=40).map("".join))
@settings(max_examples=400, deadline=None)
def test_linear_jwt_search_finds_what_the_old_pattern_found(text: str) -> None:
    new = _first_jwt(text)
    old = _OLD_JWT_IN_TEXT.search(text)
    assert (new and (new.span(), new.group(0))) == (old and (old.span(), old.group(0)))


@given(st.lists(st.sampled_from(_PIECES), max_size=40).map("".join))
@settings(max_examples=300, deadline=None)
def test_extraction_is_what_it_was(text: str) -> None:
    # Today's extract_token with the old pattern in place of the linear search.
    def old_first_jwt(candidate: str) -> re.Match[str] | None:
        return _OLD_JWT_IN_TEXT.search(candidate)

    try:
        now = extract_token(text)
    except DecodeError as e:
        now = e  # type: ignore[assignment]
    with pytest.MonkeyPatch.context() as mp:
        mp.setattr(extract, "_first_jwt", old_first_jwt)
        try:
            before = extract_token(text)
        except DecodeError as e:
            before = e  # type: ignore[assignment]
    assert repr(now) == repr(before)


@given(st.lists(st.sampled_from(["%", "%3D", "%2", "%zz", "%C3%A9", "%e9", "a", "é"]),
                max_size=12).map("".join))  # fmt: skip
def test_unquote_shortcut_changes_nothing(text: str) -> None:
    from urllib.parse import unquote

    assert extract._unquote(text) == unquote(text)
