"""core/scan.py: every token of a HAR or a log, paired, ranked, in a timeline."""

from __future__ import annotations

import contextlib
import json

import pytest

from opentok_studio.core import scan as core_scan
from opentok_studio.core.errors import DecodeError
from opentok_studio.core.model import ProblemCode, TokenFormat
from opentok_studio.core.scan import EventKind, Source, Where, scan
from opentok_studio.core.scanreport import timeline_lines
from tests.helpers import har, vectors
from tests.helpers.complexity import MAX_GROWTH, growth
from tests.helpers.har import scan_chunks as run

C = ProblemCode


@pytest.fixture(params=["chrome", "firefox"])
def case(request) -> har.Case:  # type: ignore[no-untyped-def]
    return har.support_case(request.param)


def test_finds_exactly_the_tokens_in_order(case: har.Case) -> None:
    result = run(case.text())
    assert result.source is Source.HAR
    assert result.units == 7
    assert [t.token for t in result.tokens] == case.order
    assert [s.session_id for s in result.session_ids] == [vectors.SID]
    assert result.session_ids[0].belongs is True


def test_each_token_is_paired_with_its_answer(case: har.Case) -> None:
    by = {t.token: t for t in run(case.text()).tokens}
    good, cut, expired, query = (by[t] for t in case.order)
    assert good.where == (
        Where(entry=0, part="response body"),
        Where(entry=6, part="header X-TB-TOKEN-AUTH"),
    )
    assert (good.response.status, good.response.error_code) == (200, None)
    assert cut.where == (Where(entry=1, part="header X-TB-TOKEN-AUTH"),)
    assert cut.response == core_scan.Response(403, 1004, "Invalid token format")
    assert expired.response == core_scan.Response(403, 1004, "token has expired")
    assert query.where == (Where(entry=5, part="url query token"),)
    assert query.response.status == 200


def test_verdicts_are_judged_when_the_token_was_used(case: har.Case) -> None:
    by = {t.token: t for t in run(case.text()).tokens}
    assert by[case.good].decoded.problems == ()
    assert by[case.in_query].decoded.problems == ()
    assert by[case.cut].decoded.problem_codes[0] is C.TRUNCATED
    assert by[case.expired].decoded.problem_codes == (C.EXPIRED,)
    assert by[case.good].judged_at == vectors.MADE_AT  # entry 0's time
    assert by[case.good].time is not None


def test_first_time_is_the_first_entry_holding_it(case: har.Case) -> None:
    by = {t.token: t for t in run(case.text()).tokens}
    times = case.har["log"]["entries"]
    assert by[case.good].time == times[0]["startedDateTime"]
    assert by[case.expired].time == times[3]["startedDateTime"]


@pytest.mark.parametrize(
    ("message", "first"),
    [
        ("token has expired", C.EXPIRED),
        ("The token does not match the session ID", C.SESSION_MISMATCH),
    ],
)
def test_the_clients_error_ranks_the_causes(message: str, first: ProblemCode) -> None:
    doc, bad = har.two_problem_har(message)
    (token,) = run(json.dumps(doc)).tokens
    assert token.token == bad
    assert set(token.decoded.problem_codes) == {C.EXPIRED, C.SESSION_MISMATCH}
    assert token.decoded.problem_codes[0] is first
    assert token.client_error == f"1004 {message}"


def test_timeline(case: har.Case) -> None:
    result = run(case.text())
    kinds = [(e.kind, e.where.entry, e.token) for e in result.timeline]
    assert kinds == [
        (EventKind.SESSION, 0, None),
        (EventKind.RECEIVED, 0, 1),
        (EventKind.SENT, 1, 2),
        (EventKind.SENT, 3, 3),
        (EventKind.SENT, 5, 4),
        (EventKind.SENT, 6, 1),
    ]
    lines = timeline_lines(result)
    assert "token #2 sent" in lines[2] and "403, 1004 Invalid token format" in lines[2]
    assert lines[2].endswith(lines[2].split(" -> ")[1]) and " -> truncated" in lines[2]


def test_a_huge_t1_run_does_not_stop_the_scan() -> None:
    token = har.token(TokenFormat.T1)
    result = run(f"T1==cGFydG5lcl9p{'A' * 2_000_000}\n{token}\n")
    assert [t.token for t in result.tokens] == [token]


def test_no_token_is_fine_and_empty_is_not() -> None:
    result = run("just a log line\n")
    assert (result.tokens, result.has_problems) == ((), False)
    for empty in ["", "  \n\n"]:
        with pytest.raises(DecodeError, match="empty"):
            run(empty)


def test_binary_and_har_named_non_json() -> None:
    with pytest.raises(DecodeError, match="binary"):
        run("PNG\x00\x00\x01")
    with pytest.raises(DecodeError, match="not JSON"):
        run("GET / 200\n", named_har=True)


def test_a_json_log_is_text_not_a_har() -> None:
    token = har.token()
    result = run(json.dumps({"level": "info", "token": token}) + "\n")
    assert result.source is Source.TEXT
    assert [t.token for t in result.tokens] == [token]


@pytest.mark.parametrize("kind", ["har", "log"])
def test_linear(kind: str) -> None:
    token = har.token(TokenFormat.T1)
    case = har.support_case()
    entry = json.dumps(case.har["log"]["entries"][1])

    def make(n: int) -> str:
        if kind == "har":
            return '{"log": {"entries": [' + ",".join([entry] * n) + "]}}"
        return f"2026-10-01T12:00:00Z connect {token} failed 1004\n" * n

    assert growth(lambda t: run(t, size=65_536), make, 40) < MAX_GROWTH


_B64_LINE = "QUJDREVGR0hJSktMTU5PUFFSU1RVVldYWVo" * 2 + "\n"


@pytest.mark.parametrize(
    "make",
    [
        lambda n: "eyJ" * (200 * n),
        lambda n: "T1==" * (150 * n),
        lambda n: "\n" * (600 * n),
        lambda n: "a" * (600 * n),
        lambda n: ("T1==cGFydG5lcl9pZD00NjEy" + "\n" + _B64_LINE * 3) * (4 * n),
        lambda n: ("x eyJhbGciOiJIUzI1NiJ9." + "\n" + _B64_LINE * 70) * max(1, n // 8),
        lambda n: ("1004 Invalid token format token has expired\n") * (15 * n),
        lambda n: (f"{vectors.SID} " * 8 + "\n") * (2 * n),
        lambda n: '{"log": {"entries": [' + ",".join(["{}"] * (100 * n)) + "]}}",
        lambda n: '{"log": {"entries": [{"a": "' + "T1==" * (150 * n) + '"}]}}',
    ],
    ids=[
        "eyJ",
        "T1",
        "breaks",
        "one-line",
        "t1-wraps",
        "jwt-wraps",
        "errors",
        "sessions",
        "har-entries",
        "har-one-value",
    ],  # fmt: skip
)
def test_hostile_input_is_linear(make) -> None:  # type: ignore[no-untyped-def]
    """Quadrupling a hostile input must not take much more than 4x the time."""

    def scanned(text: str) -> None:
        with contextlib.suppress(DecodeError):
            scan([text[i : i + 65_536] for i in range(0, len(text), 65_536)], now=0)

    assert growth(scanned, make, 100) < MAX_GROWTH
