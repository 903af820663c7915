"""core/rest.py reading what a server answers: any answer gives a session or a
NetworkError, never another exception (hardening #13, findings 8 and 14)."""

from __future__ import annotations

import json

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from opentok_studio.core.errors import NetworkError
from opentok_studio.core.rest import (
    MAX_ANSWER_DEPTH,
    SessionCreated,
    read_create_session,
)
from tests.helpers import fakeapi, hostileapi

SID = fakeapi.NEW_SESSION


def _lists(n: int, inner: object) -> object:
    """``inner`` inside ``n`` lists."""
    for _ in range(n):
        inner = [inner]
    return inner


def test_a_real_answer_is_read() -> None:
    body = json.dumps([{"session_id": SID, "project_id": "1"}]).encode()
    created = read_create_session(200, "application/json", body)
    assert created.session_id == SID and created.answer["project_id"] == "1"


@pytest.mark.parametrize(
    "body",
    [
        hostileapi.NESTED,
        b'{"session_id": "' + SID.encode() + b'", "a": ' + hostileapi.NESTED + b"}",
        json.dumps(_lists(MAX_ANSWER_DEPTH, {"session_id": SID})).encode(),
        json.dumps({"session_id": SID, "x": _lists(MAX_ANSWER_DEPTH, 1)}).encode(),
    ],
    ids=["100k deep", "deep inside", "just over", "deep beside"],
)
def test_deep_json_is_refused(body: bytes) -> None:
    with pytest.raises(NetworkError, match="nested more than 32"):
        read_create_session(200, "application/json", body)


def test_an_answer_at_the_depth_limit_is_read() -> None:
    # list > object > 30 lists: 32 containers deep (a real answer is 2).
    answer = [{"session_id": SID, "x": _lists(MAX_ANSWER_DEPTH - 2, 1)}]
    body = json.dumps(answer).encode()
    assert read_create_session(200, "application/json", body).session_id == SID


@pytest.mark.parametrize("constant", ["NaN", "Infinity", "-Infinity"])
def test_python_json_extensions_are_refused(constant: str) -> None:
    body = f'[{{"session_id": "{SID}", "x": {constant}}}]'.encode()
    with pytest.raises(NetworkError, match="not valid JSON"):
        read_create_session(200, "application/json", body)


def test_a_huge_number_is_refused() -> None:
    body = b'[{"session_id": "' + SID.encode() + b'", "x": ' + b"9" * 100_000 + b"}]"
    with pytest.raises(NetworkError, match="not valid JSON"):
        read_create_session(200, "application/json", body)


def test_billion_laughs_is_refused_unexpanded() -> None:
    with pytest.raises(NetworkError, match="not a session ID") as caught:
        read_create_session(200, "text/xml", hostileapi.BILLION_LAUGHS)
    assert "&lol9;" in str(caught.value)


def test_xml_with_a_dtd_still_gives_the_real_id() -> None:
    # The XML is matched by a pattern, never parsed: a DTD changes nothing.
    body = hostileapi.BILLION_LAUGHS.replace(b"&lol9;", SID.encode())
    assert read_create_session(200, "text/xml", body).session_id == SID


@pytest.mark.parametrize(
    "session_id", ["", "a b", "1_MX4\x1b[31m", "x" * 256, "<script>", "1_MX4&lol;"]
)
def test_what_is_not_a_session_id_is_refused(session_id: str) -> None:
    body = json.dumps([{"session_id": session_id}]).encode()
    with pytest.raises(NetworkError, match="session"):
        read_create_session(200, "application/json", body)


def test_foreign_text_in_messages_is_escaped_and_short() -> None:
    body = f'{{"message":"{hostileapi.ESCAPES}"}}'.encode() + b"x" * 1000
    with pytest.raises(NetworkError) as caught:
        read_create_session(400, "application/json", body)
    message = str(caught.value)
    assert message.startswith("the server answered HTTP 400: ")
    assert "\x1b" not in message and "\x9b" not in message and "\u202e" not in message
    assert "\\x1b]0;pwned\\x07" in message
    assert len(message) < 400
    with pytest.raises(NetworkError) as caught:
        read_create_session(200, "text/\x1b]0;x\x07html" + "h" * 500, b"<p>")
    assert "\x1b" not in str(caught.value) and len(str(caught.value)) < 200


answers = st.one_of(
    st.binary(max_size=300),
    st.recursive(
        st.none() | st.booleans() | st.integers() | st.floats() | st.text(),
        lambda children: st.lists(children) | st.dictionaries(st.text(), children),
        max_leaves=40,
    ).map(lambda v: json.dumps(v).encode()),
    st.builds(
        lambda depth, sid: json.dumps(_lists(depth, {"session_id": sid})).encode(),
        st.integers(1, 200),
        st.text(max_size=40),
    ),
)


@given(st.sampled_from([200, 201, 301, 400, 401, 404, 429, 500]),
       st.sampled_from(["application/json", "text/xml", "", "text/html"]),
       answers)  # fmt: skip
@settings(max_examples=300)
def test_any_answer_gives_a_session_or_a_network_error(
    status: int, ctype: str, body: bytes
) -> None:
    try:
        created = read_create_session(status, ctype, body)
    except NetworkError as e:
        assert "\x1b" not in str(e)
        return
    assert isinstance(created, SessionCreated) and status == 200
    assert created.session_id.isprintable() and len(created.session_id) <= 255
