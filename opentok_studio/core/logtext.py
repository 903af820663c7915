"""Logs as lines: bounded pieces, the time a line gives, the error it reports."""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator

from opentok_studio.core.sessionid import MONTHS

#: A line longer than this is read in pieces (a minified JSON log line).
MAX_LINE_CHARS = 1024 * 1024
#: Text scanned at once: the finders run over a block, not line by line.
BLOCK_CHARS = 256 * 1024
#: A piece is cut after a character no token holds, searched this far back.
_CUT_SEARCH = 64 * 1024
_NOT_TOKEN = re.compile(r"[^A-Za-z0-9+/=_.%\\-]")

_ISO = re.compile(
    r"(\d{4}-\d{2}-\d{2})[T ](\d{2}:\d{2}:\d{2})(?:[.,](\d{1,9}))?"
    r" ?(Z|[+-]\d{2}:?\d{2})?(?![\d:])"
)
_CLF = re.compile(
    r"\[(\d{2})/([A-Z][a-z]{2})/(\d{4}):(\d{2}:\d{2}:\d{2}) ([+-]\d{4})\]"
)
#: Where a line's own time is written: its start (logger prefixes).
_TIME_SEARCH = 96

#: Client error codes (notes/support-knowledge.md section 3) and the words
#: that make a number in a line an error code rather than, say, a port.
_CODE = re.compile(r"(?<!\d)(1004|1005|1006|1010|1011|1026|1027|1403|1500)(?!\d)")
_ERROR_WORDS = re.compile(r"(?i)error|fail|exception|code|reject|refused|denied")
#: Messages the client SDKs print, as support reads them (key on the words).
_MESSAGES = [
    "Invalid token format",
    "Token has expired",
    "The API key does not match the token or session",
    "The token does not match the session ID",
    "Invalid session ID",
    "Unauthorized token",
    "Invalid signature",
    "Authentication error",
    "Token null or invalid parameter",
]
_MESSAGE = re.compile(
    "|".join(re.escape(m).replace(r"\ ", r"\s+") for m in _MESSAGES)
    + r"|token\s+(?:is\s+)?expired",
    re.IGNORECASE,
)


def iter_blocks(chunks: Iterable[str], size: int | None = None) -> Iterator[str]:
    """The text in blocks of about ``size`` characters that end at a line
    break, so a block never splits a line (and no line is ever re-read).

    A line longer than MAX_LINE_CHARS is handed on in pieces, each cut after
    a character no token holds, so no token is split.
    """
    size = size or BLOCK_CHARS
    buffered: list[str] = []
    length, need = 0, size
    for chunk in chunks:
        buffered.append(chunk)
        length += len(chunk)
        if length < need:
            continue  # tiny chunks are joined, never re-scanned one by one
        text = "".join(buffered)
        start = 0
        while len(text) - start >= size:
            end = text.rfind("\n", start, start + size) + 1
            if end == 0:  # one line longer than a block
                end = text.find("\n", start + size) + 1
                if end == 0 or end - start > MAX_LINE_CHARS:
                    if len(text) - start <= MAX_LINE_CHARS:
                        break  # wait for the line's end
                    end = start + _safe_cut(text[start : start + MAX_LINE_CHARS + 1])
            yield text[start:end]
            start = end
        rest = text[start:]
        buffered, length = ([rest], len(rest)) if rest else ([], 0)
        # A long line waits for another block's worth before a new look.
        need = max(size, length + size) if length >= size else size
    if buffered:
        yield "".join(buffered)


def _safe_cut(text: str) -> int:
    lo = MAX_LINE_CHARS - _CUT_SEARCH
    last = None
    for m in _NOT_TOKEN.finditer(text, lo, MAX_LINE_CHARS):
        last = m
    return last.end() if last is not None else MAX_LINE_CHARS


#: A hit's own line, or one of these just before it, gives its time.
TIME_LOOKBACK_LINES = 8


def time_before(text: str, pos: int, floor: int = 0) -> str | None:
    """The time of the line holding ``pos``, or of one of the few lines
    before it (a token wrapped onto a line of its own), within ``floor:``."""
    end = pos
    for _ in range(TIME_LOOKBACK_LINES):
        start = max(floor, text.rfind("\n", floor, end) + 1) if end > floor else floor
        found = line_time(text[start : start + _TIME_SEARCH])
        if found is not None or start <= floor:
            return found
        end = start - 1
    return None


def line_time(line: str) -> str | None:
    """The ISO 8601 time at the start of a log line, when it has a date.

    Reads ``2026-12-01T18:33:16.123Z``, ``2026-12-01 18:33:16,123 +0100``
    (Xcode, Python, Java loggers) and ``[01/Dec/2026:18:33:16 +0000]``
    (web servers). Lines without a year (logcat, syslog) give None.
    """
    head = line[:_TIME_SEARCH]
    # The line's own start only: a short line must not take the next one's time.
    head = head[: head.find("\n")] if "\n" in head else head
    m = _ISO.search(head)
    if m is not None:
        date, clock, frac, zone = m.groups()
        text = f"{date}T{clock}" + (f".{frac}" if frac else "")
        if zone:
            text += "Z" if zone == "Z" else f"{zone[:3]}:{zone[-2:]}"
        return text
    m = _CLF.search(head)
    if m is not None and m.group(2) in MONTHS:
        day, month, year, clock, zone = m.groups()
        number = MONTHS.index(month) + 1
        return f"{year}-{number:02d}-{day}T{clock}{zone[:3]}:{zone[-2:]}"
    return None


def client_error_in(line: str) -> str | None:
    """The client error a log line reports: its code and the SDK's message as
    the log words it (``1004 Invalid token format``), or None. Nothing else of
    the line is kept."""
    m = _MESSAGE.search(line)
    message = " ".join(m.group().split()) if m else None
    code = _CODE.search(line)
    number = code.group() if code and (message or _ERROR_WORDS.search(line)) else None
    if number is None and message is None:
        return None
    return " ".join(w for w in (number, message) if w)


#: Where a client error may be, in lower-cased text: a code or the start of
#: a message (case-insensitive alternations are ten times slower).
_HINT_LOWER = re.compile(
    r"1(?:00[456]|01[01]|02[67]|403|500)(?!\d)|invalid (?:token|session|signature)"
    r"|token (?:has |is )?expired|does not match|unauthori[sz]ed token"
    r"|authentication error|token null"
)
_HINT_ANY_CASE = re.compile(_HINT_LOWER.pattern, re.IGNORECASE)


#: error_hints lower-cases this much at a time: str.lower() of non-ASCII
#: text allocates up to 12 bytes a character (27 MB for a 2 MB block).
_HINT_SLICE = 65_536
#: Longer than any hint, so a hint across two slices is still seen.
_HINT_OVERLAP = 64


def error_hints(text: str, end: int) -> Iterator[int]:
    """Positions in ``text[:end]`` where a client error may be reported;
    ``client_error_in`` on their line decides."""
    for start in range(0, end, _HINT_SLICE):
        stop = min(end, start + _HINT_SLICE)
        piece = text[start : min(end, stop + _HINT_OVERLAP)]
        lower = piece.lower()
        if len(lower) == len(piece):
            found = _HINT_LOWER.finditer(lower)
        else:  # lower() changed a length (e.g. "İ"): positions would not match
            found = _HINT_ANY_CASE.finditer(piece)
        # A hint starting in the overlap is the next slice's.
        yield from (start + m.start() for m in found if m.start() < stop - start)
