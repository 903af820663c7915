"""Find every token and session ID in a text, in time linear in its length.

``core/extract.py`` pulls the one token out of a paste; this finds them all
in a log line or a HAR field (issue #16), and only ours: a JWT of another
service (an ``Authorization: Bearer`` to a CRM) is not an OpenTok token.
"""

from __future__ import annotations

import base64
import binascii
import functools
import json
import re
from dataclasses import dataclass

from opentok_studio.core import limits
from opentok_studio.core.errors import DecodeError
from opentok_studio.core.sessionid import decode_session_id

# Escapes a token picks up on its way: URL (%3D), JSON (\/ and Gson's \u003d).
# Only escapes of token characters (+ / =): "%22" ends a token, it is not in it.
_ESC = r"%2[bBfF]|%3[dD]|\\u00(?:2[bBfF]|3[dD])|\\/"
_EQ = r"(?:=|%3[dD]|\\u003[dD])"
# Possessive: a run never gives back, so no position is scanned twice.
_T1 = re.compile(rf"T1{_EQ}{_EQ}(?:[A-Za-z0-9+/_-]|{_ESC})++{_EQ}*+")
_B64URL_RUN = re.compile(r"[A-Za-z0-9_-]*+")
_JWT_AT = re.compile(r"eyJ[A-Za-z0-9_-]*+(?:\.[A-Za-z0-9_-]*+){1,2}")
_SESSION = re.compile(r"(?<![A-Za-z0-9_-])[0-9]_MX[A-Za-z0-9_-]{8,}+=*+")
_UNESCAPE = re.compile(_ESC)
#: What goes on a token on the next line: blanks, then token characters.
CONTINUATION = re.compile(rf"([ \t]*)((?:[A-Za-z0-9+/=_.-]|{_ESC})*+)[ \t\r]*")


#: base64 of "partner_i": how every T1 body starts (spec/tokens.md section 2)
_T1_BODY_START = "cGFydG5lcl9p"
#: A T1 body shorter than this holds no signature: code, not a token
#: (opentok.js itself holds ``"T1=="+x``).
_MIN_T1_BODY = 40
#: Claims that make a JWT a client token of ours (session.connect scope).
_OUR_CLAIMS = (b'"session_id"', b"session.connect")
#: The longest token we look at (1000 escaped emoji of data, JWT-encoded).
MAX_TOKEN_CHARS = 64 * 1024


@dataclass(frozen=True, slots=True)
class Found:
    """One token (or session ID) in a text.

    Attributes:
        text: the token as the client would use it, escapes undone.
        start: where its raw form starts in the text searched.
        end: where it ends.
    """

    text: str
    start: int
    end: int


def unescape(raw: str) -> str:
    """A token's text with URL and JSON escapes of + / = undone."""

    def one(m: re.Match[str]) -> str:
        esc = m.group()
        if esc == "\\/":
            return "/"
        return chr(int(esc[-2:], 16))

    return _UNESCAPE.sub(one, raw) if ("%" in raw or "\\" in raw) else raw


def find_tokens(text: str, *, any_jwt: bool = False) -> list[Found]:
    """Every T1 token and OpenTok client JWT in ``text``, in order.

    Args:
        text: any text (a log line, a header value, a body).
        any_jwt: take every JWT, not only those whose payload names a
            session (the text came from a place that holds client tokens).
    """
    found = [
        Found(tok, m.start(), m.end())
        for m in _T1.finditer(text)
        if (tok := unescape(m.group())) and _is_t1(tok)
    ]
    found += [f for f in _jwts(text) if any_jwt or is_ours(f.text)]
    found.sort(key=lambda f: f.start)
    return found


def _is_t1(token: str) -> bool:
    body = token[4:]
    return _MIN_T1_BODY <= len(body) <= MAX_TOKEN_CHARS and body.startswith(
        _T1_BODY_START
    )


def _jwts(text: str) -> list[Found]:
    """Every ``eyJ….eyJ…(.…)`` in linear time: each run of base64url is
    tried once, from its first ``eyJ`` (see extract._first_jwt)."""
    found = []
    start = text.find("eyJ")
    while start != -1:
        run = _B64URL_RUN.match(text, start)
        end = run.end() if run else start + 3
        if text.startswith(".eyJ", end):
            m = _JWT_AT.match(text, start)
            if m is not None and m.end() - start <= MAX_TOKEN_CHARS:
                found.append(Found(m.group(), start, m.end()))
            end = m.end() if m is not None else end
        start = text.find("eyJ", end)
    return found


def is_ours(jwt: str) -> bool:
    """True when a JWT's payload names a session: a client token of ours."""
    parts = jwt.split(".")
    if len(parts) < 2:
        return False
    payload = _lenient_b64url(parts[1][:8192])
    return any(claim in payload for claim in _OUR_CLAIMS)


def _lenient_b64url(text: str) -> bytes:
    text = text[: len(text) - len(text) % 4] if len(text) % 4 == 1 else text
    try:
        return base64.urlsafe_b64decode(text + "=" * (-len(text) % 4))
    except (binascii.Error, ValueError):
        return b""


def is_whole(token: str) -> bool:
    """True when nothing says the token goes on (for tokens wrapped across
    lines): a T1 body of whole base64 quanta that decodes to
    ``partner_id=…&sig=HEX:`` and ends in text, or a JWT of three parts
    whose signature has its algorithm's length. Cheap on long input: only
    the ends of a T1 body are decoded."""
    if token.startswith("T1=="):
        return _is_whole_t1(token[4:])
    if token.count(".") != 2:
        return False
    head, payload, signature = token.split(".")
    try:
        header = json.loads(_lenient_b64url(head))
    except (ValueError, RecursionError):
        return False
    alg = header.get("alg") if isinstance(header, dict) else None
    lengths = {"HS256": (43,), "RS256": (342, 512, 683)}.get(str(alg))
    if not (len(signature) in lengths if lengths else signature):
        return False
    try:
        return isinstance(json.loads(_lenient_b64url(payload)), dict)
    except (ValueError, RecursionError):
        return False


_T1_HEAD = re.compile(rb"partner_id=[^&]+&sig=[0-9a-fA-F]{40}:.")
_TEXT = re.compile(rb"[\x20-\x7e]*")


def can_go_on(token: str) -> bool:
    """False when the token cannot go on: a T1 body ends at its padding."""
    return not (token.startswith("T1==") and token.endswith("="))


def _is_whole_t1(body: str) -> bool:
    if len(body) % 4 or len(body) < 88 or "." in body:
        return False
    if "=" in body[:-2] or body[-1:] != "=" and body[-2:-1] == "=":
        return False  # padding anywhere but the end
    try:
        first = base64.b64decode(body[:88], altchars=b"-_", validate=True)
        last = base64.b64decode(body[-8:], altchars=b"-_", validate=True)
    except (binascii.Error, ValueError):
        return False
    return _T1_HEAD.match(first) is not None and _TEXT.fullmatch(last) is not None


def find_session_ids(text: str) -> list[Found]:
    """Every session ID in ``text`` that decodes to the ``~`` fields of one."""
    return [
        Found(m.group(), m.start(), m.end())
        for m in _SESSION.finditer(text)
        if _is_session_id(m.group())
    ]


_MIN_SESSION_FIELDS = 5


@functools.lru_cache(maxsize=4096)
def _is_session_id(text: str) -> bool:
    # Cached: a log names the same session on every line.
    if len(text) > limits.MAX_SESSION_ID_CHARS:
        return False
    try:
        info = decode_session_id(text)
    except DecodeError:
        return False
    # Key, location, creation time and random part at least: a cut ID
    # ("1_MX40NjEyMz" decodes to "1~461234") names no session.
    return bool(info.api_key) and len(info.fields) >= _MIN_SESSION_FIELDS
