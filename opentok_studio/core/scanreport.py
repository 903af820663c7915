"""A scan in words: places, verdicts, the timeline, and the ticket-safe report."""

from __future__ import annotations

from opentok_studio.core.explain import printable
from opentok_studio.core.har import Response
from opentok_studio.core.report import ticket_report
from opentok_studio.core.scan import (
    Event,
    EventKind,
    ScannedToken,
    ScanResult,
    SessionSighting,
    Source,
    Where,
)

#: What a source is counted in: (one, many).
_UNIT = {Source.HAR: ("entry", "entries"), Source.TEXT: ("line", "lines")}
_DID = {
    EventKind.RECEIVED: "received",
    EventKind.SENT: "sent",
    EventKind.SEEN: "appears",
}


def where_text(w: Where) -> str:
    """``entry 1, header X-TB-TOKEN-AUTH`` or ``line 4``."""
    if w.line is not None:
        return f"line {w.line}"
    return f"entry {w.entry}, {w.part}" if w.part else f"entry {w.entry}"


def places_text(places: tuple[Where, ...], occurrences: int | None = None) -> str:
    """Every kept place; ``(seen N times in all)`` when some were only counted."""
    text = "; ".join(where_text(w) for w in places)
    if occurrences is not None and occurrences > len(places):
        text += f" (seen {occurrences:,} times in all)"
    return text


def response_text(r: Response | None) -> str:
    """``403, 1004 Invalid token format``; ``(none)`` without a response."""
    if r is None:
        return "(none)"
    status = str(r.status) if r.status else "no answer (the request failed)"
    words = [str(r.error_code) if r.error_code is not None else "", r.message or ""]
    detail = printable(" ".join(w for w in words if w))
    return f"{status}, {detail}" if detail else status


def verdict_text(t: ScannedToken) -> str:
    """``OK`` or ``REJECTED: truncated`` (the most likely cause)."""
    problems = t.decoded.problems
    return f"REJECTED: {problems[0].code.value}" if problems else "OK"


def summary(result: ScanResult) -> str:
    """``Read as a HAR: 7 entries, 4 tokens (2 with problems), 1 session ID.``"""
    bad = sum(1 for t in result.tokens if t.decoded.problems)
    kind = "a HAR" if result.source is Source.HAR else "text"
    n, s = len(result.tokens), len(result.session_ids)
    text = (
        f"Read as {kind}: {result.units:,} {_UNIT[result.source][result.units != 1]}, {n} token"
        f"{'' if n == 1 else 's'} ({bad} with problems), {s} session ID"
        f"{'' if s == 1 else 's'}."
    )
    if result.dropped:
        text += f" {result.dropped:,} more sightings were over the limit and not kept."
    return text


def session_text(s: SessionSighting) -> str:
    """A session ID with its key and whether it is the credentials' own."""
    belongs = {True: ", belongs to the given key", False: ", NOT of the given key"}
    return (
        f"{printable(s.session_id)}  (key {printable(s.api_key or '?')}"
        f"{belongs.get(s.belongs, '') if s.belongs is not None else ''}); "
        f"{places_text(s.where)}"
    )


def event_text(e: Event, tokens: dict[int, ScannedToken]) -> str:
    """One timeline line: when, where, what, and why it failed."""
    when = e.time or "(no time)"
    at = where_text(e.where)
    if e.kind is EventKind.SESSION:
        return f"{when}  {at}: session {printable(e.session_id or '')} appears"
    token = tokens.get(e.token) if e.token is not None else None
    if e.kind is EventKind.ERROR:
        about = f" (after token #{e.token})" if e.token is not None else ""
        return f"{when}  {at}: the client reports {e.client_error}{about}"
    text = f"{when}  {at}: token #{e.token} {_DID[e.kind]}"
    session = e.session_id or (token.decoded.session_id if token else None)
    if session:
        text += f" for session {printable(session)}"
    if e.response is not None:
        text += f"; answer {response_text(e.response)}"
    if token is not None:
        text += f" -> {_why(token)}"
    return text


def _why(t: ScannedToken) -> str:
    if not t.decoded.problems:
        return "OK"
    first = t.decoded.problems[0]
    return f"{first.code.value}: {printable(first.message)}"


def timeline_lines(result: ScanResult) -> list[str]:
    """The timeline, one line per event, in input order."""
    tokens = {t.number: t for t in result.tokens}
    return [event_text(e, tokens) for e in result.timeline]


def scan_report(result: ScanResult, now: int) -> str:
    """Plain text to paste into a ticket: no token text, no signature, data
    masked; places name only the part that held a token (cookies and other
    headers are never read)."""
    lines = ["OpenTok Studio scan report", summary(result), ""]
    for t in result.tokens:
        lines.append(f"Token #{t.number}: {verdict_text(t)}")
        lines.append(f"Where: {places_text(t.where, t.occurrences)}")
        lines.append(f"First seen: {t.time or '(no time in the input)'}")
        if result.source is Source.HAR:
            lines.append(f"Answer to the request that carried it: "
                         f"{response_text(t.response)}")  # fmt: skip
        if t.client_error:
            lines.append(f"Client error used to rank the causes: {t.client_error}")
        body = ticket_report(t.decoded, now).splitlines()[1:]
        lines += ["  " + line if line else "" for line in body]
        lines.append("")
    if result.session_ids:
        lines.append("Session IDs:")
        lines += [f"  {session_text(s)}" for s in result.session_ids]
        lines.append("")
    if result.timeline:
        lines.append("Timeline:")
        lines += [f"  {line}" for line in timeline_lines(result)]
    return "\n".join(lines).rstrip("\n") + "\n"
