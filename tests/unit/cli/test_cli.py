"""In-process tests of `opentok-studio` token, decode and session (spec/cli.md).

Every run passes its own ``env`` so the real environment never leaks in, and
its own streams so stdout and stderr are checked separately.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import io
import json
import time
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta, timezone
from pathlib import Path
from typing import Any
from urllib.parse import parse_qsl

import jwt
import pytest

from opentok_studio import __version__
from opentok_studio.cli import main
from opentok_studio.core import (
    ProjectCredentials,
    Role,
    TokenFormat,
    TokenRequest,
    make_token,
)
from tests.helpers import vectors

PROJECT_ENV = {
    "OPENTOK_API_KEY": vectors.API_KEY,
    "OPENTOK_API_SECRET": vectors.API_SECRET,
}
APP_ENV = {
    "VONAGE_APPLICATION_ID": vectors.APP_ID,
    "VONAGE_PRIVATE_KEY_PATH": str(vectors.PEM_PATH),
}
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
DECODE_FIELDS = {
    "format",
    "alg",
    "session_id",
    "role",
    "issued_at",
    "expires_at",
    "expired",
    "connection_data",
    "initial_layout_class_list",
    "nonce",
    "api_key",
    "application_id",
    "signature",
    "signed_by",
    "problems",
    "claims",
}


@dataclass(frozen=True)
class Run:
    """What one `opentok-studio` run printed and returned."""

    code: int
    out: str
    err: str

    @property
    def err_lines(self) -> list[str]:
        return self.err.splitlines()

    @property
    def out_lines(self) -> list[str]:
        return self.out.splitlines()

    def json(self) -> Any:
        return json.loads(self.out)


def run(*argv: str, env: dict[str, str] | None = None, stdin: str = "") -> Run:
    out, err = io.StringIO(), io.StringIO()
    code = main(
        list(argv),
        stdout=out,
        stderr=err,
        stdin=io.StringIO(stdin),
        env={} if env is None else env,
    )
    return Run(code, out.getvalue(), err.getvalue())


def assert_bad_input(result: Run, *words: str) -> None:
    """Exit 2, nothing on stdout, one `error:` line naming ``words``."""
    assert result.code == 2, result
    assert result.out == ""
    assert len(result.err_lines) == 1, result.err
    line = result.err_lines[0]
    assert line.startswith("error:")
    for word in words:
        assert word in line


def assert_credentials_error(result: Run, *words: str) -> None:
    assert result.code == 3, result
    assert result.out == ""
    assert len(result.err_lines) == 1, result.err
    assert result.err_lines[0].startswith("error:")
    for word in words:
        assert word in result.err_lines[0]


def hs256_claims(token: str, secret: str = vectors.API_SECRET) -> dict[str, Any]:
    """pyjwt's verdict: signature, exp and iat all checked on the real clock."""
    claims: dict[str, Any] = jwt.decode(token, secret, algorithms=["HS256"], leeway=5)
    return claims


def rs256_claims(token: str) -> dict[str, Any]:
    public = vectors.private_key().public_key()
    claims: dict[str, Any] = jwt.decode(token, public, algorithms=["RS256"], leeway=5)
    return claims


def t1_fields(token: str, secret: str = vectors.API_SECRET) -> dict[str, str]:
    """spec/tokens.md section 2 by hand; asserts the HMAC-SHA1 matches."""
    assert token.startswith("T1==")
    raw = base64.b64decode(token[4:], validate=True)
    head, colon, data = raw.partition(b":")
    assert colon
    header = dict(parse_qsl(head.decode("ascii")))
    expected = hmac.new(secret.encode(), data, hashlib.sha1).hexdigest()
    assert header["sig"] == expected
    fields = dict(parse_qsl(data.decode("ascii"), keep_blank_values=True))
    return {"partner_id": header["partner_id"], **fields}


def token_args(*extra: str, sid: str = vectors.SID) -> list[str]:
    return ["token", "--session-id", sid, *extra]


def fresh_token(**request: Any) -> str:
    """A token made now on the real clock, as a server would make it."""
    return make_token(
        TokenRequest(vectors.SID, **request),
        ProjectCredentials(vectors.API_KEY, vectors.API_SECRET),
        now=int(time.time()),
    )


# -- token ---------------------------------------------------------------------


@pytest.mark.parametrize("count", [1, 3, 20])
def test_token_prints_exactly_count_lines_each_a_valid_hs256(count: int) -> None:
    before = int(time.time())
    result = run(*token_args("--count", str(count)), env=PROJECT_ENV)
    assert result.code == 0
    assert result.err == ""
    assert result.out.endswith("\n")
    assert len(result.out_lines) == count
    for line in result.out_lines:
        claims = hs256_claims(line)
        assert claims["session_id"] == vectors.SID
        assert claims["role"] == "publisher"
        assert claims["iss"] == vectors.API_KEY
        assert claims["ist"] == "project"
        assert before <= claims["iat"] <= int(time.time())
        assert claims["exp"] - claims["iat"] == 24 * 3600


def test_token_count_gives_distinct_tokens() -> None:
    result = run(*token_args("--count", "200"), env=PROJECT_ENV)
    assert result.code == 0
    assert len(result.out_lines) == 200
    assert len(set(result.out_lines)) == 200


def test_token_format_t1_is_signed_with_hmac_sha1() -> None:
    result = run(
        *token_args("--format", "t1", "--role", "moderator", "--data", "a&b=c"),
        env=PROJECT_ENV,
    )
    assert result.code == 0
    assert len(result.out_lines) == 1
    fields = t1_fields(result.out_lines[0])
    assert fields["partner_id"] == vectors.API_KEY
    assert fields["session_id"] == vectors.SID
    assert fields["role"] == "moderator"
    assert fields["connection_data"] == "a&b=c"
    assert int(fields["expire_time"]) - int(fields["create_time"]) == 24 * 3600


@pytest.mark.parametrize(
    ("duration", "seconds"),
    [("90", 90), ("90s", 90), ("15m", 900), ("2h", 7200), ("7d", 604800)],
)
def test_token_expire_in_sets_the_lifetime(duration: str, seconds: int) -> None:
    result = run(*token_args("--expire-in", duration), env=PROJECT_ENV)
    assert result.code == 0, result.err
    claims = hs256_claims(result.out_lines[0])
    assert claims["exp"] - claims["iat"] == seconds


def _in_an_hour() -> int:
    return int(time.time()) // 60 * 60 + 3600


@pytest.mark.parametrize(
    "render",
    [
        pytest.param(lambda ts: str(ts), id="unix"),
        pytest.param(
            lambda ts: datetime.fromtimestamp(ts, UTC).strftime("%Y-%m-%dT%H:%M:%SZ"),
            id="iso-z",
        ),
        pytest.param(
            lambda ts: datetime.fromtimestamp(
                ts, timezone(timedelta(hours=2))
            ).isoformat(),
            id="iso-plus-02",
        ),
        pytest.param(
            lambda ts: datetime.fromtimestamp(
                ts, timezone(-timedelta(hours=5, minutes=30))
            ).isoformat(),
            id="iso-minus-0530",
        ),
    ],
)
def test_token_expire_at_accepts_unix_and_iso_with_offset(render: Any) -> None:
    target = _in_an_hour()
    result = run(*token_args("--expire-at", render(target)), env=PROJECT_ENV)
    assert result.code == 0, result.err
    assert hs256_claims(result.out_lines[0])["exp"] == target


def test_token_expire_at_iso_without_offset_is_bad_input() -> None:
    naive = datetime.fromtimestamp(_in_an_hour(), UTC).strftime("%Y-%m-%dT%H:%M:%S")
    assert_bad_input(
        run(*token_args("--expire-at", naive), env=PROJECT_ENV), "expire_at"
    )


def test_token_layout_class_repeats_into_one_list() -> None:
    args = ["--layout-class", "focus", "--layout-class", "full", "--layout-class", "x"]
    result = run(*token_args(*args), env=PROJECT_ENV)
    assert result.code == 0
    assert hs256_claims(result.out_lines[0])["initial_layout_class_list"] == (
        "focus full x"
    )
    result = run(*token_args("--format", "t1", *args), env=PROJECT_ENV)
    assert t1_fields(result.out_lines[0])["initial_layout_class_list"] == (
        "focus full x"
    )


@pytest.mark.parametrize("token_format", ["jwt", "t1"])
def test_token_data_of_1000_characters_is_accepted(token_format: str) -> None:
    data = "😀" * 1000  # counted in code points, as the SDK does
    result = run(*token_args("--format", token_format, "--data", data), env=PROJECT_ENV)
    assert result.code == 0, result.err
    token = result.out_lines[0]
    if token_format == "jwt":
        assert hs256_claims(token)["connection_data"] == data
    else:
        assert t1_fields(token)["connection_data"] == data


@pytest.mark.parametrize("token_format", ["jwt", "t1"])
def test_token_data_of_1001_characters_is_bad_input(token_format: str) -> None:
    result = run(
        *token_args("--format", token_format, "--data", "x" * 1001), env=PROJECT_ENV
    )
    assert_bad_input(result, "data", "1000")


@pytest.mark.parametrize(
    "argv",
    [
        pytest.param(token_args("--role", "owner"), id="unknown-role"),
        pytest.param(token_args("--role", ""), id="empty-role"),
        pytest.param(token_args("--layout-class", ""), id="empty-layout-class"),
        pytest.param(
            token_args("--layout-class", "a" * 500, "--layout-class", "b" * 500),
            id="layout-classes-joined-1001",
        ),
        pytest.param(token_args("--expire-in", "soon"), id="expire-in-not-duration"),
        pytest.param(token_args("--expire-in", "31d"), id="expire-in-beyond-30d"),
        pytest.param(token_args("--expire-in", "-5"), id="expire-in-negative"),
        pytest.param(token_args("--expire-at", "1500000000"), id="expire-at-past"),
        pytest.param(token_args("--expire-at", "next week"), id="expire-at-garbage"),
        pytest.param(
            token_args("--expire-at", "2026-13-45T00:00:00Z"), id="expire-at-bad-date"
        ),
        pytest.param(
            token_args("--expire-in", "1h", "--expire-at", "1900000000"),
            id="expire-in-and-at",
        ),
        pytest.param(token_args(sid=vectors.OTHER_SID), id="session-of-other-key"),
        pytest.param(token_args(sid="1_!!!!notbase64$$$"), id="session-not-base64"),
        pytest.param(token_args(sid="1_MX7__n4"), id="session-bad-utf8"),
        pytest.param(token_args(sid=""), id="session-empty"),
        pytest.param(token_args(sid="   "), id="session-blank"),
        pytest.param(["token"], id="session-missing"),
        pytest.param(token_args("--count", "0"), id="count-zero"),
        pytest.param(token_args("--count", "-3"), id="count-negative"),
        pytest.param(token_args("--count", "many"), id="count-not-a-number"),
        pytest.param(token_args("--format", "xml"), id="unknown-format"),
        pytest.param(token_args("--no-such-flag"), id="unknown-flag"),
        pytest.param(["frobnicate"], id="unknown-command"),
    ],
)
def test_token_every_refusal_is_exit_2_one_error_line_and_no_output(
    argv: list[str],
) -> None:
    assert_bad_input(run(*argv, env=PROJECT_ENV))


@pytest.mark.parametrize(
    ("argv", "field"),
    [
        (token_args("--role", "owner"), "role"),
        (token_args("--layout-class", ""), "layout_class"),
        (token_args("--expire-in", "31d"), "expire"),
        (token_args("--expire-at", "1500000000"), "expire_time"),
        (token_args(sid=vectors.OTHER_SID), "session_id"),
        (token_args("--count", "0"), "count"),
    ],
)
def test_token_error_line_names_the_field(argv: list[str], field: str) -> None:
    assert_bad_input(run(*argv, env=PROJECT_ENV), field)


def test_token_format_t1_for_a_vonage_application_is_bad_input() -> None:
    result = run(*token_args("--format", "t1", sid=vectors.APP_SID), env=APP_ENV)
    assert_bad_input(result, "format")


def test_token_t1_data_with_undecodable_argv_byte_is_bad_input() -> None:
    result = run(*token_args("--format", "t1", "--data", "caf\udce9"), env=PROJECT_ENV)
    assert_bad_input(result, "data")


def test_token_with_odd_digit_in_session_creation_field_does_not_crash() -> None:
    inner = f"1~{vectors.API_KEY}~~\u00b2~r~P~".encode()
    sid = "1_" + base64.urlsafe_b64encode(inner).decode().rstrip("=")
    result = run(*token_args(sid=sid), env=PROJECT_ENV)
    assert result.code in (0, 2)
    assert result.out == "" or hs256_claims(result.out_lines[0])["session_id"] == sid


# -- credentials ---------------------------------------------------------------


@pytest.mark.parametrize(
    ("extra", "env"),
    [
        pytest.param([], {}, id="none"),
        pytest.param(["--api-key", vectors.API_KEY], {}, id="key-only"),
        pytest.param(["--api-secret", vectors.API_SECRET], {}, id="secret-only"),
        pytest.param([], {"OPENTOK_API_KEY": vectors.API_KEY}, id="env-key-only"),
        pytest.param(["--application-id", vectors.APP_ID], {}, id="app-id-only"),
        pytest.param(
            [], {"VONAGE_APPLICATION_ID": vectors.APP_ID}, id="env-app-id-only"
        ),
        pytest.param(
            ["--api-key", vectors.API_KEY, "--application-id", vectors.APP_ID],
            {},
            id="project-and-application",
        ),
    ],
)
def test_token_without_complete_credentials_is_exit_3(
    extra: list[str], env: dict[str, str]
) -> None:
    result = run(*token_args(*extra), env=env)
    assert result.code == 3
    assert result.out == ""
    error_lines = [line for line in result.err_lines if line.startswith("error:")]
    assert len(error_lines) == 1
    assert all(line.startswith(("error:", "warning:")) for line in result.err_lines), (
        result.err
    )


def test_token_missing_credentials_message_names_the_variables() -> None:
    assert_credentials_error(
        run(*token_args(), env={}), "OPENTOK_API_KEY", "VONAGE_APPLICATION_ID"
    )


def test_token_api_secret_flag_works_but_warns_about_the_process_list() -> None:
    result = run(
        *token_args("--api-key", vectors.API_KEY, "--api-secret", vectors.API_SECRET)
    )
    assert result.code == 0
    assert len(result.out_lines) == 1
    hs256_claims(result.out_lines[0])
    assert len(result.err_lines) == 1
    warning = result.err_lines[0]
    assert warning.startswith("warning:")
    assert "process list" in warning
    assert vectors.API_SECRET not in result.err


@pytest.mark.parametrize("command", ["decode", "session"])
def test_api_secret_flag_warns_about_the_process_list_in_every_command(
    command: str,
) -> None:
    subject = fresh_token() if command == "decode" else vectors.SID
    flags = ["--api-key", vectors.API_KEY, "--api-secret", vectors.API_SECRET]
    result = run(command, subject, *flags)
    assert result.code == 0
    assert any(
        line.startswith("warning:") and "process list" in line
        for line in result.err_lines
    )


def test_token_with_project_credentials_from_the_environment() -> None:
    result = run(*token_args(), env=PROJECT_ENV)
    assert result.code == 0
    assert result.err == ""
    assert hs256_claims(result.out_lines[0])["iss"] == vectors.API_KEY


def test_token_with_application_credentials_from_the_environment() -> None:
    result = run(*token_args("--role", "subscriber", sid=vectors.APP_SID), env=APP_ENV)
    assert result.code == 0, result.err
    assert result.err == ""
    assert len(result.out_lines) == 1
    token = result.out_lines[0]
    assert jwt.get_unverified_header(token)["alg"] == "RS256"
    claims = rs256_claims(token)
    assert claims["application_id"] == vectors.APP_ID
    assert claims["session_id"] == vectors.APP_SID
    assert claims["role"] == "subscriber"
    assert claims["exp"] - claims["iat"] == 24 * 3600


def test_token_with_application_credentials_from_flags() -> None:
    result = run(
        *token_args(
            "--application-id",
            vectors.APP_ID,
            "--private-key",
            str(vectors.PEM_PATH),
            sid=vectors.APP_SID,
        )
    )
    assert result.code == 0, result.err
    assert rs256_claims(result.out_lines[0])["application_id"] == vectors.APP_ID


def test_token_flags_win_over_the_environment() -> None:
    env = {"OPENTOK_API_KEY": vectors.OTHER_KEY, "OPENTOK_API_SECRET": "s" * 40}
    result = run(
        *token_args("--api-key", vectors.API_KEY, "--api-secret", vectors.API_SECRET),
        env=env,
    )
    assert result.code == 0
    assert hs256_claims(result.out_lines[0])["iss"] == vectors.API_KEY


@pytest.mark.parametrize("via", ["flag", "env"])
def test_token_nonexistent_private_key_is_exit_3_naming_the_file(
    via: str, tmp_path: Path
) -> None:
    missing = tmp_path / "no-such-key.pem"
    if via == "flag":
        argv = token_args(
            "--application-id",
            vectors.APP_ID,
            "--private-key",
            str(missing),
            sid=vectors.APP_SID,
        )
        result = run(*argv)
    else:
        env = {**APP_ENV, "VONAGE_PRIVATE_KEY_PATH": str(missing)}
        result = run(*token_args(sid=vectors.APP_SID), env=env)
    assert_credentials_error(result, "no-such-key.pem")


def test_token_private_key_that_is_not_pem_is_exit_3(tmp_path: Path) -> None:
    bogus = tmp_path / "key.pem"
    bogus.write_text("not a key\n")
    env = {**APP_ENV, "VONAGE_PRIVATE_KEY_PATH": str(bogus)}
    result = run(*token_args(sid=vectors.APP_SID), env=env)
    assert_credentials_error(result, "private key")
    assert "not a key" not in result.err


# -- token --output ------------------------------------------------------------


def test_token_output_writes_every_token_and_nothing_to_stdout(
    tmp_path: Path,
) -> None:
    target = tmp_path / "tokens.txt"
    result = run(*token_args("--count", "25", "--output", str(target)), env=PROJECT_ENV)
    assert result.code == 0
    assert result.out == ""
    lines = target.read_text(encoding="utf-8").splitlines()
    assert len(lines) == 25
    assert len(set(lines)) == 25
    for line in lines:
        hs256_claims(line)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["tokens.txt"]


def test_token_output_replaces_an_existing_file(tmp_path: Path) -> None:
    target = tmp_path / "tokens.txt"
    target.write_text("old\n" * 100)
    result = run(*token_args("--output", str(target)), env=PROJECT_ENV)
    assert result.code == 0
    lines = target.read_text().splitlines()
    assert len(lines) == 1
    hs256_claims(lines[0])


@pytest.mark.parametrize(
    "extra",
    [
        pytest.param(["--data", "x" * 1001], id="data-too-long"),
        pytest.param(["--role", "owner"], id="bad-role"),
        pytest.param(["--expire-in", "31d"], id="expiry-too-far"),
    ],
)
def test_token_output_failed_run_leaves_no_file_and_no_temp_file(
    extra: list[str], tmp_path: Path
) -> None:
    target = tmp_path / "tokens.txt"
    result = run(*token_args(*extra, "--output", str(target)), env=PROJECT_ENV)
    assert_bad_input(result)
    assert list(tmp_path.iterdir()) == []


def test_token_output_failed_run_keeps_the_old_file_untouched(tmp_path: Path) -> None:
    target = tmp_path / "tokens.txt"
    target.write_text("previous run\n")
    result = run(
        *token_args("--data", "x" * 1001, "--output", str(target)), env=PROJECT_ENV
    )
    assert_bad_input(result)
    assert target.read_text() == "previous run\n"
    assert [p.name for p in tmp_path.iterdir()] == ["tokens.txt"]


def test_token_output_into_a_missing_folder_is_exit_2_and_writes_nothing(
    tmp_path: Path,
) -> None:
    target = tmp_path / "missing" / "tokens.txt"
    result = run(*token_args("--output", str(target)), env=PROJECT_ENV)
    assert_bad_input(result, "missing")
    assert list(tmp_path.iterdir()) == []


def test_token_output_onto_a_folder_fails_and_leaves_no_temp_file(
    tmp_path: Path,
) -> None:
    folder = tmp_path / "taken"
    folder.mkdir()
    result = run(*token_args("--output", str(folder)), env=PROJECT_ENV)
    assert_bad_input(result, "taken")
    assert [p.name for p in tmp_path.iterdir()] == ["taken"]
    assert list(folder.iterdir()) == []


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
    for name in [
        "format",
        "alg",
        "session_id",
        "role",
        "issued_at",
        "expires_at",
        "connection_data",
        "initial_layout_class_list",
        "nonce",
        "api_key",
        "application_id",
    ]:
        assert body[name] == expect[name], name
        assert type(body[name]) is type(expect[name]), name
    if "claims" in expect:
        assert body["claims"] == expect["claims"]


def assert_decode_json_types(body: dict[str, Any]) -> None:
    """spec/cli.md's `decode --json` table, field by field."""
    assert set(body) >= DECODE_FIELDS
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
    assert set(body) >= DECODE_FIELDS
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


# -- --version / --help --------------------------------------------------------


def test_version_prints_the_version() -> None:
    result = run("--version")
    assert result.code == 0
    assert result.out.strip() == f"opentok-studio {__version__}"
    assert result.err == ""


@pytest.mark.parametrize(
    "argv",
    [["--help"], ["-h"], ["token", "--help"], ["decode", "--help"], ["session", "-h"]],
)
def test_help_exits_0_with_usage_on_stdout(argv: list[str]) -> None:
    result = run(*argv)
    assert result.code == 0
    assert result.out.startswith("usage: opentok-studio")
    assert result.err == ""


def test_token_help_lists_the_token_flags() -> None:
    out = run("token", "--help").out
    for flag in ("--session-id", "--role", "--data", "--expire-in", "--expire-at"):
        assert flag in out
    for flag in ("--layout-class", "--format", "--count", "--output"):
        assert flag in out
