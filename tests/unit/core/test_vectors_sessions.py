"""session_ids.json: our session-ID reading, and the SDK's belongs-to-key rule."""

from __future__ import annotations

from typing import Any

import pytest

from opentok_studio.core import (
    DecodeError,
    SdkVerdict,
    belongs_to,
    decode_session_id,
    sdk_verdict,
)
from tests.helpers import vectors

VALID = vectors.load("session_ids")["valid"]
ODD = vectors.load("session_ids")["odd"]


@pytest.mark.parametrize("case", VALID, ids=[c["name"] for c in VALID])
def test_fields(case: dict[str, Any]) -> None:
    info = decode_session_id(case["session_id"])
    assert info.prefix == case["prefix"]
    assert info.decoded == case["decoded"]
    assert list(info.fields) == case["fields"]
    assert info.api_key == case["api_key"]
    assert info.location == case["location"]
    assert info.created == case["created"]
    assert info.random == case["random"]
    assert info.flag == case["flag"]


@pytest.mark.parametrize("case", VALID, ids=[c["name"] for c in VALID])
def test_belongs_and_sdk_verdicts(case: dict[str, Any]) -> None:
    info = decode_session_id(case["session_id"])
    for key, sdk in case["opentok_sdk_accepts_for_key"].items():
        assert belongs_to(info, key) is (key in case["belongs_to"])
        accepted = sdk_verdict(case["session_id"], key) is SdkVerdict.ACCEPTED
        assert accepted is (sdk is True), key


@pytest.mark.parametrize("case", VALID, ids=[c["name"] for c in VALID])
def test_creation_time_is_read(case: dict[str, Any]) -> None:
    info = decode_session_id(case["session_id"])
    assert info.created_at is not None
    if case["created"].isdigit():
        assert info.created_at == int(case["created"]) // 1000


def test_java_date_with_zone() -> None:
    # "Sun Jan 20 10:10:17 PST 2013" is 18:10:17 UTC.
    info = decode_session_id(
        "2_MX4yMjYwNjUyMn4xMjcuMC4wLjF-U3VuIEphbiAyMCAxMDoxMDoxNyBQU1QgMjAxM34wLjk2MDM3OX4"
    )
    assert info.created_at == 1358705417


_MESSAGES = {
    SdkVerdict.EMPTY: "session_id was not valid",
    SdkVerdict.NOT_VALID: "was not valid",
    SdkVerdict.NOT_OF_KEY: "does not belong",
}


@pytest.mark.parametrize("case", ODD, ids=[c["name"] for c in ODD])
def test_odd_ids_get_the_sdk_verdict(case: dict[str, Any]) -> None:
    verdict = sdk_verdict(case["session_id"], case["api_key"])
    if case["sdk_accepts"]:
        assert verdict is SdkVerdict.ACCEPTED
    else:
        assert verdict is not SdkVerdict.ACCEPTED
        assert _MESSAGES[verdict] in case["sdk_message"]


def test_key_in_other_field_is_not_ours() -> None:
    # The SDK accepts it (membership over all fields); field 1 is another key.
    sid = next(c for c in ODD if c["name"] == "key-in-other-field")["session_id"]
    info = decode_session_id(sid)
    assert info.api_key == "999"
    assert not belongs_to(info, "46123457")
    assert sdk_verdict(sid, "46123457") is SdkVerdict.ACCEPTED


@pytest.mark.parametrize(
    "text, reason",
    [
        ("", "empty"),
        ("1_!!!!notbase64$$$", "must look like"),
        ("1_aGVsbG8gd29ybGQ", "~-separated"),
        ("1_MX7__n4", "does not decode"),
        ("hello", "must look like"),
        ("1_a", "does not decode"),
    ],
)
def test_undecodable_ids_say_why(text: str, reason: str) -> None:
    with pytest.raises(DecodeError, match=reason):
        decode_session_id(text)


def test_padded_id_is_read() -> None:
    sid = next(c for c in ODD if c["name"] == "padded")["session_id"]
    assert decode_session_id(sid).api_key == "46123457"
