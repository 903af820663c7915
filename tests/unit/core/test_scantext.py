"""core/scantext.py: a log scanned a block of lines at a time, wraps joined."""

from __future__ import annotations

import pytest

from opentok_studio.core import logtext
from opentok_studio.core.model import TokenFormat
from opentok_studio.core.scan import EventKind, Source, Where
from opentok_studio.core.scantext import epoch, scan_text
from opentok_studio.core.sightings import Scanner, ScanResult
from tests.helpers import har, vectors
from tests.helpers.har import LATER
from tests.helpers.har import scan_chunks as run


@pytest.fixture(params=["chrome", "firefox"])
def case(request) -> har.Case:  # type: ignore[no-untyped-def]
    return har.support_case(request.param)


def scanned(*chunks: str) -> ScanResult:
    """``chunks`` fed to scan_text alone (no sniffing), judged at LATER."""
    scanner = Scanner(Source.TEXT)
    scan_text(scanner, chunks)
    return scanner.result(har.project(), now=LATER)


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


def test_an_undated_line_takes_no_time_from_the_line_after() -> None:
    token = har.token(TokenFormat.T1)
    text = (
        f"2026-10-01T12:00:00Z join {token}\n"
        "connect failed 1004\n"
        "2026-10-01T13:00:00Z reconnecting\n"
    )
    result = scanned(text)
    (error,) = [e for e in result.timeline if e.kind is EventKind.ERROR]
    assert error.time != "2026-10-01T13:00:00Z"  # was stamped with line 3's time
    assert result.tokens[0].time == "2026-10-01T12:00:00Z"


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


# -- scan_text -------------------------------------------------------------------


def test_every_kind_of_hit_is_reported_on_its_line() -> None:
    token = har.token()
    result = scanned(
        f"2026-10-01T12:00:00Z session {vectors.SID}\n",
        f"2026-10-01T12:00:01Z joining with {token}\n",
        "2026-10-01T12:00:02Z connect failed: 1004 Invalid token format\n",
    )
    assert result.units == 3
    assert [(e.kind, e.where, e.token) for e in result.timeline] == [
        (EventKind.SESSION, Where(line=1), None),
        (EventKind.SEEN, Where(line=2), 1),
        (EventKind.ERROR, Where(line=3), 1),
    ]
    assert result.timeline[2].client_error == "1004 Invalid token format"
    (seen,) = result.tokens
    assert (seen.token, seen.time) == (token, "2026-10-01T12:00:01Z")
    assert seen.client_error == "1004 Invalid token format"


def test_a_token_is_judged_at_its_lines_time() -> None:
    token = har.token()  # valid for a day from vectors.MADE_AT
    used = "2026-10-01T12:00:00Z"
    assert epoch(used) is not None and epoch(used) < vectors.MADE_AT + 86400
    (seen,) = scanned(f"{used} joining with {token}\n").tokens
    assert seen.judged_at == epoch(used)
    assert seen.decoded.problems == ()
    assert any("judged at" in note for note in seen.decoded.notes)


def test_a_token_on_an_undated_line_takes_the_time_just_before() -> None:
    token = har.token()
    (seen,) = scanned(f"2026-10-01T12:00:00Z token follows\n{token}\n").tokens
    assert seen.time is None  # its own line has none
    assert seen.judged_at == epoch("2026-10-01T12:00:00Z")


def test_a_time_without_an_offset_does_not_judge() -> None:
    token = har.token()
    (seen,) = scanned(f"2026-10-01 12:00:00 joining with {token}\n").tokens
    assert seen.time == "2026-10-01T12:00:00"
    assert seen.judged_at == LATER  # whose midnight? the scan's clock instead
    assert seen.decoded.problem_codes[0].value == "expired"


def test_one_error_per_line_however_many_hints() -> None:
    text = "2026-10-01T12:00:00Z error 1004 Invalid token format, token has expired\n"
    errors = [e for e in scanned(text).timeline if e.kind is EventKind.ERROR]
    assert [e.where for e in errors] == [Where(line=1)]
    assert errors[0].client_error == "1004 Invalid token format"


def test_a_hint_that_is_no_error_adds_nothing() -> None:
    result = scanned("2026-10-01T12:00:00Z listening on port 1004\n")
    assert result.timeline == ()
    assert result.units == 1


def test_two_tokens_on_consecutive_lines_stay_two() -> None:
    first, second = har.token(TokenFormat.T1), har.token(TokenFormat.T1, seed=8)
    result = scanned(f"{first}\n{second}\n")
    assert [(t.token, t.where) for t in result.tokens] == [
        (first, (Where(line=1),)),
        (second, (Where(line=2),)),
    ]


def test_a_cut_token_is_not_glued_to_the_next_line() -> None:
    token = har.token(TokenFormat.T1)
    cut = token[:80]
    result = scanned(f"{cut}\nConnected to the session\n")
    assert [t.token for t in result.tokens] == [cut]
    assert result.has_problems


def test_chunking_never_changes_what_is_found() -> None:
    text, _ = har.console_log()
    whole = scanned(text)
    for size in (1, 5, 76, 4096):
        pieces = [text[i : i + size] for i in range(0, len(text), size)]
        assert scanned(*pieces).tokens == whole.tokens, size


# -- epoch -----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("time", "expected"),
    [
        ("2026-10-01T12:00:00Z", 1790856000),
        ("2026-10-01T12:00:00.999Z", 1790856000),
        ("2026-10-01T13:00:00+01:00", 1790856000),
        ("2026-10-01T12:00:00", None),
        ("2026-02-30T12:00:00Z", None),
        ("not a time", None),
        (None, None),
    ],
)
def test_epoch(time: str | None, expected: int | None) -> None:
    assert epoch(time) == expected
