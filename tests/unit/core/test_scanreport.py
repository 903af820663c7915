"""core/scanreport.py: a scan in words, and the report safe to paste in a ticket."""

from __future__ import annotations

from dataclasses import replace

import pytest

from opentok_studio.core.har import Response
from opentok_studio.core.scan import (
    Event,
    EventKind,
    ScannedToken,
    ScanResult,
    SessionSighting,
    Where,
)
from opentok_studio.core.scanreport import (
    event_text,
    places_text,
    response_text,
    scan_report,
    session_text,
    summary,
    timeline_lines,
    verdict_text,
    where_text,
)
from opentok_studio.core.sightings import Scanner, Source
from tests.helpers import har, vectors
from tests.helpers.har import LATER
from tests.helpers.har import scan_chunks as run


@pytest.fixture(params=["chrome", "firefox"])
def case(request) -> har.Case:  # type: ignore[no-untyped-def]
    return har.support_case(request.param)


@pytest.fixture
def har_result() -> ScanResult:
    return run(har.support_case("chrome").text())


@pytest.fixture
def log_result() -> ScanResult:
    return run(har.console_log()[0])


def tokens_of(result: ScanResult) -> dict[int, ScannedToken]:
    return {t.number: t for t in result.tokens}


def test_other_services_credentials_never_reach_the_report(case: har.Case) -> None:
    report = scan_report(run(case.text()), LATER)
    for secret in (*har.FOREIGN_SECRETS, har.FOREIGN_JWT, "Cookie", "X-Api-Key"):
        assert secret not in report
    for token in case.order:
        assert token not in report
        assert token.split(".")[-1][:20] not in report  # no signature


# -- places ----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("where", "text"),
    [
        (Where(line=4), "line 4"),
        (Where(entry=1, part="header X-TB-TOKEN-AUTH"),
         "entry 1, header X-TB-TOKEN-AUTH"),
        (Where(entry=0), "entry 0"),
    ],
)  # fmt: skip
def test_where_text(where: Where, text: str) -> None:
    assert where_text(where) == text


def test_places_text_lists_every_place_kept() -> None:
    places = (Where(line=2), Where(entry=3, part="url path"))
    assert places_text(places) == "line 2; entry 3, url path"
    assert places_text(places, occurrences=2) == "line 2; entry 3, url path"


def test_places_text_counts_the_places_not_kept() -> None:
    text = places_text((Where(line=1),), occurrences=1234)
    assert text == "line 1 (seen 1,234 times in all)"


# -- response and verdict --------------------------------------------------------


@pytest.mark.parametrize(
    ("response", "text"),
    [
        (None, "(none)"),
        (Response(200), "200"),
        (Response(403, 1004, "Invalid token format"), "403, 1004 Invalid token format"),
        (Response(403, None, "Forbidden"), "403, Forbidden"),
        (Response(400, 1005), "400, 1005"),
        (Response(0, None, "net::ERR_FAILED"),
         "no answer (the request failed), net::ERR_FAILED"),
        (Response(403, 1004, "bad\x1b[2J\u202e"), "403, 1004 bad\\x1b[2J\\u202e"),
    ],
)  # fmt: skip
def test_response_text(response: Response | None, text: str) -> None:
    assert response_text(response) == text


def test_verdict_text_names_the_most_likely_cause(har_result: ScanResult) -> None:
    assert [verdict_text(t) for t in har_result.tokens] == [
        "OK", "REJECTED: truncated", "REJECTED: expired", "OK",
    ]  # fmt: skip


# -- summary ---------------------------------------------------------------------


def test_summary_of_a_har(har_result: ScanResult) -> None:
    assert summary(har_result) == (
        "Read as a HAR: 7 entries, 4 tokens (2 with problems), 1 session ID."
    )


def test_summary_of_a_log(log_result: ScanResult) -> None:
    assert summary(log_result) == (
        "Read as text: 12 lines, 3 tokens (1 with problems), 1 session ID."
    )


def test_summary_counts_in_the_singular_and_plural(log_result: ScanResult) -> None:
    one = replace(log_result, tokens=log_result.tokens[:1], session_ids=())
    assert summary(one).endswith(", 1 token (0 with problems), 0 session IDs.")


def test_summary_says_what_was_over_the_limit(log_result: ScanResult) -> None:
    text = summary(replace(log_result, dropped=12_345))
    assert text.endswith(" 12,345 more sightings were over the limit and not kept.")
    assert "over the limit" not in summary(log_result)


# -- sessions --------------------------------------------------------------------


@pytest.mark.parametrize(
    ("belongs", "words"),
    [
        (True, f"(key {vectors.API_KEY}, belongs to the given key); line 2"),
        (False, f"(key {vectors.API_KEY}, NOT of the given key); line 2"),
        (None, f"(key {vectors.API_KEY}); line 2"),
    ],
)
def test_session_text(belongs: bool | None, words: str) -> None:
    sighting = SessionSighting(vectors.SID, (Where(line=2),), vectors.API_KEY, belongs)
    assert session_text(sighting) == f"{vectors.SID}  {words}"


def test_session_text_without_a_key_and_with_escapes() -> None:
    sighting = SessionSighting("1_MX\x1b[2J", (Where(line=1),), None, None)
    assert session_text(sighting) == "1_MX\\x1b[2J  (key ?); line 1"


# -- timeline --------------------------------------------------------------------


def test_event_text_for_a_session() -> None:
    event = Event(EventKind.SESSION, Where(line=2), "t2", session_id=vectors.SID)
    assert event_text(event, {}) == f"t2  line 2: session {vectors.SID} appears"


def test_event_text_for_an_error_with_and_without_a_token() -> None:
    after = Event(EventKind.ERROR, Where(line=5), None, 2, client_error="1004")
    alone = Event(EventKind.ERROR, Where(line=1), "t1", client_error="1005")
    assert event_text(after, {}) == (
        "(no time)  line 5: the client reports 1004 (after token #2)"
    )
    assert event_text(alone, {}) == "t1  line 1: the client reports 1005"


def test_event_text_for_a_rejected_request(har_result: ScanResult) -> None:
    sent = har_result.timeline[2]
    text = event_text(sent, tokens_of(har_result))
    assert text.startswith(
        f"{sent.time}  entry 1, header X-TB-TOKEN-AUTH: token #2 sent "
        f"for session {vectors.SID}; answer 403, 1004 Invalid token format -> "
        "truncated: "
    )
    problem = tokens_of(har_result)[2].decoded.problems[0]
    assert text.endswith(f"truncated: {problem.message}")


def test_event_text_without_the_token_says_only_what_happened() -> None:
    event = Event(EventKind.SEEN, Where(line=3), None, 9, session_id=vectors.SID)
    assert event_text(event, {}) == (
        f"(no time)  line 3: token #9 appears for session {vectors.SID}"
    )


def test_event_text_takes_the_session_from_the_token(log_result: ScanResult) -> None:
    seen = next(e for e in log_result.timeline if e.kind is EventKind.SEEN)
    assert seen.session_id is None
    assert f"for session {vectors.SID} -> OK" in event_text(seen, tokens_of(log_result))


def test_timeline_lines_one_per_event_in_order(log_result: ScanResult) -> None:
    lines = timeline_lines(log_result)
    assert len(lines) == len(log_result.timeline) == 5
    assert [line.split(": ", 1)[0].split("  ")[-1] for line in lines] == [
        "line 2", "line 4", "line 9", "line 10", "line 11",
    ]  # fmt: skip


# -- scan_report -----------------------------------------------------------------


def test_report_of_a_har_has_each_answer(har_result: ScanResult) -> None:
    report = scan_report(har_result, LATER)
    lines = report.splitlines()
    assert lines[:3] == ["OpenTok Studio scan report", summary(har_result), ""]
    assert report.count("Answer to the request that carried it: ") == 4
    assert (
        "Answer to the request that carried it: 403, 1004 Invalid token format" in lines
    )
    assert "Client error used to rank the causes: 1004 token has expired" in lines
    assert "Session IDs:" in lines and "Timeline:" in lines
    assert report.endswith("\n") and not report.endswith("\n\n")


def test_report_of_a_log_has_no_answers(log_result: ScanResult) -> None:
    report = scan_report(log_result, LATER)
    assert "Answer to the request" not in report
    assert "First seen: (no time in the input)" in report  # the wrapped token
    assert "Where: line 4" in report


def test_report_of_nothing_found(log_result: ScanResult) -> None:
    empty = replace(log_result, tokens=(), session_ids=(), timeline=())
    assert scan_report(empty, LATER) == (
        f"OpenTok Studio scan report\n{summary(empty)}\n"
    )


def test_report_masks_data_and_omits_the_token() -> None:
    token = har.token(data="email=ann@example.com")
    report = scan_report(run(f"2026-10-01T00:00:05Z joined with {token}\n"), LATER)
    assert token not in report
    assert "ann@example.com" not in report
    assert "Token #1: OK" in report


@pytest.mark.parametrize(
    "source, units, says",
    [
        (Source.TEXT, 1, "1 line,"),
        (Source.TEXT, 2, "2 lines,"),
        (Source.HAR, 1, "1 entry,"),
        (Source.HAR, 1234, "1,234 entries,"),
    ],
)
def test_summary_counts_in_the_right_number(
    source: Source, units: int, says: str
) -> None:
    scanner = Scanner(source)
    scanner.units = units
    assert says in summary(scanner.result(None, now=LATER))
