"""core/urls.py: which REST API base URL may carry our credentials, and which wins."""

from __future__ import annotations

import pytest

from opentok_studio.core.errors import ValidationError
from opentok_studio.core.urls import api_base_url, is_loopback_host, validate_api_url

EVIL = "http://evil.invalid"


@pytest.mark.parametrize(
    ("host", "loopback"),
    [("localhost", True), ("LOCALHOST.", True), ("127.0.0.9", True), ("::1", True),
     ("10.0.0.1", False), ("example.com", False), ("", False)],
)  # fmt: skip
def test_is_loopback_host(host: str, loopback: bool) -> None:
    assert is_loopback_host(host) is loopback


def test_validate_api_url() -> None:
    assert validate_api_url(" https://api.example.com/ ") == "https://api.example.com"
    assert validate_api_url("http://127.0.0.1:8080") == "http://127.0.0.1:8080"
    with pytest.raises(ValidationError, match="plain http to evil.invalid"):
        validate_api_url(EVIL)
    with pytest.raises(ValidationError, match="not an http"):
        validate_api_url("ftp://example.com")
    with pytest.raises(ValidationError, match="not a URL"):
        validate_api_url("https://example.com:port")


def test_api_base_url_precedence() -> None:
    env = {"OPENTOK_API_URL": "https://env.example"}
    profile = "https://profile.example/"
    assert api_base_url("https://flag.example", env, profile) == "https://flag.example"
    assert api_base_url(None, env, profile) == "https://env.example"
    assert api_base_url("", {}, profile) == "https://profile.example"
    assert api_base_url(None, {"OPENTOK_API_URL": ""}, None) is None


@pytest.mark.parametrize("where", ["flag", "env", "profile"])
def test_api_base_url_checks_each_source(where: str) -> None:
    with pytest.raises(ValidationError, match="api_url"):
        api_base_url(
            EVIL if where == "flag" else None,
            {"OPENTOK_API_URL": EVIL} if where == "env" else {},
            EVIL if where == "profile" else None,
        )
