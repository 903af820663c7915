"""Pull a token out of whatever a user pastes: whitespace, quotes, a URL, JSON, a log line."""

from __future__ import annotations

import re
from dataclasses import dataclass
from urllib.parse import unquote

from opentok_studio.core import limits
from opentok_studio.core.errors import DecodeError

# Linear-time patterns (no nested quantifiers): safe on megabytes of text.
_T1_IN_TEXT = re.compile(r"T1==[A-Za-z0-9+/]+=*")
_JWT_IN_TEXT = re.compile(r"eyJ[A-Za-z0-9_-]*(?:\.[A-Za-z0-9_-]*){1,2}")
_QUOTES = "\"'`"


@dataclass(frozen=True, slots=True)
class Extracted:
    """A token candidate and where it was found.

    Attributes:
        token: the candidate, surrounding noise removed.
        source: ``plain``, ``quotes``, ``url``, ``json`` or ``text``.
    """

    token: str
    source: str


def extract_token(text: str) -> Extracted:
    """The token in ``text``.

    A text that is one word starting with ``T1==`` or ``eyJ`` is taken whole,
    damage and all, so the decoder can say what is wrong with it.

    Raises:
        DecodeError: no token can be recognised, or the text is too large.
    """
    if len(text) > limits.MAX_INPUT_CHARS:
        raise DecodeError(
            f"the text is {len(text):,} characters; a token is at most a few "
            f"thousand, and at most {limits.MAX_INPUT_CHARS:,} are read: paste "
            "only the token or the line that holds it"
        )
    stripped = text.strip()
    source = "plain"
    if len(stripped) >= 2 and stripped[0] == stripped[-1] and stripped[0] in _QUOTES:
        stripped = stripped[1:-1].strip()
        source = "quotes"
    if not stripped:
        raise DecodeError("nothing to decode: the text is empty")
    if not any(c.isspace() for c in stripped) and stripped.startswith(("T1==", "eyJ")):
        return Extracted(stripped, source)

    context = _context(stripped)
    # JSON writers may escape "/" as "\/"; URLs percent-encode "=" and "+".
    candidates = [stripped.replace("\\/", "/")]
    if "%" in stripped:
        candidates.append(unquote(candidates[0]))
    for candidate in candidates:
        found = [m for p in (_T1_IN_TEXT, _JWT_IN_TEXT) for m in p.finditer(candidate)]
        if found:
            first = min(found, key=lambda m: m.start())
            return Extracted(first.group(0), context)
    raise DecodeError(
        "no token found in the text: a token starts with T1== (legacy) or eyJ "
        "(a JWT); paste the whole token"
    )


def _context(text: str) -> str:
    if text[:1] in "{[":
        return "json"
    if "://" in text or re.search(r"[?&][A-Za-z_]+=", text):
        return "url"
    return "text"
