"""explain.printable(): what every face shows of foreign text."""

from __future__ import annotations

import unicodedata

from hypothesis import given, settings
from hypothesis import strategies as st

from opentok_studio.core.explain import _shown, printable


def _one_by_one(text: str) -> str:
    # The per-character original: the oracle for the translate table.
    out = [ch if _shown(ch) else ch.encode("unicode_escape").decode() for ch in text]
    return "".join(out).encode("utf-8", "backslashreplace").decode("utf-8")


ANY_CHARACTER = st.characters(exclude_categories=())
BIDI = set(range(0x202A, 0x202F)) | set(range(0x2066, 0x206A))


@given(st.text(ANY_CHARACTER))
@settings(max_examples=500)
def test_printable_is_what_it_was(text: str) -> None:
    assert printable(text) == _one_by_one(text)


@given(st.text(ANY_CHARACTER))
def test_printable_leaves_nothing_a_terminal_acts_on(text: str) -> None:
    shown = printable(text)
    for ch in shown:
        code = ord(ch)
        assert not (code < 0x20 or 0x7F <= code <= 0x9F), repr(ch)  # C0, DEL, C1
        assert code not in BIDI, repr(ch)
        # What stays unprintable is a format character that joins emoji.
        assert ch.isprintable() or unicodedata.category(ch) == "Cf", repr(ch)
    shown.encode("utf-8")  # no lone surrogate left


def test_escapes() -> None:
    assert printable("a\x1b[31mb") == "a\\x1b[31mb"
    assert printable("\u202eevil") == "\\u202eevil"
    assert printable("\x9b2J\x7f") == "\\x9b2J\\x7f"
    assert printable("line\nbreak\ttab") == "line\\nbreak\\ttab"
    assert printable("👩‍👩‍👧 é") == "👩‍👩‍👧 é"  # ZWJ sequences stay whole


def test_made_by_says_a_token_made_here_may_be_ours() -> None:
    # Our signer writes opentok-python's and vonage-python's layouts: "Made by"
    # named only the SDK, and support staff could not tell their own test
    # token from the customer's (a walk-through).
    from opentok_studio.core import sdks
    from opentok_studio.core.decoder import decode
    from opentok_studio.core.explain import made_by_text
    from opentok_studio.core.model import (
        ApplicationCredentials,
        ProjectCredentials,
        TokenFormat,
        TokenRequest,
    )
    from opentok_studio.core.signer import make_token
    from tests.helpers import vectors

    project = ProjectCredentials(vectors.API_KEY, vectors.API_SECRET)
    app = ApplicationCredentials(
        "11111111-2222-3333-4444-555555555555", vectors.private_key()
    )
    made = [
        (TokenRequest(vectors.SID, format=TokenFormat.T1), project),
        (TokenRequest(vectors.SID), project),
        (TokenRequest(vectors.SID), app),
    ]
    for request, credentials in made:
        decoded = decode(make_token(request, credentials, now=vectors.MADE_AT),
                         credentials, now=vectors.MADE_AT)  # fmt: skip
        assert decoded.made_by.sdk in sdks.WRITTEN_BY_US_TOO, decoded.made_by
        assert made_by_text(decoded).endswith(
            ", or OpenTok Studio (it writes the same layout)"
        )
    ruby = next(
        c for c in vectors.load("sdk-variants")["cases"]
        if c["name"] == "opentok-ruby-jwt-default"
    )  # fmt: skip
    decoded = decode(ruby["token"], None, now=ruby["made_at"])
    assert decoded.made_by.sdk == "opentok-ruby"
    assert "OpenTok Studio" not in made_by_text(decoded)
