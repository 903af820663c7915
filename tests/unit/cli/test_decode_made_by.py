"""decode's three faces (text, --json, --report) carry made_by and warnings."""

from __future__ import annotations

import pytest

from tests.helpers import vectors
from tests.helpers.cli import run

VARIANTS = vectors.load("sdk-variants")
CREDS = VARIANTS["credentials"]
ENV = vectors.project_env(CREDS["api_key"], CREDS["api_secret"])


def case(name: str) -> dict:  # type: ignore[type-arg]
    return next(c for c in VARIANTS["cases"] if c["name"] == name)


@pytest.fixture
def php_default(monkeypatch: pytest.MonkeyPatch) -> str:
    c = case("opentok-php-jwt-default")
    monkeypatch.setattr("opentok_studio.cli.commands._now", lambda: c["made_at"])
    return str(c["token"])


def test_text_names_the_sdk_and_lists_warnings_after_no_problems(
    php_default: str,
) -> None:
    result = run("decode", php_default, env=ENV)
    assert result.code == 0
    assert "Made by     opentok-php >= 4.17.1" in result.out
    assert "made by, because: field order iss, iat, session_id" in result.out
    assert "No problems found." in result.out
    warnings = result.out.split("No problems found.")[1]
    assert "1 warning (the token still works):" in warnings
    assert "no_expiry:" in warnings and "'expireTime' => time() + 86400" in warnings


def test_json_made_by_object(php_default: str) -> None:
    body = run("decode", php_default, "--json", env=ENV).json()
    assert body["made_by"]["sdk"] == "opentok-php"
    assert body["made_by"]["versions"].startswith(">= 4.17.1")
    assert any("header" in e for e in body["made_by"]["evidence"])
    assert [w["code"] for w in body["warnings"]] == ["no_expiry"]
    assert body["warnings"][0]["client_error"] is None


def test_report_names_the_sdk_and_warnings_without_the_token(php_default: str) -> None:
    result = run("decode", php_default, "--report", env=ENV)
    assert result.code == 0
    assert "Made by: opentok-php >= 4.17.1" in result.out
    assert "Warnings (the token still works):" in result.out
    assert php_default not in result.out
    assert php_default.split(".")[2] not in result.out


def test_warning_messages_mask_data_in_the_report(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    # opentok-node's 1001-1024 characters are a warning that quotes no data,
    # but a lone surrogate warning must not leak the data either.
    c = case("opentok-php-jwt-data-unicode")
    monkeypatch.setattr("opentok_studio.cli.commands._now", lambda: c["made_at"])
    out = run("decode", c["token"], "--report", env=ENV).out
    assert c["expect"]["connection_data"] not in out
