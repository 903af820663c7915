"""Decoded tokens and session IDs as labelled rows, for every face to render."""

from __future__ import annotations

import unicodedata

from opentok_studio.core import limits
from opentok_studio.core.model import Decoded, SessionInfo, Signature
from opentok_studio.core.timeparse import format_local, format_relative, format_utc

_FAMILY = {
    ("t1", None): "T1 (legacy, HMAC-SHA1), OpenTok project",
    ("jwt", "HS256"): "JWT (HS256), OpenTok project",
    ("jwt", "RS256"): "JWT (RS256), Vonage application",
}
_SOURCE = {
    "quotes": "inside quotes",
    "url": "inside a URL",
    "json": "inside JSON text",
    "text": "inside other text",
}
NONE = "(none)"


# Bidi overrides and isolates can make text read in another order than it is.
_BIDI = set(range(0x202A, 0x202F)) | set(range(0x2066, 0x206A))


def _shown(ch: str) -> bool:
    if ch.isprintable() or ch == " ":
        return True
    # Format characters (ZWJ, variation selectors) join emoji; keep them.
    return unicodedata.category(ch) == "Cf" and ord(ch) not in _BIDI


class _Escapes(dict[int, str]):
    """Code point -> the character itself, or its escape; for str.translate,
    filled as characters are met (C-speed lookups after the first)."""

    def __missing__(self, code: int) -> str:
        ch = chr(code)
        shown = ch if _shown(ch) else ch.encode("unicode_escape").decode("ascii")
        if len(self) < 65_536:  # bounded, however many distinct characters come
            self[code] = shown
        return shown


_ESCAPES = _Escapes()


def printable(text: str) -> str:
    """Text safe to show: control characters, bidi overrides and lone
    surrogates escaped; emoji sequences kept whole."""
    if text.isprintable():
        return text
    # translate, not a loop per character: 750 KB of ESC took 0.28 s.
    return text.translate(_ESCAPES).encode("utf-8", "backslashreplace").decode("utf-8")


def source_text(source: str) -> str | None:
    """``inside a URL`` for where a token was found; None when pasted plain."""
    return _SOURCE.get(source)


def family(d: Decoded) -> str:
    """``JWT (HS256), OpenTok project``, with where it was found."""
    kind = _FAMILY.get((d.format, d.alg), f"{d.format.upper()} ({d.alg or 'no alg'})")
    where = source_text(d.source)
    return f"{kind}, found {where}" if where else kind


def time_text(ts: int | None, now: int) -> str:
    """UTC, local time, Unix seconds and how far from now."""
    if ts is None:
        return NONE
    if ts > limits.MAX_EXP_SECONDS:
        return f"{ts}: not a date in seconds (milliseconds?)"
    utc, local = format_utc(ts), format_local(ts)
    where = "" if local == utc else f"{local}; "
    return f"{utc}  ({where}{ts}; {format_relative(ts, now)})"


def clean_verdict(d: Decoded) -> str:
    """What to say of a token with no problem. Without its credentials the
    signature is unchecked, and a bare "No problems found" read as "fine"."""
    if d.signature is Signature.UNCHECKED:
        return (
            "No problems found in what could be checked: the signature was not "
            "checked (give the credentials that made it)"
        )
    return "No problems found"


def signature_text(d: Decoded) -> str:
    """The signature state in words."""
    if d.signature is Signature.UNCHECKED:
        return "unchecked (give the credentials that made it to check it)"
    return d.signature.value


def made_by_text(d: Decoded) -> str:
    """``opentok-php >= 4.14.5 (...)``, or why no SDK could be named."""
    m = d.made_by
    if m.sdk == "unknown":
        return "unknown: no official SDK writes this layout"
    # The SDK table loads with a decode, not on the `token` command's path.
    from opentok_studio.core.sdks import WRITTEN_BY_US_TOO

    text = f"{m.sdk} {m.versions}" if m.versions else m.sdk
    if m.sdk in WRITTEN_BY_US_TOO:
        text += ", or OpenTok Studio (it writes the same layout)"
    return text


def decoded_rows(d: Decoded, now: int) -> list[tuple[str, str]]:
    """Every field of a decoded token, labelled, in reading order."""
    rows = [
        ("Token", family(d)),
        ("Session ID", printable(d.session_id) if d.session_id else NONE),
    ]
    if d.api_key is not None:
        rows.append(("API key", printable(d.api_key)))
    if d.application_id is not None:
        rows.append(("Application", printable(d.application_id)))
    data = d.connection_data
    layout = " ".join(d.initial_layout_class_list)
    rows += [
        ("Role", printable(d.role) if d.role else NONE),
        ("Issued", time_text(d.issued_at, now)),
        ("Expires", time_text(d.expires_at, now)),
        ("Data", printable(data) if data is not None else NONE),
        ("Layout", printable(layout) if layout else NONE),
    ]
    if d.nonce is not None:
        rows.append(("Nonce", str(d.nonce)))
    if d.claims:
        rows.append(("Made by", made_by_text(d)))
    rows.append(("Signature", signature_text(d)))
    return rows


def session_rows(info: SessionInfo, now: int) -> list[tuple[str, str]]:
    """Every field of a session ID, labelled."""
    created = printable(info.created) if info.created else NONE
    if info.created_at is not None:
        created = time_text(info.created_at, now) + f"  [as found: {created}]"
    flag = NONE if info.flag is None else printable(info.flag) or "(empty)"
    return [
        ("Prefix", info.prefix),
        ("API key", printable(info.api_key or NONE)),
        ("Location", printable(info.location) if info.location else NONE),
        ("Created", created),
        ("Random", printable(info.random or NONE)),
        ("Flag", flag),
        ("Fields", printable(" ~ ".join(info.fields))),
    ]
