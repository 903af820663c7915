"""Pull a token out of whatever a user pastes: whitespace, quotes, a URL, JSON, a log line."""

from __future__ import annotations

import base64
import binascii
import re
from dataclasses import dataclass
from urllib.parse import unquote

from opentok_studio.core import limits
from opentok_studio.core.errors import DecodeError

# Every pattern here runs in time linear in the text (hardening #13, finding
# 1): a megabyte of pasted text must not hang the CLI or the window.
# A T1 match never backtracks: the run of base64 always ends it.
_T1_IN_TEXT = re.compile(r"T1==[A-Za-z0-9+/_-]+=*")  # opentok-java: URL-safe
# A JWT starting at a given eyJ; only tried once per run (see _first_jwt).
_JWT_AT = re.compile(r"eyJ[A-Za-z0-9_-]*+(?:\.[A-Za-z0-9_-]*+){1,2}")
_B64URL_RUN = re.compile(r"[A-Za-z0-9_-]*")
_PERCENT_ESCAPE = re.compile(r"%[0-9A-Fa-f]{2}")
_QUOTES = "\"'`"


@dataclass(frozen=True, slots=True)
class Extracted:
    """A token candidate and where it was found.

    Attributes:
        token: the candidate, surrounding noise removed.
        source: ``plain``, ``quotes``, ``url``, ``json`` or ``text``.
        damage: what was repaired inside the token itself (line breaks,
            a lost ``T1==`` or ``=``, URL-encoding), in plain words.
    """

    token: str
    source: str
    #: copy damage repaired to read the token; the client got the damaged one
    damage: tuple[str, ...] = ()


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
    repaired = _repair(stripped)
    if repaired is not None:
        token, damage = repaired
        return Extracted(token, source, damage)
    if not any(c.isspace() for c in stripped) and stripped.startswith(("T1==", "eyJ")):
        return Extracted(stripped, source)

    context = _context(stripped)
    # JSON writers may escape "/" as "\/"; URLs percent-encode "=" and "+".
    candidates = [stripped.replace("\\/", "/")]
    if "%" in stripped:
        candidates.append(_unquote(candidates[0]))
    for candidate in candidates:
        found = [m for m in (_T1_IN_TEXT.search(candidate), _first_jwt(candidate)) if m]
        if found:
            first = min(found, key=lambda m: m.start())
            return Extracted(first.group(0), context)
    raise DecodeError(
        "no token found in the text: a token starts with T1== (legacy) or eyJ "
        "(a JWT); paste the whole token"
    )


def _unquote(text: str) -> str:
    """``unquote(text)``, without its per-``%`` Python loop when there is no
    escape to undo: a megabyte of ``%`` took 0.6 s, all of it for nothing."""
    return unquote(text) if _PERCENT_ESCAPE.search(text) else text


def _first_jwt(text: str) -> re.Match[str] | None:
    """The leftmost ``eyJ…(.…){1,2}`` in ``text``, in linear time.

    A JWT starting at an ``eyJ`` runs to the end of its run of base64url
    characters and needs a ``.`` right after it. Every ``eyJ`` of one run
    shares that run's end, so only the first ``eyJ`` of each run is tried: a
    regex search would rescan the run from each ``eyJ`` in it, which is
    quadratic (``'eyJ' * 333332`` took minutes).
    """
    start = text.find("eyJ")
    while start != -1:
        run = _B64URL_RUN.match(text, start)
        end = run.end() if run else start
        if text.startswith(".", end):
            return _JWT_AT.match(text, start)
        start = text.find("eyJ", end)
    return None


_B64_WORD = re.compile(r"[A-Za-z0-9+/]+=*")
_JWT_WHOLE = re.compile(r"eyJ[A-Za-z0-9_-]*\.[A-Za-z0-9_-]*\.[A-Za-z0-9_-]*")
_T1_WHOLE = re.compile(r"T1==[A-Za-z0-9+/_-]+=*")


def _repair(text: str) -> tuple[str, tuple[str, ...]] | None:
    """A token damaged on its way (support-knowledge pain point 2), repaired
    only when the repair yields a whole token; None when nothing applies."""
    damage: list[str] = []
    word = text
    if "%" in word and "://" not in word and not word.startswith("{"):
        decoded = _unquote(word)
        if decoded != word and (decoded.startswith(("T1==", "eyJ"))):
            damage.append("it is URL-encoded (%3D for =): decode it before use")
            word = decoded
    if any(c.isspace() for c in word):
        joined = "".join(word.split())
        if _JWT_WHOLE.fullmatch(joined) or _T1_WHOLE.fullmatch(joined):
            damage.append("it holds line breaks or spaces: it was wrapped or split")
            word = joined
        elif not damage:
            return None
    if any(q in word for q in _QUOTES) and word.startswith(("T1==", "eyJ")):
        unquoted = "".join(c for c in word if c not in _QUOTES)
        if _JWT_WHOLE.fullmatch(unquoted) or _T1_WHOLE.fullmatch(unquoted):
            damage.append("it holds quote characters: it was cut out of code or JSON")
            word = unquoted
    if _B64_WORD.fullmatch(word) and not word.startswith("T1=="):
        try:
            raw = base64.b64decode(word + "=" * (-len(word) % 4))
        except (binascii.Error, ValueError):
            raw = b""
        if raw.startswith(b"partner_id="):
            damage.append("its T1== prefix is missing")
            word = "T1==" + word
    if word.startswith("T1==") and len(word[4:]) % 4 and not word.endswith("="):
        body = word[4:]
        padded = body + "=" * (-len(body) % 4)
        try:
            base64.b64decode(padded, validate=True).decode("utf-8")
            raw = base64.b64decode(padded)
            # Whole but for its padding: every field is there, nothing was cut.
            if b"&sig=" in raw and b"&initial_layout_class_list=" in raw:
                damage.append("its trailing '=' was lost")
                word = "T1==" + padded
        except (binascii.Error, ValueError):
            pass
    return (word, tuple(damage)) if damage else None


def _context(text: str) -> str:
    if text[:1] in "{[":
        return "json"
    if "://" in text or re.search(r"[?&][A-Za-z_]+=", text):
        return "url"
    return "text"
