"""core/scan.py: every token of a HAR or a log, paired, ranked, in a timeline."""

from __future__ import annotations

import contextlib
import json

import pytest

from opentok_studio.core import logtext, sightings
from opentok_studio.core import scan as core_scan
from opentok_studio.core.errors import DecodeError
from opentok_studio.core.model import ProblemCode, TokenFormat
from opentok_studio.core.scan import EventKind, Source, Where, scan
from opentok_studio.core.scanreport import scan_report, timeline_lines
from tests.helpers import har, vectors
from tests.helpers.complexity import MAX_GROWTH, growth

C = ProblemCode
#: Long after the case: judging by the scan's own clock, all would be expired.
LATER = vectors.MADE_AT + 90 * 86400


def run(text: str, size: int = 997, **kw):  # type: ignore[no-untyped-def]
    chunks = [text[i : i + size] for i in range(0, len(text), size)]
    return scan(chunks, har.project(), now=LATER, **kw)


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


def test_log(case: har.Case) -> None:
    text, expected = har.console_log()
    result = run(text, size=13)
    assert result.source is Source.TEXT
    assert {t.token: t.where[0].line for t in result.tokens} == expected
    by = {t.token: t for t in result.tokens}
    expired = next(t for t in by.values() if t.decoded.problems)
    assert expired.client_error == "1004 token has expired"
    assert expired.time == "2026-10-01T12:00:02.000Z"
    assert [s.session_id for s in result.session_ids] == [vectors.SID]
    assert any(e.kind is EventKind.ERROR and e.token == 2 for e in result.timeline)


@pytest.mark.parametrize("width", [16, 20, 33, 50, 64, 76, 100, 120, 200])
@pytest.mark.parametrize("fmt", [TokenFormat.T1, TokenFormat.JWT])
@pytest.mark.parametrize("indent", ["", "    "])
def test_wrapped_tokens_are_joined(width: int, fmt: TokenFormat, indent: str) -> None:
    token = har.token(fmt, data="user=42;name=Ann")
    lines = [token[i : i + width] for i in range(0, len(token), width)]
    text = "log: token:\n" + "\n".join(indent + line for line in lines) + "\nnext\n"
    result = run(text)
    assert [t.token for t in result.tokens] == [token]
    assert result.tokens[0].where == (Where(line=2),)


@pytest.mark.parametrize("seed", range(12))
@pytest.mark.parametrize("fmt", [TokenFormat.T1, TokenFormat.JWT])
def test_a_whole_token_is_not_joined_to_the_next_word(
    seed: int, fmt: TokenFormat
) -> None:
    token = har.token(fmt, seed=seed, data="x" * seed)
    for next_line in ["Connected", "  abcd", "eyJhbGciOiJIUzI1NiJ9", "ok", "1004"]:
        result = run(f"{token}\n{next_line}\n")
        assert [t.token for t in result.tokens] == [token], next_line


def test_other_services_credentials_never_reach_the_report(case: har.Case) -> None:
    report = scan_report(run(case.text()), LATER)
    for secret in (*har.FOREIGN_SECRETS, har.FOREIGN_JWT, "Cookie", "X-Api-Key"):
        assert secret not in report
    for token in case.order:
        assert token not in report
        assert token.split(".")[-1][:20] not in report  # no signature


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


def test_limits_keep_memory_bounded(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(sightings, "MAX_ITEMS", 2)
    tokens = [har.token(TokenFormat.T1, data=str(i)) for i in range(4)]
    result = run("\n".join(tokens))
    assert [t.token for t in result.tokens] == tokens[:2]
    assert result.dropped >= 2


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


@pytest.mark.parametrize("block", [64, 300, 1000])
def test_small_blocks_find_the_same(
    block: int, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A wrap across a block's end, a hit on the last line of a block."""
    text, expected = har.console_log()
    text = text * 3
    whole = run(text)
    monkeypatch.setattr(logtext, "BLOCK_CHARS", block)
    small = run(text, size=37)
    assert [t.token for t in small.tokens] == [t.token for t in whole.tokens]
    assert [t.where for t in small.tokens] == [t.where for t in whole.tokens]
    assert small.timeline == whole.timeline
    assert small.units == whole.units == text.count("\n")


def test_lines_are_counted_with_or_without_a_last_break() -> None:
    assert run("a\nb\n").units == 2
    assert run("a\nb").units == 2


def test_error_hints_across_slices(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(logtext, "_HINT_SLICE", 7)
    text = "xx Invalid token format; İ 1004 and Token has expired\n"
    found = [text[p : p + 7].lower() for p in logtext.error_hints(text, len(text))]
    assert found == ["invalid", "1004 an", "token h"]


@pytest.mark.parametrize("chunk", [1, 7, 100, 5000])
def test_blocks_cover_the_text_once(
    chunk: int, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(logtext, "MAX_LINE_CHARS", 300)
    monkeypatch.setattr(logtext, "_CUT_SEARCH", 100)
    text = "short\n" * 30 + "x" * 1000 + "\n" + ("word " * 200) + "\nend"
    pieces = [text[i : i + chunk] for i in range(0, len(text), chunk)]
    blocks = list(logtext.iter_blocks(pieces, size=64))
    assert "".join(blocks) == text
    assert all(len(b) <= 300 for b in blocks)
    # Only a line longer than MAX_LINE_CHARS is cut; "word " pieces cut at a blank.
    assert all(b.endswith(("\n", "x", " ")) or b == blocks[-1] for b in blocks)


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
