"""SDK snippets: the Python one, run against the official opentok package, makes
a token our decoder verifies with the same claims; re-mint keeps the grants."""

from __future__ import annotations

import time

import pytest

from opentok_studio.core import (
    ProjectCredentials,
    Role,
    Signature,
    TokenFormat,
    TokenRequest,
    decode,
    make_token,
)
from opentok_studio.core.snippets import (
    LANGUAGES,
    application_calls,
    project_calls,
    remint_request,
)
from tests.helpers import vectors

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
    code = application_calls(TokenRequest(vectors.APP_SID, data="d"))["Python"]
    assert "generate_client_token" in code and "connection_data=" in code


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
