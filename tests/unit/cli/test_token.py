"""`opentok-studio token` (spec/cli.md, token): tokens, --count, --output."""

from __future__ import annotations

import base64
import io
import json
import time
from datetime import UTC, datetime, timedelta, timezone
from pathlib import Path
from typing import Any

import pytest

from tests.helpers import vectors
from tests.helpers.cli import (
    APP_ENV,
    PROJECT_ENV,
    assert_bad_input,
    hs256_claims,
    run,
    t1_fields,
    token_args,
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


def test_data_template_and_jsonl() -> None:
    import jwt

    rc, out, err = run("token", "--session-id", vectors.SID, "--count", "3",
                       "--data-template", "user-{n}", "--output-format", "jsonl",
                       env=PROJECT_ENV)  # fmt: skip
    assert rc == 0, err
    rows = [json.loads(x) for x in out.splitlines()]
    assert [r["data"] for r in rows] == ["user-1", "user-2", "user-3"]
    for r in rows:
        claims = jwt.decode(r["token"], vectors.API_SECRET, algorithms=["HS256"],
                            options={"verify_exp": False, "verify_iat": False})  # fmt: skip
        assert claims["connection_data"] == r["data"]


def test_csv_input_and_csv_output(tmp_path) -> None:
    import csv as csvmod

    source = tmp_path / "in.csv"
    source.write_text("role,data\nsubscriber,a\nmoderator,b\n", encoding="utf-8")
    rc, out, err = run("token", "--session-id", vectors.SID, "--csv", str(source),
                       "--output-format", "csv", env=PROJECT_ENV)  # fmt: skip
    assert rc == 0, err
    rows = list(csvmod.DictReader(io.StringIO(out)))
    assert [(r["role"], r["data"]) for r in rows] == [
        ("subscriber", "a"),
        ("moderator", "b"),
    ]


def test_bad_csv_row_writes_nothing(tmp_path) -> None:
    source = tmp_path / "in.csv"
    source.write_text("role\npublisher\nowner\n", encoding="utf-8")
    target = tmp_path / "out.txt"
    rc, out, err = run("token", "--session-id", vectors.SID, "--csv", str(source),
                       "--output", str(target), env=PROJECT_ENV)  # fmt: skip
    assert rc == 2 and out == "" and "row 3" in err
    assert list(tmp_path.iterdir()) == [source]


def test_token_warns_in_the_one_belonging_wording() -> None:
    from opentok_studio.core.belonging import judge_session

    sid = "1_MX45OTl-fjQ2MTIzNDU3fnJ-fg"  # vector key-in-other-field: SDK accepts
    result = run(*token_args(sid=sid), env=PROJECT_ENV)
    assert result.code == 0 and len(result.out_lines) == 1
    assert result.err_lines == [f"warning: {judge_session(sid, vectors.API_KEY).text}"]
    assert result.err.startswith(f"warning: Does NOT belong to {vectors.API_KEY}")


def test_token_template_error_names_the_token() -> None:
    result = run(*token_args("--count", "3", "--data-template", "x" * 998 + "{n}"),
                 env=PROJECT_ENV)  # fmt: skip
    assert result.code == 0
    result = run(*token_args("--count", "10", "--data-template", "x" * 999 + "{n}"),
                 env=PROJECT_ENV)  # fmt: skip
    assert_bad_input(result, "batch: token 10: data:")
