"""core/sightings.py: the Scanner keeps places, answers and errors, bounded."""

from __future__ import annotations

import pytest

from opentok_studio.core import sightings
from opentok_studio.core.har import Response
from opentok_studio.core.model import ProblemCode, ProjectCredentials, TokenFormat
from opentok_studio.core.sightings import EventKind, Scanner, Source, Where
from tests.helpers import har, vectors
from tests.helpers.har import LATER
from tests.helpers.har import scan_chunks as run

SEEN, SENT = EventKind.SEEN, EventKind.SENT
OK = Response(200)
BAD_FORMAT = Response(403, 1004, "Invalid token format")
EXPIRED = Response(403, 1004, "token has expired")


@pytest.fixture
def scanner() -> Scanner:
    return Scanner(Source.HAR)


def line(n: int) -> Where:
    return Where(line=n)


def entry(n: int, part: str = "header X-TB-TOKEN-AUTH") -> Where:
    return Where(entry=n, part=part)


def test_limits_keep_memory_bounded(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(sightings, "MAX_ITEMS", 2)
    tokens = [har.token(TokenFormat.T1, data=str(i)) for i in range(4)]
    result = run("\n".join(tokens))
    assert [t.token for t in result.tokens] == tokens[:2]
    assert result.dropped >= 2


def test_sessions_and_events_are_bounded_too(
    scanner: Scanner, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(sightings, "MAX_ITEMS", 1)
    scanner.add_session(vectors.SID, line(1), None)
    scanner.add_session(vectors.OTHER_SID, line(2), None)
    scanner.add_error("1004", line(3), None)  # a second event: over the limit
    result = scanner.result(None, now=LATER)
    assert [s.session_id for s in result.session_ids] == [vectors.SID]
    assert [e.kind for e in result.timeline] == [EventKind.SESSION]
    assert result.dropped == 2


def test_places_are_capped_but_every_occurrence_is_counted(
    scanner: Scanner, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(sightings, "MAX_WHERE", 2)
    for n in range(1, 6):
        scanner.add_token("T1==AAAA", line(n), None, kind=SEEN)
    (token,) = scanner.result(None, now=LATER).tokens
    assert token.where == (line(1), line(2))
    assert token.occurrences == 5


# -- add_token -------------------------------------------------------------------


def test_numbers_follow_first_appearance_and_a_place_is_kept_once(
    scanner: Scanner,
) -> None:
    scanner.add_token("T1==AAAA", line(1), "t1", kind=SEEN)
    scanner.add_token("T1==BBBB", line(2), "t2", kind=SEEN)
    scanner.add_token("T1==AAAA", line(1), "t3", kind=SEEN)
    scanner.add_token("T1==AAAA", line(3), "t4", kind=SEEN)
    a, b = scanner.result(None, now=LATER).tokens
    assert (a.number, a.token, b.number, b.token) == (1, "T1==AAAA", 2, "T1==BBBB")
    assert a.where == (line(1), line(3))
    assert a.occurrences == 3
    assert a.time == "t1"  # the first sighting's


def test_every_request_is_an_event_other_sightings_only_the_first(
    scanner: Scanner,
) -> None:
    scanner.add_token(
        "T1==AAAA", entry(0, "response body"), None, kind=EventKind.RECEIVED
    )
    scanner.add_token(
        "T1==AAAA", entry(0, "response body"), None, kind=EventKind.RECEIVED
    )
    scanner.add_token("T1==AAAA", entry(1), None, kind=SENT, response=BAD_FORMAT)
    scanner.add_token("T1==AAAA", entry(2), None, kind=SENT, response=BAD_FORMAT)
    events = scanner.result(None, now=LATER).timeline
    assert [(e.kind, e.where.entry, e.token) for e in events] == [
        (EventKind.RECEIVED, 0, 1),
        (SENT, 1, 1),
        (SENT, 2, 1),
    ]
    assert events[1].response == BAD_FORMAT


def test_the_first_failure_is_the_answer_kept(scanner: Scanner) -> None:
    scanner.add_token("T1==AAAA", entry(0), None, kind=SENT, response=OK)
    scanner.add_token("T1==AAAA", entry(1), None, kind=SENT, response=BAD_FORMAT)
    scanner.add_token("T1==AAAA", entry(2), None, kind=SENT, response=EXPIRED)
    (token,) = scanner.result(None, now=LATER).tokens
    assert token.response == BAD_FORMAT
    assert token.client_error == "1004 Invalid token format"


def test_a_success_is_kept_when_nothing_failed(scanner: Scanner) -> None:
    scanner.add_token("T1==AAAA", entry(0), None, kind=SENT, response=OK)
    scanner.add_token("T1==AAAA", entry(1), None, kind=SENT, response=Response(204))
    (token,) = scanner.result(None, now=LATER).tokens
    assert token.response == OK
    assert token.client_error is None


def test_only_a_sent_token_takes_the_answer(scanner: Scanner) -> None:
    scanner.add_token(
        "T1==AAAA",
        entry(0, "response body"),
        None,
        kind=EventKind.RECEIVED,
        response=BAD_FORMAT,
    )
    (token,) = scanner.result(None, now=LATER).tokens
    assert (token.response, token.client_error) == (None, None)


def test_the_session_the_request_joined_is_the_one_checked(scanner: Scanner) -> None:
    token = har.token(TokenFormat.T1)  # for vectors.SID
    scanner.add_token(
        token,
        entry(0),
        None,
        kind=SENT,
        response=BAD_FORMAT,
        session_id=har.OTHER_SESSION,
    )
    (seen,) = scanner.result(har.project(), now=vectors.MADE_AT).tokens
    assert ProblemCode.SESSION_MISMATCH in seen.decoded.problem_codes


# -- add_error -------------------------------------------------------------------


def test_an_error_belongs_to_the_last_token(scanner: Scanner) -> None:
    scanner.add_token("T1==AAAA", line(1), None, kind=SEEN)
    scanner.add_token("T1==BBBB", line(2), None, kind=SEEN)
    scanner.add_error("1004 Invalid token format", line(3), "t3")
    scanner.add_error("1005 Invalid session ID", line(4), "t4")
    result = scanner.result(None, now=LATER)
    a, b = result.tokens
    assert a.client_error is None
    assert b.client_error == "1004 Invalid token format"  # the first error stays
    errors = [e for e in result.timeline if e.kind is EventKind.ERROR]
    assert [(e.token, e.client_error, e.time) for e in errors] == [
        (2, "1004 Invalid token format", "t3"),
        (2, "1005 Invalid session ID", "t4"),
    ]


def test_an_error_before_any_token_belongs_to_none(scanner: Scanner) -> None:
    scanner.add_error("1004", line(1), None)
    scanner.add_token("T1==AAAA", line(2), None, kind=SEEN)
    result = scanner.result(None, now=LATER)
    assert result.timeline[0].token is None
    assert result.tokens[0].client_error is None


def test_an_error_does_not_replace_the_answers_error(scanner: Scanner) -> None:
    scanner.add_token("T1==AAAA", entry(0), None, kind=SENT, response=EXPIRED)
    scanner.add_error("1004 Invalid token format", line(1), None)
    (token,) = scanner.result(None, now=LATER).tokens
    assert token.client_error == "1004 token has expired"


# -- add_session -----------------------------------------------------------------


def test_a_session_is_one_event_and_its_places_once_each(scanner: Scanner) -> None:
    for n in (1, 2, 1):
        scanner.add_session(vectors.SID, line(n), f"t{n}")
    result = scanner.result(None, now=LATER)
    (session,) = result.session_ids
    assert session.where == (line(1), line(2))
    assert [(e.kind, e.session_id, e.time) for e in result.timeline] == [
        (EventKind.SESSION, vectors.SID, "t1")
    ]


@pytest.mark.parametrize(
    ("credentials", "sid", "belongs"),
    [
        (None, vectors.SID, None),
        (ProjectCredentials(vectors.API_KEY, vectors.API_SECRET), vectors.SID, True),
        (ProjectCredentials(vectors.API_KEY, vectors.API_SECRET),
         vectors.OTHER_SID, False),
    ],
)  # fmt: skip
def test_a_session_belongs_only_when_credentials_say(
    scanner: Scanner,
    credentials: ProjectCredentials | None,
    sid: str,
    belongs: bool | None,
) -> None:
    scanner.add_session(sid, line(1), None)
    (session,) = scanner.result(credentials, now=LATER).session_ids
    assert session.belongs is belongs
    assert session.api_key == (
        vectors.API_KEY if sid == vectors.SID else vectors.OTHER_KEY
    )


# -- result ----------------------------------------------------------------------


def test_a_token_is_judged_when_it_was_used(scanner: Scanner) -> None:
    good = har.token()  # made at vectors.MADE_AT
    scanner.add_token(good, line(1), None, kind=SEEN, used_at=vectors.MADE_AT + 60)
    (token,) = scanner.result(har.project(), now=LATER).tokens
    assert token.judged_at == vectors.MADE_AT + 60
    assert token.decoded.problems == ()
    assert token.decoded.notes[-1] == (
        "judged at 2026-10-01 00:01:00 UTC, when the input shows it in use"
    )


def test_without_a_time_of_use_a_token_is_judged_now(scanner: Scanner) -> None:
    scanner.add_token(har.token(), line(1), None, kind=SEEN)
    (token,) = scanner.result(har.project(), now=LATER).tokens
    assert token.judged_at == LATER
    assert token.decoded.problem_codes == (ProblemCode.EXPIRED,)
    assert not any("judged at" in note for note in token.decoded.notes)


def test_has_problems_when_one_token_has_one(scanner: Scanner) -> None:
    good = har.token()
    scanner.add_token(good, line(1), None, kind=SEEN, used_at=vectors.MADE_AT)
    assert not scanner.result(har.project(), now=LATER).has_problems
    scanner.add_token(good[:-20], line(2), None, kind=SEEN, used_at=vectors.MADE_AT)
    assert scanner.result(har.project(), now=LATER).has_problems


def test_the_result_keeps_the_source_and_units(scanner: Scanner) -> None:
    scanner.units = 7
    result = scanner.result(None, now=LATER)
    assert (result.source, result.units, result.dropped) == (Source.HAR, 7, 0)
    assert (result.tokens, result.session_ids, result.timeline) == ((), (), ())


def test_an_error_after_a_dropped_token_is_no_kept_tokens(
    scanner: Scanner, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Past the limit the error went to the last token kept, ranking its causes
    # by another token's failure (a mirror test found it).
    monkeypatch.setattr(sightings, "MAX_ITEMS", 1)
    scanner.add_token("T1==AAAA", line(1), None, kind=SEEN)
    scanner.add_token("T1==BBBB", line(2), None, kind=SEEN)  # not kept
    scanner.add_error("1004 Invalid token format", line(3), None)
    result = scanner.result(None, now=LATER)
    assert [t.token for t in result.tokens] == ["T1==AAAA"]
    assert result.tokens[0].client_error is None
    assert result.dropped >= 1
