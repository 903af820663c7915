"""extract_token(): tokens found in what users paste."""

from __future__ import annotations

import json

import pytest

from opentok_studio.core import DecodeError
from opentok_studio.core.extract import extract_token

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
