"""core/encoding.py: base64url without padding, decoded strictly."""

from __future__ import annotations

import pytest

from opentok_studio.core.encoding import b64url_decode, b64url_encode


@pytest.mark.parametrize("raw", [b"", b"f", b"fo", b"foo", b"\xff\xfe\xfd\xfc"])
def test_round_trip_without_padding(raw: bytes) -> None:
    text = b64url_encode(raw)
    assert "=" not in text and "+" not in text and "/" not in text
    assert b64url_decode(text) == raw
    assert b64url_decode(text + "=" * (-len(text) % 4)) == raw  # padding optional


@pytest.mark.parametrize(
    ("text", "words"),
    [("ab+c", "not base64url"), ("ab/c", "not base64url"), ("a b", "not base64url"),
     ("abcde", "impossible base64 length")],
)  # fmt: skip
def test_strict(text: str, words: str) -> None:
    with pytest.raises(ValueError, match=words):
        b64url_decode(text)
