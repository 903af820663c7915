"""Where pasted or dropped text belongs: the decoder, the session field or a scan.

The window takes a paste or a drop anywhere and puts it in the right place
without the user choosing a tab first (#16); this decides which, in time
linear in the text.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from opentok_studio.core.finder import find_session_ids, find_tokens

#: A HAR says so in its first characters: {"log": {"version": ..., "entries"
_HAR_SNIFF = 4096
#: One token pasted with a little around it (quotes, a URL, a JSON line).
_ONE_TOKEN_CHARS = 70 * 1024


class Destination(StrEnum):
    """Where a paste goes."""

    DECODE = "decode"  #: one token: decode it
    SESSION = "session"  #: one session ID, no token: the form's session field
    SCAN = "scan"  #: a HAR, or a log with several tokens or session IDs
    NOWHERE = "nowhere"  #: nothing we read


@dataclass(frozen=True, slots=True)
class Route:
    """A paste's destination and what to put there (the token or the ID)."""

    destination: Destination
    value: str
    said: str  #: what the window tells the user it did


def route(text: str) -> Route:
    """Decide where ``text`` goes."""
    head = text.lstrip()[:_HAR_SNIFF]
    if (
        head.startswith("{")
        and '"log"' in head
        and '"entries"' in text[: _HAR_SNIFF * 4]
    ):
        return Route(Destination.SCAN, text, "A HAR file: scanned for every token.")
    if len(text) <= _ONE_TOKEN_CHARS:
        tokens = {f.text for f in find_tokens(text, any_jwt=True)}
        sessions = {f.text for f in find_session_ids(text)}
        if len(tokens) == 1 and not _is_log(text):
            token = tokens.pop()
            return Route(
                Destination.DECODE, token, "A token: decoded on the Decode tab."
            )
        if not tokens and len(sessions) == 1 and not _is_log(text):
            sid = sessions.pop()
            return Route(
                Destination.SESSION,
                sid,
                "A session ID: it is in the form's session field.",
            )
        if not tokens and not sessions:
            return Route(
                Destination.NOWHERE,
                "",
                "Nothing to use in the pasted text: no token, session ID or HAR.",
            )
    return Route(Destination.SCAN, text, "A log: scanned for every token and session.")


def _is_log(text: str) -> bool:
    # Several non-empty lines read as a log, whatever they hold.
    return sum(1 for line in text.splitlines() if line.strip()) > 3
