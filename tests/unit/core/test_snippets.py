"""SDK snippets: the Python and Node ones, run against the official packages,
make tokens our decoder verifies with the same claims; every language's literals
and T1 switch are right; re-mint keeps the grants."""

from __future__ import annotations

import re
import time

import pytest

from opentok_studio.core import (
    ApplicationCredentials,
    Decoded,
    ProjectCredentials,
    Role,
    Signature,
    TokenFormat,
    TokenRequest,
    decode,
    make_token,
)
from opentok_studio.core.snippets import (
    APPLICATION_LANGUAGES,
    LANGUAGES,
    application_calls,
    project_calls,
    remint_request,
)
from tests.helpers import node, vectors

EMOJI = "\U0001f600"
MONTH = 30 * 24 * 3600

REQUESTS = [
    TokenRequest(vectors.SID),
    TokenRequest(
        vectors.SID,
        role=Role.MODERATOR,
        data='José "$x" 😀\n#{y}',
        layout_classes=("focus", "full"),
        expire_in=3600,
    ),  # fmt: skip
    TokenRequest(
        vectors.SID, role=Role.SUBSCRIBER, format=TokenFormat.T1, expire_in=900
    ),  # fmt: skip
]


@pytest.mark.sdk
@pytest.mark.parametrize("request_", REQUESTS)
def test_python_snippet_runs_on_the_official_sdk(request_: TokenRequest) -> None:
    code = project_calls(request_)["Python"]
    code = code.replace("YOUR_API_KEY", vectors.API_KEY)
    code = code.replace("YOUR_API_SECRET", vectors.API_SECRET)
    scope: dict[str, object] = {}
    exec(code, scope)  # noqa: S102 - our own generated snippet, in a test
    token = str(scope["token"])
    creds = ProjectCredentials(vectors.API_KEY, vectors.API_SECRET)
    d = decode(token, creds, now=int(time.time()))
    assert d.signature is Signature.VALID and d.ok
    assert d.format == ("t1" if request_.format is TokenFormat.T1 else "jwt")
    assert d.session_id == request_.session_id
    assert d.role == Role(request_.role).value
    assert d.connection_data == (request_.data or None)
    assert d.initial_layout_class_list == request_.layout_classes
    lifetime = request_.expire_in or 86400
    assert d.expires_at - d.issued_at == lifetime


@pytest.mark.parametrize("request_", REQUESTS)
def test_every_language_has_a_call_and_no_secret(request_: TokenRequest) -> None:
    calls = project_calls(request_)
    assert tuple(calls) == LANGUAGES
    for code in calls.values():
        assert "YOUR_API_SECRET" in code and vectors.API_SECRET not in code
        assert request_.session_id in code


def test_php_and_ruby_literals_escape_interpolation() -> None:
    calls = project_calls(REQUESTS[1])
    assert "\\$x" in calls["PHP"] and "\\u{1f600}" in calls["PHP"]
    assert "\\#{y}" in calls["Ruby"]


def test_application_snippet_names_vonage_video() -> None:
    calls = application_calls(TokenRequest(vectors.APP_SID, data="d"))
    assert tuple(calls) == APPLICATION_LANGUAGES
    assert "generate_client_token" in calls["Python"]
    assert "connection_data=" in calls["Python"]
    assert 'require("@vonage/video")' in calls["Node"]
    assert "generateClientToken(" in calls["Node"] and 'data: "d"' in calls["Node"]


def test_remint_keeps_the_grants(project, now) -> None:
    old = make_token(REQUESTS[1], project, now=now - 90_000)
    decoded = decode(old, project, now=now)
    assert not decoded.ok  # expired
    fresh = make_token(remint_request(decoded, expire_in=600), project, now=now)
    d = decode(fresh, project, now=now)
    assert d.ok
    for field in ("session_id", "role", "connection_data", "initial_layout_class_list"):
        assert getattr(d, field) == getattr(decoded, field)
    assert d.expires_at - d.issued_at == 600


#: How each SDK is told to make T1 instead of its default (read from each
#: SDK's source; see the comments in core/snippets.py).
T1_SWITCH = {
    "Python": "use_jwt=False",
    "Node": "}, true); // true: a T1 token",
    "PHP": "], true); // true: a T1 token",
    "Ruby": 'token_type: "T1"',
    "Java": ".useLegacyT1Token()",
    "C#": "opentok.GenerateT1Token(",
}


@pytest.mark.parametrize("request_", REQUESTS)
def test_t1_is_asked_for_in_every_language(request_: TokenRequest) -> None:
    t1 = request_.format is TokenFormat.T1
    calls = project_calls(request_)
    assert set(T1_SWITCH) == set(LANGUAGES)
    for language, switch in T1_SWITCH.items():
        assert (switch in calls[language]) is t1, language
    assert ("opentok.GenerateToken(" in calls["C#"]) is not t1


def test_sdks_without_a_24h_default_get_the_expiry() -> None:
    # PHP, Ruby and .NET write no expiry unless given one; Node's default is
    # Math.round(now) + 86400 against a floored iat, so Node always gets one too.
    calls = project_calls(TokenRequest(vectors.SID))
    assert "'expireTime' => time() + 86400" in calls["PHP"]
    assert "expire_time: Time.now.to_i + 86400" in calls["Ruby"]
    assert (
        "expireTime: DateTimeOffset.UtcNow.ToUnixTimeSeconds() + 86400" in calls["C#"]
    )
    assert "expireTime: Math.floor(Date.now() / 1000) + 86400" in calls["Node"]
    assert "expire_time" not in calls["Python"] and "expireTime" not in calls["Java"]
    t1 = project_calls(TokenRequest(vectors.SID, format=TokenFormat.T1, expire_in=60))
    assert "expireTime: Math.round(Date.now() / 1000) + 60" in t1["Node"]


def _read_csharp(literal: str) -> str:
    """The string a C# regular string literal denotes (C# spec, "String
    literals": simple escapes, \\x, \\u and \\U), read strictly."""
    assert literal[0] == literal[-1] == '"' and len(literal) >= 2
    simple = dict(zip("\\\\\"'0abfnrtv", "\\\\\"'\0\a\b\f\n\r\t\v", strict=True))
    body, units, i = literal[1:-1], [], 0
    while i < len(body):
        ch = body[i]
        if ch != "\\":
            assert ch not in '"\n\r', f"raw {ch!r} ends the literal"
            units.append(ord(ch))
            i += 1
        elif body[i + 1] in simple:
            units.append(ord(simple[body[i + 1]]))
            i += 2
        elif body[i + 1] == "u":
            units.append(int(body[i + 2 : i + 6], 16))
            i += 6
        elif body[i + 1] == "U":
            raw = chr(int(body[i + 2 : i + 10], 16)).encode("utf-16-le")
            units += [int.from_bytes(raw[j : j + 2], "little") for j in (0, 2)]
            i += 10
        else:
            raise AssertionError(f"\\{body[i + 1]} is no C# escape")
    raw = b"".join(u.to_bytes(2, "little") for u in units)
    return raw.decode("utf-16-le", "surrogatepass")


@pytest.mark.parametrize(
    "data",
    [
        'back\\slash "quoted" $x #{y} {0}',
        "tab\tnew\nline\rnul\0del\x7fbell\a",
        f"José {EMOJI} 中文 \u2028",
        "a\ud83d",  # a lone surrogate, cut from an emoji
        "\udc00 low first",
    ],
)
def test_csharp_literals_are_ascii_and_exact(data: str) -> None:
    code = project_calls(TokenRequest(vectors.SID, data=data))["C#"]
    found = re.search(r'^    data: (".*")\);$', code, re.MULTILINE)
    assert found is not None, code
    literal = found.group(1)
    assert literal.isascii() and "\\x" not in literal
    assert _read_csharp(literal) == data


def test_csharp_call_spells_the_dotnet_api() -> None:
    request = TokenRequest(
        vectors.SID, role=Role.PUBLISHER_ONLY, data=EMOJI, layout_classes=("a", "b")
    )
    code = project_calls(request)["C#"]
    assert "using OpenTokSDK;" in code
    assert "role: Role.PUBLISHERONLY," in code  # the .NET enum has no underscore
    assert 'data: "\\uD83D\\uDE00",' in code
    assert 'initialLayoutClassList: new List<string> { "a", "b" });' in code


def test_ruby_escapes_every_interpolation() -> None:
    code = project_calls(TokenRequest(vectors.SID, data="#{a} #@b #$c"))["Ruby"]
    assert 'data: "\\#{a} \\#@b \\#$c"' in code


def test_notes_where_an_sdk_refuses_the_data() -> None:
    calls = project_calls(TokenRequest(vectors.SID, data=EMOJI * 1000))
    assert "refuses data over 1024 UTF-16 units (2000)" in calls["Node"]
    assert "refuses data of 1000 characters or more" in calls["Ruby"]
    assert "2000 is over 1000" in calls["Java"] and "2000 is over 1000" in calls["C#"]
    assert "bytes" not in calls["PHP"]  # the JWT path checks nothing
    t1 = project_calls(TokenRequest(vectors.SID, data="é" * 600, format=TokenFormat.T1))
    assert "counts T1 data in bytes: 1200 is over 1000" in t1["PHP"]
    plain = project_calls(TokenRequest(vectors.SID, data="x" * 999))
    assert not any("refuses" in code or "is over" in code for code in plain.values())


NODE_REQUESTS = [
    *REQUESTS,
    TokenRequest(
        vectors.SID,
        role=Role.PUBLISHER_ONLY,
        data=f"José {EMOJI} 中文 &=:+%",
        layout_classes=("focus",),
        format=TokenFormat.T1,
        expire_in=MONTH,
    ),
    TokenRequest(vectors.SID, role=Role.MODERATOR, expire_in=MONTH),
    TokenRequest(vectors.SID, expire_time=vectors.MADE_AT + 7200),
]
NODE_IDS = ["default", "moderator-all", "t1-subscriber-15m", "t1-all-30d",
            "moderator-30d", "expire-at"]  # fmt: skip
CLOCKS = pytest.mark.parametrize("now_ms", [node.LOW_MS, node.HIGH_MS], ids=["low", "high"])  # fmt: skip


def _assert_grants(d: Decoded, request_: TokenRequest, issued_at: int) -> None:
    assert d.signature is Signature.VALID
    assert d.session_id == request_.session_id
    assert d.role == Role(request_.role).value
    assert d.connection_data == (request_.data or None)
    assert d.initial_layout_class_list == request_.layout_classes
    assert d.issued_at == issued_at
    if request_.expire_time is not None:
        assert d.expires_at == request_.expire_time
    else:
        assert d.expires_at - d.issued_at == (request_.expire_in or 86400)
    assert [(p.code.value, p.message) for p in d.problems] == []


@pytest.mark.sdk
@CLOCKS
@pytest.mark.parametrize("request_", NODE_REQUESTS, ids=NODE_IDS)
def test_node_snippet_runs_on_the_official_sdk(
    request_: TokenRequest, now_ms: int, tmp_path
) -> None:
    token = node.run_snippet(project_calls(request_)["Node"], now_ms, tmp_path)
    creds = ProjectCredentials(vectors.API_KEY, vectors.API_SECRET)
    d = decode(token, creds, now=now_ms // 1000)
    t1 = request_.format is TokenFormat.T1
    assert d.format == ("t1" if t1 else "jwt")
    # T1 create_time is Math.round(now), the JWT's iat Math.floor(now)
    _assert_grants(d, request_, (now_ms + 500) // 1000 if t1 else now_ms // 1000)


APP_REQUESTS = [
    TokenRequest(vectors.APP_SID),
    TokenRequest(
        vectors.APP_SID,
        role=Role.SUBSCRIBER,
        data=f'José "$x" {EMOJI}\n',
        layout_classes=("focus", "full"),
        expire_in=3600,
    ),
    TokenRequest(vectors.APP_SID, role=Role.MODERATOR, expire_in=MONTH),
]
APP_IDS = ["default", "subscriber-all-1h", "moderator-30d"]


@pytest.mark.sdk
@CLOCKS
@pytest.mark.parametrize("request_", APP_REQUESTS, ids=APP_IDS)
def test_node_application_snippet_runs_on_vonage_video(
    request_: TokenRequest, now_ms: int, tmp_path
) -> None:
    code = application_calls(request_)["Node"]
    token = node.run_snippet(code, now_ms, tmp_path)
    creds = ApplicationCredentials(vectors.APP_ID, vectors.private_key())
    d = decode(token, creds, now=now_ms // 1000)
    assert (d.format, d.alg, d.application_id) == ("jwt", "RS256", vectors.APP_ID)
    _assert_grants(d, request_, now_ms // 1000)
