"""core/t1.py: the T1 layout, its HMAC-SHA1 and a parser that reports damage."""

from __future__ import annotations

from opentok_studio.core import t1
from opentok_studio.core.model import CheckedRequest, Role
from tests.helpers import vectors

CHECKED = CheckedRequest(vectors.SID, Role.MODERATOR, "name=Ann & Bob", ("a", "b"),
                         issued_at=1000, expires_at=2000)  # fmt: skip


def mint(nonce: int = 123456) -> str:
    return t1.prepare(vectors.API_KEY, vectors.API_SECRET, CHECKED)(nonce)


def test_prepare_then_parse_round_trips() -> None:
    token = mint()
    assert token.startswith(t1.PREFIX)
    parsed = t1.parse(token)
    assert parsed.damage == () and not parsed.truncated
    assert parsed.header["partner_id"] == vectors.API_KEY
    assert list(parsed.data) == list(t1.FIELDS)  # the SDK's order
    assert parsed.data["connection_data"] == "name=Ann & Bob"
    assert parsed.data["initial_layout_class_list"] == "a b"
    assert parsed.data["nonce"] == "123456" and parsed.data["role"] == "moderator"


def test_signature_covers_data_as_found() -> None:
    parsed = t1.parse(mint())
    assert parsed.header["sig"] == t1.signature(vectors.API_SECRET, parsed.data_bytes)
    assert parsed.header["sig"] != t1.signature(vectors.OTHER_SECRET, parsed.data_bytes)


def test_nonces_change_only_the_nonce() -> None:
    a, b = t1.parse(mint(1)), t1.parse(mint(2))
    assert {k for k in a.data if a.data[k] != b.data[k]} == {"nonce"}


def test_a_cut_token_is_truncated_not_raised() -> None:
    parsed = t1.parse(mint()[:-7])
    assert parsed.truncated and parsed.damage


def test_not_base64_is_damage() -> None:
    parsed = t1.parse("T1==!!!!")
    assert parsed.damage == ("the part after T1== is not base64",)


def test_the_base64_alphabet_is_recognised() -> None:
    assert t1.parse(mint()).alphabet in (t1.Alphabet.STANDARD, t1.Alphabet.EITHER)
    assert t1.parse(t1.PREFIX + "YWJj-_").alphabet == t1.Alphabet.URL_SAFE
    assert t1.parse(t1.PREFIX + "YWJj+/").alphabet == t1.Alphabet.STANDARD
    # The two alphabets mixed are not base64 at all.
    assert t1.parse(t1.PREFIX + "YW-j+/").damage == (
        "the part after T1== is not base64",
    )
