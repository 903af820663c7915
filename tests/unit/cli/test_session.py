"""`opentok-studio session SESSION_ID` (spec/cli.md, session)."""

from __future__ import annotations

import base64
from typing import Any

import pytest

from tests.helpers import vectors
from tests.helpers.cli import (
    PROJECT_ENV,
    assert_bad_input,
    run,
)

# -- session -------------------------------------------------------------------


def _valid_sessions() -> list[Any]:
    return [pytest.param(v, id=v["name"]) for v in vectors.load("session_ids")["valid"]]


@pytest.mark.parametrize("vector", _valid_sessions())
def test_session_json_matches_the_vector(vector: dict[str, Any]) -> None:
    result = run("session", vector["session_id"], "--json")
    assert result.code == 0
    assert result.err == ""
    body = result.json()
    assert body["session_id"] == vector["session_id"]
    for name in ("prefix", "decoded", "fields", "api_key", "location", "random"):
        assert body[name] == vector[name], name
    assert body["created"] == str(vector["created"])
    assert body["flag"] == vector["flag"]
    assert body["belongs"] is None


@pytest.mark.parametrize("vector", _valid_sessions())
def test_session_text_names_its_key(vector: dict[str, Any]) -> None:
    result = run("session", vector["session_id"])
    assert result.code == 0
    assert vector["api_key"] in result.out
    assert vector["prefix"] in result.out


@pytest.mark.parametrize("vector", _valid_sessions())
def test_session_with_its_own_key_belongs_exit_0(vector: dict[str, Any]) -> None:
    result = run(
        "session", vector["session_id"], "--json", "--api-key", vector["api_key"]
    )
    assert result.code == 0
    assert result.json()["belongs"] is True


@pytest.mark.parametrize("vector", _valid_sessions())
def test_session_with_another_key_is_exit_1(vector: dict[str, Any]) -> None:
    other = "12345"
    result = run("session", vector["session_id"], "--json", "--api-key", other)
    assert result.code == 1
    assert result.err == ""
    body = result.json()
    assert body["belongs"] is False
    text = run("session", vector["session_id"], "--api-key", other)
    assert text.code == 1
    verdict = text.out.split("\n\n")[-1]  # the verdict follows the field rows
    assert other in verdict
    assert vector["api_key"] in verdict
    assert not verdict.startswith("Belongs")


def test_session_key_in_another_field_does_not_belong_but_sdk_accepts() -> None:
    odd = {v["name"]: v for v in vectors.load("session_ids")["odd"]}
    vector = odd["key-in-other-field"]
    result = run(
        "session", vector["session_id"], "--json", "--api-key", vector["api_key"]
    )
    assert result.code == 1
    body = result.json()
    assert body["belongs"] is False
    assert body["opentok_sdk_accepts"] is True


def test_session_with_key_from_the_environment() -> None:
    result = run("session", vectors.OTHER_SID, env=PROJECT_ENV)
    assert result.code == 1
    result = run("session", vectors.SID, env=PROJECT_ENV)
    assert result.code == 0
    verdict = result.out_lines[-1]
    assert verdict.startswith("Belongs to")
    assert vectors.API_KEY in verdict


@pytest.mark.parametrize(
    "session_id",
    [
        "1_!!!!notbase64$$$",
        "1_aGVsbG8gd29ybGQ",  # decodes, but has no ~ fields
        "1_MX7__n4",  # not UTF-8 inside
        "",
        "hello",
        "T1==abc",
    ],
)
def test_session_undecodable_id_is_exit_2(session_id: str) -> None:
    assert_bad_input(run("session", session_id))


def test_session_with_odd_digit_creation_field_does_not_crash() -> None:
    inner = f"1~{vectors.API_KEY}~~\u00b2~r~P~".encode()
    sid = "1_" + base64.urlsafe_b64encode(inner).decode().rstrip("=")
    result = run("session", sid, "--json")
    assert result.code in (0, 2)
