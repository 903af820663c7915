"""core/paste.py: a paste anywhere goes to the decoder, the session field or a scan."""

from __future__ import annotations

import json

from opentok_studio.core import ProjectCredentials, TokenRequest, make_token
from opentok_studio.core.paste import Destination, route
from tests.helpers import vectors

TOKEN = make_token(
    TokenRequest(vectors.SID),
    ProjectCredentials(vectors.API_KEY, vectors.API_SECRET),
    now=vectors.MADE_AT,
)


def test_a_token_with_something_around_it_goes_to_the_decoder() -> None:
    for text in (TOKEN, f'  "{TOKEN}"\n', f"https://x.test/join?token={TOKEN}"):
        r = route(text)
        assert (r.destination, r.value) == (Destination.DECODE, TOKEN)


def test_a_session_id_goes_to_the_form() -> None:
    r = route(f" {vectors.SID}\n")
    assert (r.destination, r.value) == (Destination.SESSION, vectors.SID)


def test_a_har_goes_to_scan() -> None:
    har = json.dumps(
        {"log": {"version": "1.2", "entries": [{"request": {"url": TOKEN}}]}}
    )
    assert route(har).destination is Destination.SCAN


def test_a_log_goes_to_scan_even_with_one_token() -> None:
    log = "\n".join(f"12:00:0{i} INFO line {i}" for i in range(6)) + f"\ntoken={TOKEN}"
    assert route(log).destination is Destination.SCAN
    two = f"a {TOKEN}\nb {make_token(TokenRequest(vectors.SID, role='moderator'), ProjectCredentials(vectors.API_KEY, vectors.API_SECRET), now=vectors.MADE_AT)}"
    assert route(two).destination is Destination.SCAN


def test_nothing_to_use_is_said() -> None:
    r = route("hello world")
    assert r.destination is Destination.NOWHERE and "Nothing to use" in r.said


def test_a_megabyte_is_scanned_not_decoded() -> None:
    assert route("x " * 600_000 + TOKEN).destination is Destination.SCAN
