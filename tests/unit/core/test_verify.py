"""core/verify.py: signatures checked against the credentials, and the
credentials' kind against the token's."""

from __future__ import annotations

from opentok_studio.core import (
    ProjectCredentials,
    Signature,
    TokenFormat,
    TokenRequest,
    make_token,
)
from opentok_studio.core.findings import Findings
from opentok_studio.core.model import ApplicationCredentials, ProblemCode
from opentok_studio.core.reader import read_jwt, read_t1
from opentok_studio.core.verify import check_key_is_application, verify_jwt, verify_t1
from tests.helpers import vectors


def t1_findings(project, now):  # type: ignore[no-untyped-def]
    token = make_token(
        TokenRequest(vectors.SID, format=TokenFormat.T1), project, now=now
    )
    f = Findings(token, TokenFormat.T1, "plain")
    return f, read_t1(f)


def test_t1_valid_invalid_unchecked(project, now) -> None:  # type: ignore[no-untyped-def]
    f, parsed = t1_findings(project, now)
    verify_t1(f, parsed, project)
    assert f.signature is Signature.VALID and f.problems == []
    f, parsed = t1_findings(project, now)
    verify_t1(f, parsed, ProjectCredentials(vectors.API_KEY, vectors.OTHER_SECRET))
    assert f.signature is Signature.INVALID
    assert [p.code for p in f.problems] == [ProblemCode.BAD_SIGNATURE]
    f, parsed = t1_findings(project, now)
    verify_t1(f, parsed, ProjectCredentials(vectors.API_KEY))
    assert f.signature is Signature.UNCHECKED


def test_t1_checked_with_an_application_is_a_mixup(project, now) -> None:  # type: ignore[no-untyped-def]
    f, parsed = t1_findings(project, now)
    verify_t1(f, parsed, ApplicationCredentials(vectors.APP_ID))
    assert [p.code for p in f.problems] == [ProblemCode.PROJECT_APPLICATION_MIXUP]


def test_jwt_valid_and_invalid(project, now) -> None:  # type: ignore[no-untyped-def]
    token = make_token(TokenRequest(vectors.SID), project, now=now)
    for secret, verdict in ((vectors.API_SECRET, Signature.VALID),
                            (vectors.OTHER_SECRET, Signature.INVALID)):  # fmt: skip
        f = Findings(token, TokenFormat.JWT, "plain")
        verify_jwt(f, read_jwt(f), ProjectCredentials(vectors.API_KEY, secret))
        assert f.signature is verdict


def test_project_token_with_an_application_id_as_key() -> None:
    f = Findings("t", TokenFormat.JWT, "plain")
    check_key_is_application(f, vectors.API_KEY, None)
    assert f.problems == []
    check_key_is_application(f, "a1b2c3d4-0000-4000-8000-000000000000", None)
    check_key_is_application(f, "a1b2c3d4-0000-4000-8000-000000000000", None)
    assert [p.code for p in f.problems] == [ProblemCode.PROJECT_APPLICATION_MIXUP]
    assert "an HS256 token" in f.problems[0].message
