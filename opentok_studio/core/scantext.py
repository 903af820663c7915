"""Logs as text (core/scan.py): every token, session ID and client error, a
block of lines at a time; a token wrapped across lines is joined again."""

from __future__ import annotations

import bisect
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from datetime import datetime

from opentok_studio.core import finder, logtext
from opentok_studio.core.sightings import EventKind, Scanner, Where

#: Lines a wrapped token may span.
MAX_WRAP_LINES = 64
#: Lines (and characters) held back at a block's end so a token wrapped
#: across the break is still seen whole: a token is at most 64 KB.
_HOLD_LINES = MAX_WRAP_LINES
_HOLD_CHARS = 2 * finder.MAX_TOKEN_CHARS


def scan_text(scanner: Scanner, chunks: Iterable[str]) -> None:
    """Feed every line of a log to ``scanner``; a token wrapped across lines
    is joined again.

    The finders run over blocks of lines, not line by line (a line's own
    overhead was most of the time): each block's last lines are held back
    and scanned with the next, so a wrap across the break is not missed.
    """
    state = _TextState()
    pending = ""
    blocks = logtext.iter_blocks(chunks)
    block = next(blocks, None)
    while block is not None:
        following = next(blocks, None)
        text = pending + block
        cut = len(text) if following is None else _hold_back(text)
        _scan_block(scanner, state, text, cut)
        state.line += text.count("\n", 0, cut)
        state.consumed = [(a - cut, b - cut) for a, b in state.consumed if b > cut]
        pending = text[cut:]
        block = following
    scanner.units = state.line - (1 if pending == "" and state.ended_with_break else 0)


def _hold_back(text: str) -> int:
    """Where the held-back tail of a block starts (after a line break)."""
    cut = len(text)
    for _ in range(_HOLD_LINES):
        before = text.rfind("\n", 0, cut - 1) + 1 if cut > 1 else 0
        if len(text) - before > _HOLD_CHARS:
            break
        cut = before
        if cut == 0:
            break  # too little yet: all of it waits for the next block
    return cut


@dataclass(slots=True)
class _TextState:
    line: int = 1  #: the number of the line the next block starts on
    last_at: int | None = None  #: last time with a known offset
    consumed: list[tuple[int, int]] = field(default_factory=list)
    ended_with_break: bool = True


class _Spans:
    """Sorted, disjoint spans of a text; ``holds(pos)`` in O(log n)."""

    def __init__(self, spans: Iterable[tuple[int, int]]) -> None:
        ordered = sorted(spans)
        self._starts = [a for a, _ in ordered]
        self._ends = [b for _, b in ordered]

    def holds(self, pos: int) -> bool:
        i = bisect.bisect_right(self._starts, pos) - 1
        return i >= 0 and pos < self._ends[i]


def _scan_block(scanner: Scanner, state: _TextState, text: str, cut: int) -> None:
    """Report every hit that starts before ``cut``, in input order."""
    hits: list[tuple[int, int, str]] = []  # (position, kind, text)
    hits += [(f.start, 0, f.text) for f in finder.find_session_ids(text[:cut])]
    hits += [(f.start, 1, f.text) for f in finder.find_tokens(text)
             if f.start < cut]  # fmt: skip
    wrapped: list[tuple[int, int, str]] = []
    for start, end in _line_end_runs(text, cut):
        joined = _unwrap(text, start, end, state.consumed)
        if joined is not None:
            wrapped.append((start, end, joined))
    if wrapped:
        # The pieces found on the first line of a wrapped token are its start.
        pieces = _Spans((a, b) for a, b, _ in wrapped)
        hits = [h for h in hits if not (h[1] == 1 and pieces.holds(h[0]))]
        hits += [(a, 1, joined) for a, _, joined in wrapped]
    hits += [(pos, 2, "") for pos in logtext.error_hints(text, cut)]
    hits.sort()
    consumed = _Spans(state.consumed)
    line, counted = state.line, 0
    seen_errors: set[int] = set()
    for pos, kind, found in hits:
        if consumed.holds(pos):
            continue  # inside a wrapped token's later lines
        line += text.count("\n", counted, pos)
        counted = pos
        begin = text.rfind("\n", 0, pos) + 1
        time = logtext.line_time(text[begin : begin + 96])
        # Judged at the last time with a known offset: the line's own, or
        # that of a line just before it (a log is written in order).
        state.last_at = epoch(time or logtext.time_before(text, pos)) or state.last_at
        where = Where(line=line)
        if kind == 0:
            scanner.add_session(found, where, time)
        elif kind == 1:
            scanner.add_token(
                found, where, time, kind=EventKind.SEEN, used_at=state.last_at
            )
        elif line not in seen_errors:
            seen_errors.add(line)
            stop = text.find("\n", pos)
            error = logtext.client_error_in(text[begin : stop if stop >= 0 else None])
            if error is not None:
                scanner.add_error(error, where, time)
    state.ended_with_break = text.endswith("\n")


_STARTS = re.compile(r"T1(?:=|%3[dD]|\\u003[dD]){2}|eyJ")
_RUN_AT = re.compile(r"[A-Za-z0-9+/=_.%\\-]*+[ \t\r]*+")


def _line_end_runs(text: str, cut: int) -> Iterator[tuple[int, int]]:
    """``(start, end)`` of each token start (``T1==``, ``eyJ``) whose run of
    token characters ends a line, before ``cut``: where a token wrapped onto
    the next line was cut. Each run is read once, from its first start."""
    m = _STARTS.search(text, 0, cut)
    while m is not None:
        run = _RUN_AT.match(text, m.start())
        end = run.end() if run else m.end()
        if text.startswith("\n", end):
            yield m.start(), end
        m = _STARTS.search(text, max(end, m.end()), cut)


def epoch(time: str | None) -> int | None:
    """Unix seconds of an ISO 8601 time that names its offset; None for a
    time without one (whose zone no one knows) or none at all."""
    if time is None:
        return None
    try:
        parsed = datetime.fromisoformat(time)
    except ValueError:
        return None
    if parsed.tzinfo is None:
        return None
    try:
        return int(parsed.timestamp())
    except (OverflowError, OSError, ValueError):
        return None


def _unwrap(
    text: str, start: int, end: int, consumed: list[tuple[int, int]]
) -> str | None:
    """The token starting at ``text[start:]`` (whose line ends at ``end``),
    joined with the lines it was wrapped onto; None when no join makes it
    whole. The lines taken are added to ``consumed`` (absolute spans).

    A hard wrap fills every line to one width: the token goes on while the
    line it is on ends at that width. Of the joins, the longest whole one
    wins, so a whole token is not glued to the next line's first word.
    """
    line_start = text.rfind("\n", 0, start) + 1
    width = len(text[line_start:end].rstrip())
    joined = finder.unescape(text[start : line_start + width])
    if not finder.can_go_on(joined):
        return None
    # A whole token followed by a line that starts another: two tokens.
    whole = finder.is_whole(joined)
    best: tuple[str, list[tuple[int, int]]] | None = None
    taken: list[tuple[int, int]] = []
    pos = text.find("\n", end) + 1
    for _ in range(MAX_WRAP_LINES):
        if pos <= 0 or pos >= len(text):
            break
        stop = text.find("\n", pos)
        stop = len(text) if stop < 0 else stop
        room = finder.MAX_TOKEN_CHARS - len(joined)
        m = _CONTINUATION.match(text, pos, min(stop, pos + room + 64))
        if m is None or not m.group(2) or len(m.group(2)) > room:
            break
        if whole and not taken and m.group(2).startswith(("eyJ", "T1")):
            break
        joined += finder.unescape(m.group(2))
        taken.append((pos, m.end(2)))
        if finder.is_whole(joined):
            best = (joined, list(taken))
        if m.end() != stop or m.end(2) - pos != width:
            break  # a shorter line: the token's last
        pos = stop + 1
    if best is None:
        return None
    consumed.extend(best[1])
    return best[0]


_CONTINUATION = finder.CONTINUATION
