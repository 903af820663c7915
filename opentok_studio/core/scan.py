"""Scan what a customer sends (a HAR, a log) for every token, session and error.

Issue #16; spec/cli.md, scan. Pure: the caller hands in the text as chunks
(the faces read them through store/reader.py) and ``now``; a HAR is read entry
by entry (core/har.py), a log line by line (core/logtext.py), so memory stays
bounded whatever the size. Each distinct token is decoded once, with the
error its client got as ``client_error``, so the likely cause comes first.
"""

from __future__ import annotations

import bisect
import itertools
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field, replace
from datetime import datetime
from enum import StrEnum

from opentok_studio.core import finder, har, logtext
from opentok_studio.core.decoder import decode
from opentok_studio.core.errors import DecodeError
from opentok_studio.core.har import Response
from opentok_studio.core.model import Credentials, Decoded, key_id
from opentok_studio.core.sessionid import belongs_to, decode_session_id
from opentok_studio.core.timeparse import format_utc

#: Distinct tokens (and session IDs, and timeline events) kept; beyond, the
#: scan goes on counting but keeps no more (memory stays bounded).
MAX_ITEMS = 10_000
#: Places kept per token or session ID; the rest are only counted.
MAX_WHERE = 100
#: Lines a wrapped token may span.
MAX_WRAP_LINES = 64
#: How much of the input decides whether it is a HAR.
_SNIFF_CHARS = 4096


class Source(StrEnum):
    """What the input was read as (spec/cli.md, scan ``source``)."""

    HAR = "har"
    TEXT = "text"


class EventKind(StrEnum):
    """What happened at a point of the timeline."""

    RECEIVED = "received"  #: a response (or a received message) delivered a token
    SENT = "sent"  #: a request carried a token
    SEEN = "seen"  #: a log line holds a token
    SESSION = "session"  #: a session ID first appears
    ERROR = "error"  #: a log line reports a client error


@dataclass(frozen=True, slots=True)
class Where:
    """A place in the input: a HAR entry (0-based) and its part, or a line."""

    entry: int | None = None
    part: str | None = None
    line: int | None = None


@dataclass(frozen=True, slots=True)
class ScannedToken:
    """One distinct token and what became of it.

    Attributes:
        number: 1-based, in order of first appearance.
        token: the token text.
        where: the places that hold it (at most MAX_WHERE).
        occurrences: how many places hold it in all.
        time: the time of the first entry or line that holds it, or None.
        decoded: the verdict, ranked by ``client_error``.
        response: HAR: what the client got for the request that carried it.
        client_error: the error text the ranking used, or None.
        judged_at: Unix seconds the token was judged at: when the input says
            it was used (its request, or the last time a log gave), else
            the scan's ``now``.
    """

    number: int
    token: str
    where: tuple[Where, ...]
    occurrences: int
    time: str | None
    decoded: Decoded
    response: Response | None
    client_error: str | None
    judged_at: int


@dataclass(frozen=True, slots=True)
class SessionSighting:
    """A session ID in the input; ``belongs`` is None without credentials."""

    session_id: str
    where: tuple[Where, ...]
    api_key: str | None
    belongs: bool | None


@dataclass(frozen=True, slots=True)
class Event:
    """One line of the timeline; ``token`` is a ScannedToken number."""

    kind: EventKind
    where: Where
    time: str | None
    token: int | None = None
    session_id: str | None = None
    response: Response | None = None
    client_error: str | None = None


@dataclass(frozen=True, slots=True)
class ScanResult:
    """Everything a scan found (spec/cli.md, scan --json).

    Attributes:
        source: read as a HAR or as text.
        tokens: one per distinct token, in order of first appearance.
        session_ids: one per distinct session ID.
        timeline: what happened, in input order.
        units: HAR entries or text lines read.
        dropped: tokens, session IDs or events not kept (over MAX_ITEMS).
    """

    source: Source
    tokens: tuple[ScannedToken, ...]
    session_ids: tuple[SessionSighting, ...]
    timeline: tuple[Event, ...]
    units: int
    dropped: int = 0

    @property
    def has_problems(self) -> bool:
        """At least one token has a problem (exit 1)."""
        return any(t.decoded.problems for t in self.tokens)


@dataclass(slots=True)
class _Token:
    number: int
    where: list[Where] = field(default_factory=list)
    occurrences: int = 0
    time: str | None = None
    response: Response | None = None
    client_error: str | None = None
    expected_session: str | None = None
    used_at: int | None = None


class Scanner:
    """Collects sightings; ``result()`` decodes each distinct token once.

    Use ``scan()``; this is the step-by-step form for callers that show
    progress between chunks.
    """

    def __init__(self, source: Source) -> None:
        self.source = source
        self.units = 0
        self.dropped = 0
        self._tokens: dict[str, _Token] = {}
        self._sessions: dict[str, list[Where]] = {}
        self._events: list[Event] = []
        self._last_token: str | None = None

    def _keep(self, container: dict[str, _Token] | dict[str, list[Where]]) -> bool:
        if len(container) < MAX_ITEMS:
            return True
        self.dropped += 1
        return False

    def _event(self, event: Event) -> None:
        if len(self._events) < MAX_ITEMS:
            self._events.append(event)
        else:
            self.dropped += 1

    def add_token(
        self,
        token: str,
        where: Where,
        time: str | None,
        *,
        kind: EventKind,
        response: Response | None = None,
        session_id: str | None = None,
        used_at: int | None = None,
    ) -> None:
        """A token seen at ``where``; ``response`` when a request carried it;
        ``used_at``: Unix seconds of that request (or log line), if known."""
        known = self._tokens.get(token)
        first = known is None
        if known is None:
            if not self._keep(self._tokens):
                return
            number = len(self._tokens) + 1
            known = self._tokens[token] = _Token(number, time=time, used_at=used_at)
        known.occurrences += 1
        if len(known.where) < MAX_WHERE and where not in known.where:
            known.where.append(where)
        # The first failure explains the token best; else the first answer.
        if (
            kind is EventKind.SENT
            and response is not None
            and (
                known.response is None
                or (response.failed and not known.response.failed)
            )
        ):
            known.response = response
            known.client_error = response.client_error
            known.expected_session = session_id
        self._last_token = token
        # Every request that carried it counts (retries); other sightings once.
        if first or kind is EventKind.SENT:
            self._event(Event(kind, where, time, known.number, session_id, response))

    def add_session(self, session_id: str, where: Where, time: str | None) -> None:
        """A session ID seen at ``where``."""
        places = self._sessions.get(session_id)
        if places is None:
            if not self._keep(self._sessions):
                return
            places = self._sessions[session_id] = []
            self._event(Event(EventKind.SESSION, where, time, session_id=session_id))
        if len(places) < MAX_WHERE and where not in places:
            places.append(where)

    def add_error(self, client_error: str, where: Where, time: str | None) -> None:
        """A log line reports a client error: it belongs to the last token."""
        known = self._tokens.get(self._last_token or "")
        if known is not None and known.client_error is None:
            known.client_error = client_error
        number = known.number if known is not None else None
        self._event(
            Event(EventKind.ERROR, where, time, number, client_error=client_error)
        )

    def result(self, credentials: Credentials | None, *, now: int) -> ScanResult:
        """Decode every token (ranked by what its client got) and wrap up."""
        tokens = []
        for text, seen in self._tokens.items():
            # Judged when it was used: a HAR from last month holds tokens that
            # have expired since, but were they good when the client sent them?
            at = seen.used_at if seen.used_at is not None else now
            decoded = decode(
                text,
                credentials,
                now=at,
                expected_session_id=seen.expected_session,
                client_error=seen.client_error,
            )
            if at != now:
                note = f"judged at {format_utc(at)}, when the input shows it in use"
                decoded = replace(decoded, notes=(*decoded.notes, note))
            tokens.append(
                ScannedToken(
                    seen.number,
                    text,
                    tuple(seen.where),
                    seen.occurrences,
                    seen.time,
                    decoded,
                    seen.response,
                    seen.client_error,
                    at,
                )
            )
        key = key_id(credentials)
        sessions = []
        for sid, places in self._sessions.items():
            info = decode_session_id(sid)
            belongs = belongs_to(info, key) if key is not None else None
            sessions.append(SessionSighting(sid, tuple(places), info.api_key, belongs))
        return ScanResult(
            self.source,
            tuple(tokens),
            tuple(sessions),
            tuple(self._events),
            self.units,
            self.dropped,
        )


def scan(
    chunks: Iterable[str],
    credentials: Credentials | None = None,
    *,
    now: int,
    named_har: bool = False,
) -> ScanResult:
    """Every token and session ID in a HAR or a log, decoded and paired.

    Args:
        chunks: the input's text in pieces of any size (a file read in
            chunks); an iterator that raises stops the scan with its error.
        credentials: check signatures and keys, as ``decode`` does.
        now: Unix seconds to judge times against.
        named_har: the input says it is a HAR (its file name): it must be one.

    Raises:
        DecodeError: the input is empty, binary, or a broken HAR.
        CredentialsError: as ``decode``.
    """
    scanner = Scanner(Source.TEXT)
    stream = _checked(chunks)
    head = _head(stream)
    if not head.strip("\ufeff \t\r\n"):
        raise DecodeError("the input is empty: there is nothing to scan")
    rest = itertools.chain([head], stream)
    if named_har or har.looks_like_har(head):
        if head.lstrip("\ufeff \t\r\n")[:1] != "{":
            raise DecodeError(
                "the file is named as a HAR but is not JSON: save the HAR again "
                "from the browser (Network panel, Save all as HAR)"
            )
        scanner.source = Source.HAR
        scan_har(scanner, rest)
    else:
        scan_text(scanner, rest)
    return scanner.result(credentials, now=now)


def _checked(chunks: Iterable[str]) -> Iterator[str]:
    for chunk in chunks:
        if "\x00" in chunk:
            raise DecodeError(
                "the input holds binary data (NUL bytes), not text: give a HAR "
                "file or a text log"
            )
        yield chunk


def _head(stream: Iterator[str]) -> str:
    head = ""
    for chunk in stream:
        head += chunk
        if len(head.lstrip()) >= _SNIFF_CHARS:
            break
    return head


def scan_har(scanner: Scanner, chunks: Iterable[str]) -> None:
    """Feed every entry of a HAR to ``scanner``."""
    for index, entry in har.iter_entries(chunks):
        scanner.units = index + 1
        time = har.entry_time(entry)
        used_at = epoch(time)
        response = har.entry_response(entry)
        sessions = finder.find_session_ids(har.request_url(entry).partition("?")[0])
        joined = sessions[0].text if sessions else None
        for part in har.entry_parts(entry):
            where = Where(entry=index, part=part.name)
            for sid in finder.find_session_ids(part.text):
                scanner.add_session(sid.text, where, time)
            for found in finder.find_tokens(part.text, any_jwt=part.any_jwt):
                scanner.add_token(
                    found.text,
                    where,
                    time,
                    kind=EventKind.SENT if part.sent else EventKind.RECEIVED,
                    response=response if part.sent else None,
                    session_id=joined if part.sent else None,
                    used_at=used_at,
                )


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
