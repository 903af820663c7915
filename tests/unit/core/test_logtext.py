"""core/logtext.py: logs in bounded blocks, a line's time, the error it reports."""

from __future__ import annotations

import pytest

from opentok_studio.core import logtext


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


# -- iter_blocks -----------------------------------------------------------------


def test_a_block_never_splits_a_short_line() -> None:
    text = "".join(f"line {i:04d} of the log\n" for i in range(500))
    pieces = [text[i : i + 3] for i in range(0, len(text), 3)]
    blocks = list(logtext.iter_blocks(pieces, size=100))
    assert "".join(blocks) == text
    assert all(b.endswith("\n") for b in blocks)
    # Tiny chunks are joined: far fewer blocks than chunks, each near the size.
    assert len(blocks) < len(pieces) // 20
    assert all(len(b) <= 100 for b in blocks)


def test_no_chunks_give_no_block() -> None:
    assert list(logtext.iter_blocks([])) == []


def test_a_line_longer_than_a_block_waits_for_its_end() -> None:
    long_line = "y" * 250 + "\n"
    text = "a\n" + long_line + "b\n"
    pieces = [text[i : i + 10] for i in range(0, len(text), 10)]
    blocks = list(logtext.iter_blocks(pieces, size=64))
    assert "".join(blocks) == text
    assert any(long_line in b for b in blocks)  # whole: under MAX_LINE_CHARS


def test_an_overlong_line_is_cut_after_a_non_token_character(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(logtext, "MAX_LINE_CHARS", 200)
    monkeypatch.setattr(logtext, "_CUT_SEARCH", 100)
    token = "T1==" + "A" * 60  # across MAX_LINE_CHARS: a plain cut splits it
    text = "x" * 149 + " " + token + " " + "z" * 200 + "\n"
    blocks = list(logtext.iter_blocks([text], size=64))
    assert "".join(blocks) == text
    assert blocks[0] == "x" * 149 + " "  # cut after the last blank in reach
    assert blocks[1].startswith(token)


# -- line_time -------------------------------------------------------------------


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        ("2026-12-01T18:33:16.123Z app: hi", "2026-12-01T18:33:16.123Z"),
        ("2026-12-01 18:33:16,123 +0100 INFO x", "2026-12-01T18:33:16.123+01:00"),
        ("2026-12-01T18:33:16+01:00 x", "2026-12-01T18:33:16+01:00"),
        ("2026-12-01T18:33:16.123456789Z ns", "2026-12-01T18:33:16.123456789Z"),
        ("2026-12-01 18:33:16 no zone", "2026-12-01T18:33:16"),
        ("[01/Dec/2026:18:33:16 +0000] GET /", "2026-12-01T18:33:16+00:00"),
        ('1.2.3.4 - - [09/Feb/2026:07:05:01 -0500] "GET', "2026-02-09T07:05:01-05:00"),
    ],
)  # fmt: skip
def test_line_time_reads_the_common_logger_formats(line: str, expected: str) -> None:
    assert logtext.line_time(line) == expected


@pytest.mark.parametrize(
    "line",
    [
        "12-01 18:33:16.123  1234  1234 D OT: logcat has no year",
        "Dec  1 18:33:16 host app[1]: syslog has no year",
        "[01/Foo/2026:18:33:16 +0000] not a month",
        "2026-12-01T18:33:16:99 not a clock",
        "x" * 100 + " 2026-12-01T18:33:16Z too far into the line",
        "",
    ],
)
def test_line_time_is_none_without_a_dated_start(line: str) -> None:
    assert logtext.line_time(line) is None


# -- time_before -----------------------------------------------------------------


def test_time_before_reads_the_hits_own_line_first() -> None:
    text = "2026-10-01T12:00:00Z a\n2026-10-01T12:00:05Z b token\n"
    assert logtext.time_before(text, text.index("token")) == "2026-10-01T12:00:05Z"


def test_time_before_reads_a_line_just_before() -> None:
    text = "2026-10-01T12:00:00Z token follows\nT1==AAAA\n"
    assert logtext.time_before(text, text.index("T1==")) == "2026-10-01T12:00:00Z"


def test_time_before_looks_back_only_a_few_lines() -> None:
    near = "2026-10-01T12:00:00Z head\n" + "w\n" * 2
    assert logtext.time_before(near + "hit", len(near)) == "2026-10-01T12:00:00Z"
    far = "2026-10-01T12:00:00Z head\n" + "w\n" * logtext.TIME_LOOKBACK_LINES
    assert logtext.time_before(far + "hit", len(far)) is None


def test_time_before_is_none_without_a_dated_line() -> None:
    text = "no time here\nT1==AAAA\n"
    assert logtext.time_before(text, text.index("T1==")) is None


# -- client_error_in -------------------------------------------------------------


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        ("OT: connect failed (1004) Invalid token format",
         "1004 Invalid token format"),
        ("error 1004 Invalid\ttoken   format", "1004 Invalid token format"),
        ("OT_AUTHENTICATION_ERROR (1004) token has expired",
         "1004 token has expired"),
        ("connect failed: 1403", "1403"),
        ("Token has expired", "Token has expired"),
        ("the token is expired now", "token is expired"),
        ("listening on port 1004", None),
        ("error code 10040", None),
        ("all good", None),
    ],
)  # fmt: skip
def test_client_error_in(line: str, expected: str | None) -> None:
    assert logtext.client_error_in(line) == expected


def test_client_error_in_keeps_nothing_else_of_the_line() -> None:
    line = "2026-10-01 user=ann@example.com failed 1004 Invalid token format T1==AB"
    assert logtext.client_error_in(line) == "1004 Invalid token format"


# -- error_hints -----------------------------------------------------------------


def test_error_hints_stop_at_end() -> None:
    text = "error 1004 here\nand 1005 there\n"
    assert list(logtext.error_hints(text, len(text))) == [6, 20]
    assert list(logtext.error_hints(text, text.index("\n"))) == [6]


def test_error_hints_with_a_character_lower_changes_in_length() -> None:
    text = "İİ Unauthorized token"  # "İ".lower() is two characters long
    assert [text[p : p + 12] for p in logtext.error_hints(text, len(text))] == [
        "Unauthorized"
    ]


def test_a_short_line_does_not_take_the_next_lines_time() -> None:
    # The 96-character window ran into the next line (a mirror test found it).
    text = "connect failed 1004\n2026-10-01T13:00:00Z reconnecting\n"
    assert logtext.line_time(text) is None
    assert logtext.time_before(text, text.index("1004")) is None


def test_time_before_stays_within_its_floor() -> None:
    text = "2026-10-01T12:00:00Z above the floor no break T1==AAAA"
    floor = text.index("above")
    assert logtext.time_before(text, text.index("T1=="), floor) is None
    assert logtext.time_before(text, text.index("T1==")) == "2026-10-01T12:00:00Z"
