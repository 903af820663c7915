"""Tokens from the real Node SDKs (opentok 2.23.2, @vonage/video 1.28.0; pinned
in tests/node) decode with every field right, a valid signature and no problem
(issue #12: no false alarm on any official SDK's token)."""

from __future__ import annotations

import base64
import json
from dataclasses import dataclass, field
from typing import Any

import pytest

from opentok_studio.core import (
    ApplicationCredentials,
    Decoded,
    ProjectCredentials,
    Signature,
    decode,
)
from tests.helpers import node, vectors

pytestmark = pytest.mark.sdk

EMOJI = "\U0001f600"
#: opentok-node's data limit: `connection_data.length > 1024`, in UTF-16 units.
NODE_MAX_UNITS = 1024
MONTH = 30 * 24 * 3600


@dataclass(frozen=True)
class Call:
    """One SDK call, and what the token it makes must decode to."""

    name: str
    sdk: str  # "opentok" (HS256 JWT) | "opentok-t1" | "vonage-video" (RS256)
    options: dict[str, Any] = field(default_factory=dict)
    expire_in: int | None = None
    now_ms: int = node.HIGH_MS

    @property
    def session_id(self) -> str:
        return vectors.APP_SID if self.sdk == "vonage-video" else vectors.SID

    @property
    def now(self) -> int:
        """The second the token was made in, as a clock (int(time.time())) reads it."""
        return self.now_ms // 1000

    def spec(self) -> dict[str, Any]:
        out = {"sdk": self.sdk, "session_id": self.session_id}
        out |= {"now_ms": self.now_ms, "options": self.options}
        return out if self.expire_in is None else out | {"expire_in": self.expire_in}

    def issued_at(self) -> int:
        # T1 create_time is Math.round(now) (lib/opentok.js); the JWTs' iat is
        # Math.floor (lib/generateJwt.js; @vonage/jwt parseInt(now)).
        return _js_round(self.now_ms) if self.sdk == "opentok-t1" else self.now

    def expires_at(self) -> int:
        if self.expire_in is None:  # both: Math.round(now) + 86400
            return _js_round(self.now_ms) + 86400
        if self.sdk == "vonage-video":  # Math.floor(Date.now() / 1000) + N
            return self.now + self.expire_in
        # README style `new Date().getTime() / 1000 + N`, Math.round()ed by the SDK
        return _js_round(self.now_ms) + self.expire_in


def _js_round(ms: int) -> int:
    """JavaScript's Math.round(ms / 1000): halves round up."""
    return (ms + 500) // 1000


def _calls() -> list[Call]:
    cut = (EMOJI * 600).encode("utf-16-le", "surrogatepass")[: 2 * 1023]
    lone = cut.decode("utf-16-le", "surrogatepass")  # 511 emoji + "\ud83d"
    data = {
        "ascii": "user=ann&role=x+y%20z;ok",
        "unicode": f"José {EMOJI} 中文 &=:+%",
        "1000": "x" * 1000,
        "1024": "y" * NODE_MAX_UNITS,
        "emoji-512": EMOJI * 512,  # 1024 UTF-16 units: Node's limit
        "lone-surrogate": lone,
    }
    layouts = {
        "one": ["focus"],
        "two": ["focus", "full"],
        "odd": ["x>>>y", "a???b", "café"],
    }
    out: list[Call] = []
    for sdk in ("opentok", "opentok-t1", "vonage-video"):
        out += [
            Call(f"{sdk}-default-low", sdk, now_ms=node.LOW_MS),
            Call(f"{sdk}-default-high", sdk),
        ]
        for role in ("subscriber", "publisher", "publisheronly", "moderator"):
            out.append(Call(f"{sdk}-role-{role}", sdk, {"role": role}))
        for name, text in data.items():
            if sdk == "opentok-t1" and name == "lone-surrogate":
                continue  # the SDK refuses it (test_node_refusals)
            out.append(Call(f"{sdk}-data-{name}", sdk, {"data": text}))
        if sdk == "vonage-video":  # no data limit at all
            out.append(Call(f"{sdk}-data-emoji-1000", sdk, {"data": EMOJI * 1000}))
        for name, classes in layouts.items():
            out.append(Call(f"{sdk}-layout-{name}", sdk, {"initialLayoutClassList": classes}))  # fmt: skip
        out += [
            Call(f"{sdk}-expire-1h", sdk, expire_in=3600),
            Call(f"{sdk}-expire-30d-low", sdk, expire_in=MONTH, now_ms=node.LOW_MS),
            Call(f"{sdk}-expire-30d-high", sdk, expire_in=MONTH),
            Call(
                f"{sdk}-all-options",
                sdk,
                {
                    "role": "moderator",
                    "data": data["unicode"],
                    "initialLayoutClassList": ["focus", "full"],
                },
                expire_in=7 * 86400,
            ),
        ]
    return out


CALLS = _calls()
IDS = [c.name for c in CALLS]


@pytest.fixture(scope="module")
def tokens() -> dict[str, str]:
    """Every call's token, made by one node process."""
    made = node.make_tokens([c.spec() for c in CALLS])
    errors = {
        c.name: m["error"] for c, m in zip(CALLS, made, strict=True) if "error" in m
    }
    assert not errors, errors
    return {c.name: m["token"] for c, m in zip(CALLS, made, strict=True)}


def _decode(call: Call, token: str) -> Decoded:
    if call.sdk == "vonage-video":
        creds: Any = ApplicationCredentials(vectors.APP_ID, vectors.private_key())
    else:
        creds = ProjectCredentials(vectors.API_KEY, vectors.API_SECRET)
    return decode(token, creds, now=call.now)


@pytest.mark.parametrize("call", CALLS, ids=IDS)
def test_node_token_fields(call: Call, tokens: dict[str, str]) -> None:
    d = _decode(call, tokens[call.name])
    assert d.format == ("t1" if call.sdk == "opentok-t1" else "jwt")
    assert d.alg == {"opentok": "HS256", "vonage-video": "RS256"}.get(call.sdk)
    assert d.signature is Signature.VALID
    assert d.session_id == call.session_id
    assert d.role == call.options.get("role", "publisher")
    assert d.connection_data == call.options.get("data")
    assert d.initial_layout_class_list == tuple(
        call.options.get("initialLayoutClassList", ())
    )
    assert (d.issued_at, d.expires_at) == (call.issued_at(), call.expires_at())
    assert not d.expired
    if call.sdk == "vonage-video":
        assert d.application_id == vectors.APP_ID
    else:
        assert d.api_key == vectors.API_KEY


#: @vonage/video checks nothing: 1024 characters are past the documented
#: 1000 (opentok-node's 1024 is its own, by design, so only a warning there).
REFUSED = {"vonage-video-data-1024": "data_too_long"}
SDK_NAME = {"opentok": "opentok-node", "opentok-t1": "opentok-node"}


@pytest.mark.parametrize("call", CALLS, ids=IDS)
def test_node_token_has_no_problem(call: Call, tokens: dict[str, str]) -> None:
    d = _decode(call, tokens[call.name])
    found = [(p.code.value, p.message) for p in d.problems]
    if call.name in REFUSED:
        [(code, message)] = found
        assert code == REFUSED[call.name] and "vonage-node checks nothing" in message
    else:
        assert found == []
    assert d.made_by.sdk == SDK_NAME.get(call.sdk, "vonage-node")
    assert d.made_by.versions


def test_node_data_past_1000_is_a_warning_naming_nodes_limit(
    tokens: dict[str, str],
) -> None:
    call = next(c for c in CALLS if c.name == "opentok-data-1024")
    d = _decode(call, tokens[call.name])
    [w] = d.warnings
    assert w.code.value == "data_too_long"
    assert "opentok-node allows up to 1024" in w.message and "not known" in w.message


def _jwt_parts(token: str) -> tuple[str, dict[str, Any]]:
    header, payload, _ = token.split(".")

    def raw(part: str) -> bytes:
        return base64.urlsafe_b64decode(part + "=" * (-len(part) % 4))

    return raw(header).decode(), json.loads(raw(payload))


def _t1_fields(token: str) -> tuple[str, list[str]]:
    assert token.startswith("T1==")
    text = base64.b64decode(token[4:], validate=True).decode()
    head, _, data = text.partition(":")
    return head, [pair.split("=", 1)[0] for pair in data.split("&")]


def test_node_opentok_jwt_layout(tokens: dict[str, str]) -> None:
    """opentok-node's HS256 JWT, as SDK fingerprinting sees it."""
    header, claims = _jwt_parts(tokens["opentok-default-high"])
    assert header == '{"alg":"HS256","typ":"JWT"}'
    assert list(claims) == [
        "iss", "ist", "iat", "exp", "session_id", "create_time", "nonce", "role",
        "expire_time", "initial_layout_class_list", "scope",
    ]  # fmt: skip
    assert claims["initial_layout_class_list"] == ""
    assert isinstance(claims["nonce"], float) and 0 <= claims["nonce"] < 1
    # create_time rounds, iat floors: a second apart above half a second
    assert claims["create_time"] == claims["iat"] + 1
    assert claims["exp"] == claims["expire_time"] == claims["iat"] + 86401
    _, claims = _jwt_parts(tokens["opentok-all-options"])
    assert list(claims)[8:10] == ["expire_time", "connection_data"]
    assert claims["initial_layout_class_list"] == "focus full"


def test_node_opentok_t1_layout(tokens: dict[str, str]) -> None:
    head, names = _t1_fields(tokens["opentok-t1-default-high"])
    assert head.startswith(f"partner_id={vectors.API_KEY}&sig=")
    assert names == [
        "session_id", "create_time", "nonce", "role", "expire_time",
        "initial_layout_class_list", "scope",
    ]  # fmt: skip
    _, names = _t1_fields(tokens["opentok-t1-all-options"])
    assert names.index("connection_data") == names.index("expire_time") + 1


def test_node_vonage_video_layout(tokens: dict[str, str]) -> None:
    header, claims = _jwt_parts(tokens["vonage-video-default-high"])
    assert header == '{"alg":"RS256","typ":"JWT"}'
    assert list(claims) == [
        "scope", "session_id", "role", "initial_layout_class_list", "exp", "sub",
        "acl", "jti", "iat", "application_id",
    ]  # fmt: skip
    assert claims["sub"] == "video" and claims["acl"] == {"paths": {"/session/**": {}}}
    assert claims["initial_layout_class_list"] == ""
    _, claims = _jwt_parts(tokens["vonage-video-all-options"])
    assert list(claims)[6:8] == ["acl", "connection_data"]
    assert claims["initial_layout_class_list"] == "focus full"


def test_node_refusals() -> None:
    """What opentok-node refuses that the form allows, in its own words."""
    calls = [
        {"sdk": "opentok", "options": {"data": "z" * (NODE_MAX_UNITS + 1)}},
        {"sdk": "opentok", "options": {"data": EMOJI * 513}},  # 513 code points
        {"sdk": "opentok-t1", "options": {"data": "a\ud83d"}},
        {"sdk": "vonage-video", "options": {"data": EMOJI * 5000}},
    ]
    for c in calls:
        sid = vectors.APP_SID if c["sdk"] == "vonage-video" else vectors.SID
        c |= {"session_id": sid, "now_ms": node.HIGH_MS}
    made = node.make_tokens(calls)
    too_long = "Invalid data for token generation, must be a string with maximum length 1024"  # fmt: skip
    assert made[0] == made[1] == {"error": too_long}
    assert made[2] == {"error": "URI malformed"}  # querystring cannot escape it
    assert "token" in made[3]  # @vonage/video checks nothing
