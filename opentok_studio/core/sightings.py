"""What a scan finds (core/scan.py): places, tokens, sessions, the timeline,
and the Scanner that collects them with memory bounded (issue #16)."""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from enum import StrEnum

from opentok_studio.core.decoder import decode
from opentok_studio.core.har import Response
from opentok_studio.core.model import Credentials, Decoded, key_id
from opentok_studio.core.sessionid import belongs_to, decode_session_id
from opentok_studio.core.timeparse import format_utc

#: Distinct tokens (and session IDs, and timeline events) kept; beyond, the
#: scan goes on counting but keeps no more (memory stays bounded).
MAX_ITEMS = 10_000
#: Places kept per token or session ID; the rest are only counted.
MAX_WHERE = 100


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
                # An error after it is this token's, not the last one kept.
                self._last_token = None
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
