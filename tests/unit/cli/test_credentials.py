"""Credentials from flags, then the environment (cli/credentials.py; spec/cli.md,
Credentials), through `token`."""

from __future__ import annotations

from pathlib import Path

import jwt
import pytest

from tests.helpers import vectors
from tests.helpers.cli import (
    APP_ENV,
    PROJECT_ENV,
    assert_credentials_error,
    hs256_claims,
    rs256_claims,
    run,
    token_args,
)

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
