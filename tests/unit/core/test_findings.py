"""core/findings.py: what a decode has found so far."""

from __future__ import annotations

from opentok_studio.core.findings import Findings
from opentok_studio.core.model import ProblemCode, Signature, TokenFormat


def findings() -> Findings:
    return Findings("token", TokenFormat.JWT, "plain")


def test_starts_empty_and_unchecked() -> None:
    f = findings()
    assert f.problems == [] and f.warnings == [] and f.notes == []
    assert f.signature is Signature.UNCHECKED and not f.damaged and f.has_exp


def test_damage_codes_mark_the_token_damaged() -> None:
    f = findings()
    f.add(ProblemCode.EXPIRED, "expired")
    assert not f.damaged
    f.add(ProblemCode.TRUNCATED, "cut", fix="copy it again")
    assert f.damaged
    assert [p.code for p in f.problems] == [ProblemCode.EXPIRED, ProblemCode.TRUNCATED]
    assert f.problems[1].fix == "copy it again"


def test_a_warning_names_no_client_error() -> None:
    f = findings()
    f.warn(ProblemCode.NO_EXPIRY, "no exp")
    f.add(ProblemCode.NO_EXPIRY, "no exp")
    assert f.warnings[0].client_error is None
    assert f.problems[0].code is f.warnings[0].code and not f.damaged
