"""broken.json: every damaged or misused token gives the problem the SDKs' world
would hit, through the core and through `opentok-studio decode`."""

from __future__ import annotations

import io
import json
from typing import Any

import pytest

from opentok_studio.cli import main
from opentok_studio.core import DecodeError, Signature, decode
from tests.helpers import vectors

CASES = vectors.load("broken")["cases"]
IDS = [c["name"] for c in CASES]


@pytest.mark.parametrize("case", CASES, ids=IDS)
def test_core_finds_the_expected_problem(case: dict[str, Any]) -> None:
    expect = case["expect"]
    creds = vectors.credentials_of(case)
    if expect["bad_input"]:
        with pytest.raises(DecodeError, match="no token"):
            decode(case["token"], creds, now=case["check_at"])
        return
    d = decode(case["token"], creds, now=case["check_at"])
    codes = [p.code.value for p in d.problems]
    if expect["ok"]:
        assert codes == []
        assert d.signature is Signature.VALID
    else:
        assert any(c in expect["problem_codes"] for c in codes), codes
        # the most likely cause is ranked first
        assert codes[0] in expect["problem_codes"], codes
        for p in d.problems:
            assert p.message and p.fix


@pytest.mark.parametrize("case", CASES, ids=IDS)
def test_cli_exit_code_and_json(case: dict[str, Any], monkeypatch) -> None:
    # The CLI reads the real clock; pin it to the case's check_at.
    monkeypatch.setattr("opentok_studio.cli.commands._now", lambda: case["check_at"])
    out, err = io.StringIO(), io.StringIO()
    rc = main(["decode", case["token"], "--json"], out, err, env=vectors.env_of(case))
    expect = case["expect"]
    if expect["bad_input"]:
        assert rc == 2
        assert out.getvalue() == ""
        assert err.getvalue().startswith("error: ")
        assert err.getvalue().count("\n") == 1
        return
    assert rc == (0 if expect["ok"] else 1), err.getvalue()
    body = json.loads(out.getvalue())
    codes = [p["code"] for p in body["problems"]]
    if expect["ok"]:
        assert codes == [] and body["signature"] == "valid"
    else:
        assert any(c in expect["problem_codes"] for c in codes)
        for p in body["problems"]:
            assert set(p) == {"code", "message", "fix", "client_error"}


def test_wrong_api_key_keeps_a_valid_hmac() -> None:
    # vectors note: partner_id differs from the key given; the HMAC still matches.
    case = next(c for c in CASES if c["name"] == "t1-wrong-api-key")
    d = decode(case["token"], vectors.credentials_of(case), now=case["check_at"])
    assert d.signature is Signature.VALID
    assert [p.code.value for p in d.problems] == ["wrong_api_key"]


def test_alg_confusion_is_never_valid() -> None:
    case = next(c for c in CASES if c["name"].startswith("alg-confusion"))
    d = decode(case["token"], vectors.credentials_of(case), now=case["check_at"])
    assert d.signature is Signature.INVALID
