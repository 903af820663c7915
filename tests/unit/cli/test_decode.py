"""`opentok-studio decode` (spec/cli.md, decode): exit codes, --json fields, stdin."""

from __future__ import annotations

import json
import time
from typing import Any

import pytest

from opentok_studio.core import (
    Role,
    TokenFormat,
)
from tests.helpers import craft, vectors
from tests.helpers.cli import (
    PROJECT_ENV,
    assert_bad_input,
    cli_token,
    fresh_token,
    run,
)

PROBLEM_CODES = {
    "malformed",
    "truncated",
    "alg_none",
    "alg_confusion",
    "bad_signature",
    "expired",
    "issued_in_future",
    "not_yet_valid",
    "expiry_too_far",
    "expiry_in_milliseconds",
    "wrong_api_key",
    "session_of_other_key",
    "session_mismatch",
    "session_id_invalid",
    "unknown_role",
    "data_too_long",
    "layout_classes_invalid",
    "project_application_mixup",
    "no_expiry",
}


# -- decode --------------------------------------------------------------------


def test_decode_fresh_token_with_its_credentials_is_exit_0() -> None:
    result = run("decode", fresh_token(), env=PROJECT_ENV)
    assert result.code == 0, result.out
    assert result.err == ""
    assert "No problems found." in result.out


def test_decode_fresh_token_json_has_no_problems() -> None:
    token = fresh_token(role=Role.SUBSCRIBER, data="d", layout_classes=("a", "b"))
    result = run("decode", token, "--json", env=PROJECT_ENV)
    assert result.code == 0
    body = result.json()
    assert body["problems"] == []
    assert body["signature"] == "valid"
    assert body["expired"] is False
    assert body["role"] == "subscriber"
    assert body["connection_data"] == "d"
    assert body["initial_layout_class_list"] == ["a", "b"]


@pytest.mark.parametrize(
    "case", vectors.load("tokens")["cases"], ids=lambda case: case["name"]
)
def test_decode_json_of_every_vector_token_is_expired_but_valid(
    case: dict[str, Any],
) -> None:
    result = run("decode", case["token"], "--json", env=vectors.env_of(case))
    assert result.code == 1, result.out
    assert result.err == ""
    body = result.json()
    assert [p["code"] for p in body["problems"]] == ["expired"]
    assert body["expired"] is True
    assert body["signature"] == "valid"
    assert body["signed_by"] is None
    expect = case["expect"]
    for name in (*vectors.FIELDS, "initial_layout_class_list"):
        assert body[name] == expect[name], name
        assert type(body[name]) is type(expect[name]), name
    if "claims" in expect:
        assert body["claims"] == expect["claims"]


def assert_decode_json_types(body: dict[str, Any]) -> None:
    """spec/cli.md's `decode --json` table, field by field."""
    assert set(body) >= vectors.DECODE_FIELDS
    assert body["format"] in ("t1", "jwt")
    assert body["alg"] in (None, "HS256", "RS256")
    assert (body["alg"] is None) == (body["format"] == "t1")
    assert isinstance(body["session_id"], str)
    assert isinstance(body["role"], str)
    for name in ("issued_at", "expires_at"):
        assert type(body[name]) is int, name
    assert type(body["expired"]) is bool
    assert body["connection_data"] is None or isinstance(body["connection_data"], str)
    assert isinstance(body["initial_layout_class_list"], list)
    assert all(isinstance(c, str) for c in body["initial_layout_class_list"])
    if body["format"] == "t1":
        assert isinstance(body["nonce"], str)
    elif body["alg"] == "HS256":
        assert type(body["nonce"]) is int
    else:
        assert body["nonce"] is None
    for name in ("api_key", "application_id", "signed_by"):
        assert body[name] is None or isinstance(body[name], str), name
    assert body["signature"] in ("valid", "invalid", "unchecked")
    assert isinstance(body["problems"], list)
    for p in body["problems"]:
        assert set(p) == {"code", "message", "fix", "client_error"}
        assert p["code"] in PROBLEM_CODES
        assert isinstance(p["message"], str) and p["message"]
        assert isinstance(p["fix"], str) and p["fix"]
        assert p["client_error"] is None or isinstance(p["client_error"], str)
    assert isinstance(body["claims"], dict)


@pytest.mark.parametrize(
    ("name", "family"),
    [
        ("t1-all-options-2_sid", "t1"),
        ("jwt-all-options-2_sid", "HS256"),
        ("rs256-vonage-video-data-unicode-layout", "RS256"),
        ("rs256-opentok-sdk-moderator-layout", "RS256"),
    ],
)
def test_decode_json_fields_and_types_follow_the_spec_table(
    name: str, family: str
) -> None:
    case = next(c for c in vectors.load("tokens")["cases"] if c["name"] == name)
    body = run("decode", case["token"], "--json", env=vectors.env_of(case)).json()
    assert_decode_json_types(body)
    assert (body["alg"] or "t1") == family
    if family == "t1":  # claims carry the T1 header fields too
        assert body["claims"]["partner_id"] == vectors.API_KEY
        assert len(body["claims"]["sig"]) == 40
    if family == "RS256":
        assert body["application_id"] == vectors.APP_ID
        assert body["api_key"] is None


def test_decode_json_fields_for_a_fresh_t1_token() -> None:
    token = fresh_token(format=TokenFormat.T1, data="hello")
    result = run("decode", token, "--json", env=PROJECT_ENV)
    assert result.code == 0
    body = result.json()
    assert_decode_json_types(body)
    assert body["api_key"] == vectors.API_KEY
    assert body["claims"]["connection_data"] == "hello"


def _broken_cases() -> list[Any]:
    return [
        pytest.param(case, id=case["name"]) for case in vectors.load("broken")["cases"]
    ]


@pytest.mark.parametrize("case", _broken_cases())
def test_decode_exit_code_of_every_broken_vector(case: dict[str, Any]) -> None:
    result = run("decode", case["token"], "--json", env=vectors.env_of(case))
    expect = case["expect"]
    if expect["bad_input"]:
        assert_bad_input(result)
        return
    if expect["exit_2_allowed"] and result.code == 2:
        assert_bad_input(result)
        return
    assert result.code == 1, result.out
    assert result.err == ""
    body = result.json()
    assert_decode_json_types_lenient(body)
    codes = [p["code"] for p in body["problems"]]
    if expect["ok"]:  # found inside a URL, JSON, quotes or whitespace
        assert codes == ["expired"]
        assert body["signature"] == "valid"
    else:
        assert set(codes) & set(expect["problem_codes"]), codes


def assert_decode_json_types_lenient(body: dict[str, Any]) -> None:
    """A damaged token still yields every field (values may be null)."""
    assert set(body) >= vectors.DECODE_FIELDS
    assert body["signature"] in ("valid", "invalid", "unchecked")
    assert type(body["expired"]) is bool
    for p in body["problems"]:
        assert set(p) == {"code", "message", "fix", "client_error"}


def test_decode_text_without_a_token_is_exit_2() -> None:
    assert_bad_input(run("decode", "hello, this is not a token", env=PROJECT_ENV))


def test_decode_empty_text_is_exit_2() -> None:
    assert_bad_input(run("decode", "   ", env=PROJECT_ENV))


def test_decode_dash_reads_the_token_from_stdin() -> None:
    token = fresh_token()
    from_stdin = run("decode", "-", "--json", env=PROJECT_ENV, stdin=f"{token}\n")
    from_arg = run("decode", token, "--json", env=PROJECT_ENV)
    assert from_stdin.code == 0
    assert from_stdin.json() == from_arg.json()
    assert from_stdin.json()["signature"] == "valid"


def test_decode_dash_with_empty_stdin_is_exit_2() -> None:
    assert_bad_input(run("decode", "-", env=PROJECT_ENV, stdin=""))


def test_decode_without_credentials_leaves_the_signature_unchecked() -> None:
    result = run("decode", fresh_token(), "--json")
    assert result.code == 0
    assert result.json()["signature"] == "unchecked"


def test_decode_with_key_only_is_unchecked_and_finds_no_problem() -> None:
    result = run("decode", fresh_token(), "--json", "--api-key", vectors.API_KEY)
    assert result.code == 0
    body = result.json()
    assert body["signature"] == "unchecked"
    assert body["problems"] == []


@pytest.mark.parametrize("token_format", [TokenFormat.JWT, TokenFormat.T1])
def test_decode_with_key_only_still_detects_wrong_api_key(
    token_format: TokenFormat,
) -> None:
    token = fresh_token(format=token_format)
    result = run("decode", token, "--json", "--api-key", vectors.OTHER_KEY)
    assert result.code == 1
    body = result.json()
    assert body["signature"] == "unchecked"
    assert "wrong_api_key" in [p["code"] for p in body["problems"]]


def test_decode_with_the_wrong_secret_is_invalid_and_exit_1() -> None:
    env = {"OPENTOK_API_KEY": vectors.API_KEY, "OPENTOK_API_SECRET": "x" * 40}
    result = run("decode", fresh_token(), "--json", env=env)
    assert result.code == 1
    body = result.json()
    assert body["signature"] == "invalid"
    assert "bad_signature" in [p["code"] for p in body["problems"]]


def test_decode_session_id_flag_reports_a_session_mismatch() -> None:
    mismatch = ["--session-id", vectors.OTHER_SID]
    result = run("decode", fresh_token(), "--json", *mismatch, env=PROJECT_ENV)
    assert result.code == 1
    assert "session_mismatch" in [p["code"] for p in result.json()["problems"]]


def test_decode_text_output_shows_fields_and_problems() -> None:
    case = vectors.load("tokens")["cases"][0]
    result = run("decode", case["token"], env=vectors.env_of(case))
    assert result.code == 1
    assert case["expect"]["session_id"] in result.out
    assert "expired" in result.out
    assert vectors.API_SECRET not in result.out + result.err


def test_report_never_shows_signature_secret_or_data() -> None:
    t = cli_token("--data", "secret-ish user data")
    rc, out, _ = run("decode", t, "--report", env=PROJECT_ENV)
    assert rc == 0
    assert t.rsplit(".", 1)[1] not in out and vectors.API_SECRET not in out
    assert "secret-ish" not in out and "[masked" in out


def test_client_error_reranks() -> None:
    case = next(c for c in vectors.load("broken")["cases"]
                if c["name"] == "jwt-session-of-other-key")  # fmt: skip
    rc, out, _ = run("decode", case["token"], "--json", "--client-error",
                     "token has expired", env=PROJECT_ENV)  # fmt: skip
    assert rc == 1
    assert json.loads(out)["problems"][0]["code"] == "expired"


def test_all_profiles_names_the_signer() -> None:
    for name, secret in (("other", vectors.OTHER_SECRET), ("mine", vectors.API_SECRET)):
        rc, _, err = run("profile", "add", name, "--api-key", vectors.API_KEY,
                         "--secret-stdin", stdin=secret + "\n", env=PROJECT_ENV)  # fmt: skip
        assert rc == 0, err
    rc, out, _ = run("decode", cli_token(), "--json", "--all-profiles", env={})
    assert json.loads(out)["signed_by"] == "mine"
    claims = craft.project_claims(int(time.time()))
    foreign = craft.hs256(claims, secret="a-third-secret-nobody-saved-0123")
    rc, out, _ = run("decode", foreign, "--json", "--all-profiles", env={})
    body = json.loads(out)
    assert body["signed_by"] is None
    assert any("none of the 2 saved profiles" in n for n in body["notes"])


def test_a_file_name_given_as_the_token_says_how_to_read_the_file(tmp_path) -> None:  # type: ignore[no-untyped-def]
    log = tmp_path / "customer.log"
    log.write_text("2026-12-01T10:00:00Z connect failed 1004\n")
    result = run("decode", str(log), env=PROJECT_ENV)
    assert result.code == 2 and result.out == ""
    assert result.err.count("\n") == 1
    assert "is a file" in result.err
    assert f"opentok-studio decode - < {log}" in result.err
    assert f"opentok-studio scan {log}" in result.err


def test_a_token_is_never_taken_for_a_file_name(tmp_path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    token = fresh_token()
    monkeypatch.chdir(tmp_path)
    (tmp_path / token[:200]).write_text("")  # a file that happens to share a start
    result = run("decode", token, env=PROJECT_ENV)
    assert result.code == 0, result.err


def test_too_much_on_stdin_points_to_scan() -> None:
    result = run("decode", "-", stdin="x" * 1_000_001, env=PROJECT_ENV)
    assert result.code == 2
    assert "holds more than 1,000,000 characters" in result.err
    assert "opentok-studio scan -" in result.err


def test_without_credentials_no_problem_is_not_called_fine() -> None:
    result = run("decode", fresh_token())  # no credentials in the environment
    assert result.code == 0  # the spec: parsed, no problem, signature unchecked
    assert "No problems found." not in result.out
    assert (
        "No problems found in what could be checked: the signature was not "
        "checked (give the credentials that made it)."
    ) in result.out


def test_all_profiles_judges_with_the_signers_credentials() -> None:
    # Walk-through: "Signature unchecked" and "the signature was not checked"
    # beside signed_by "other", the saved profile that made the token.
    rc, _, err = run("profile", "add", "other", "--api-key", vectors.API_KEY,
                     "--secret-stdin", stdin=vectors.API_SECRET + "\n",
                     env=PROJECT_ENV)  # fmt: skip
    assert rc == 0, err
    rc, out, err = run("decode", cli_token(), "--all-profiles", env={})
    assert rc == 0, err
    assert "unchecked" not in out and "not checked" not in out
    assert any(
        line.split() == ["Signed", "by", "profile", "other"]
        for line in out.splitlines()
    )
    assert any(line.split() == ["Signature", "valid"] for line in out.splitlines())
    rc, out, _ = run("decode", cli_token(), "--json", "--all-profiles", env={})
    body = json.loads(out)
    assert (body["signature"], body["signed_by"]) == ("valid", "other")


def test_all_profiles_counts_only_profiles_of_the_tokens_kind() -> None:
    rc, _, err = run("profile", "add", "app", "--application-id", vectors.APP_ID,
                     "--private-key", str(vectors.PEM_PATH), env={})  # fmt: skip
    assert rc == 0, err
    rc, out, _ = run("decode", cli_token(), "--json", "--all-profiles", env={})
    notes = json.loads(out)["notes"]
    assert any(
        n.startswith("no saved OpenTok project profile to check it (1 Vonage ")
        for n in notes
    ), notes
