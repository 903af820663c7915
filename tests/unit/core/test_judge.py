"""core/judge.py: identity, times and content judged into problems and notes."""

from __future__ import annotations

from opentok_studio.core import ProjectCredentials, TokenFormat
from opentok_studio.core.findings import Findings
from opentok_studio.core.judge import judge_content, judge_identity, judge_times
from opentok_studio.core.model import Family, ProblemCode
from tests.helpers import vectors

C = ProblemCode


def findings(**fields) -> Findings:  # type: ignore[no-untyped-def]
    f = Findings("t", TokenFormat.JWT, "plain", family=Family.PROJECT,
                 api_key=vectors.API_KEY, session_id=vectors.SID, role="publisher")  # fmt: skip
    for name, value in fields.items():
        setattr(f, name, value)
    return f


def codes(f: Findings) -> list[ProblemCode]:
    return [p.code for p in f.problems]


def test_times(now) -> None:  # type: ignore[no-untyped-def]
    f = findings(issued_at=now - 10, expires_at=now + 10)
    judge_times(f, now)
    assert codes(f) == []
    f = findings(issued_at=now - 100, expires_at=now - 50)
    judge_times(f, now)
    assert codes(f) == [C.EXPIRED] and "ago" in f.problems[0].message
    f = findings(issued_at=now, expires_at=now * 1000)
    judge_times(f, now)
    assert codes(f) == [C.EXPIRY_IN_MILLISECONDS]


def test_identity(now) -> None:  # type: ignore[no-untyped-def]
    mine = ProjectCredentials(vectors.API_KEY, vectors.API_SECRET)
    f = findings()
    judge_identity(f, mine, vectors.SID)
    assert codes(f) == []
    f = findings()
    judge_identity(f, ProjectCredentials(vectors.OTHER_KEY), vectors.OTHER_SID)
    assert codes(f) == [C.WRONG_API_KEY, C.SESSION_MISMATCH]
    f = findings(session_id=vectors.OTHER_SID)
    judge_identity(f, mine, None)
    assert codes(f) == [C.SESSION_OF_OTHER_KEY]
    f = findings(session_id="1_!!")
    judge_identity(f, mine, None)
    assert codes(f) == [C.SESSION_ID_INVALID]


def test_an_application_session_id_that_cannot_be_read_is_a_note() -> None:
    f = findings(family=Family.APPLICATION, api_key=None, application_id=vectors.APP_ID,
                 session_id="opaque")  # fmt: skip
    judge_identity(f, None, None)
    assert codes(f) == [] and "could not be read" in f.notes[0]


def test_content() -> None:
    f = findings(role="owner", connection_data="x" * 1001)
    judge_content(f)
    assert codes(f) == [C.UNKNOWN_ROLE, C.DATA_TOO_LONG]
