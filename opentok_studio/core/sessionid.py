"""Session ID decoding and the belongs-to-key rules (spec/tokens.md section 6);
the verdict the faces show is core/belonging.py."""

from __future__ import annotations

import base64
import binascii
import re
from datetime import datetime, timedelta, timezone
from enum import StrEnum

from opentok_studio.core.encoding import b64url_decode
from opentok_studio.core.errors import DecodeError
from opentok_studio.core.model import SessionInfo

_SHAPE = re.compile(r"(\d)_([A-Za-z0-9_-]+)(=*)")
# Old IDs carry Java's Date.toString(): "Sun Jan 20 10:10:17 PST 2013".
_JAVA_DATE = re.compile(
    r"[A-Z][a-z]{2} ([A-Z][a-z]{2}) +(\d{1,2}) (\d{2}):(\d{2}):(\d{2}) ([A-Z]{2,5}) (\d{4})"
)
#: Month abbreviations as Java and web servers print them, January first.
MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun",
          "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")  # fmt: skip
_MONTHS = {m: i + 1 for i, m in enumerate(MONTHS)}
# Zones Java prints for the service's servers; anything else leaves the time unread.
_ZONE_HOURS = {
    "UTC": 0, "GMT": 0, "PST": -8, "PDT": -7, "MST": -7, "MDT": -6,
    "CST": -6, "CDT": -5, "EST": -5, "EDT": -4, "BST": 1, "CET": 1, "CEST": 2,
}  # fmt: skip


class SdkVerdict(StrEnum):
    """What opentok 3.15.0's ``generate_token`` says of a session ID and key."""

    ACCEPTED = "accepted"
    EMPTY = "empty"  #: "session_id was not valid"
    NOT_VALID = "not_valid"  #: "the session_id ... was not valid"
    NOT_OF_KEY = "not_of_key"  #: "... does not belong to the api_key ..."


def sdk_verdict(session_id: str, api_key: str) -> SdkVerdict:
    """Replay the SDK's check byte for byte, looser rules included.

    The SDK drops the first two characters blindly, decodes non-strictly
    (junk skipped) and accepts the key in ANY ``~`` field (vector
    ``key-in-other-field``), so this is the rule our signer mirrors.
    """
    if not session_id:
        return SdkVerdict.EMPTY
    try:
        sub = session_id[2:].encode("utf-8")
        sub += b"=" * (-len(sub) % 4)
        parts = base64.b64decode(sub, b"-_").decode("utf-8").split("~")
    except (binascii.Error, UnicodeError, ValueError):
        return SdkVerdict.NOT_VALID
    return SdkVerdict.ACCEPTED if api_key in parts else SdkVerdict.NOT_OF_KEY


def decode_session_id(session_id: str) -> SessionInfo:
    """Read the fields of a session ID.

    Raises:
        DecodeError: the text is not a session ID (wrong shape, not base64url,
            not UTF-8, or no ``~`` fields inside), with the reason.
    """
    text = session_id.strip()
    if not text:
        raise DecodeError("session ID is empty")
    match = _SHAPE.fullmatch(text)
    if match is None:
        raise DecodeError(
            "session ID must look like 1_ or 2_ followed by base64url text "
            f"(A-Z a-z 0-9 - _); got {_preview(text)}"
        )
    prefix, body, _padding = match.groups()
    try:
        decoded = b64url_decode(body).decode("utf-8")
    except ValueError:
        raise DecodeError(
            f"session ID {_preview(text)} does not decode: its base64url text "
            "is cut or damaged"
        ) from None
    if "~" not in decoded:
        raise DecodeError(
            f"session ID {_preview(text)} decodes, but not to the ~-separated "
            "fields every session ID carries"
        )
    fields = tuple(decoded.split("~"))

    def at(i: int) -> str | None:
        return fields[i] if len(fields) > i else None

    created = at(3)
    # The last field is the trailing empty one; a flag exists only before it.
    flag = fields[5] if len(fields) > 6 else None
    return SessionInfo(
        session_id=text,
        prefix=f"{prefix}_",
        decoded=decoded,
        fields=fields,
        api_key=at(1),
        location=at(2) or None,
        created=created,
        created_at=_created_at(created),
        random=at(4),
        flag=flag,
    )


def belongs_to(info: SessionInfo, key: str) -> bool:
    """Our rule: field 1 of the session ID is the API key or application ID."""
    return info.api_key == key


def _created_at(created: str | None) -> int | None:
    if not created:
        return None
    # isdigit() is also true for "²" and other digits int() refuses.
    if created.isascii() and created.isdigit() and len(created) <= 20:
        value = int(created)
        # Current IDs use epoch milliseconds; tolerate seconds too.
        return value // 1000 if value > 10**11 else value
    m = _JAVA_DATE.fullmatch(created)
    if m is None or m.group(1) not in _MONTHS or m.group(6) not in _ZONE_HOURS:
        return None
    month = _MONTHS[m.group(1)]
    day, hh, mm, ss, year = (int(m.group(i)) for i in (2, 3, 4, 5, 7))
    zone = timezone(timedelta(hours=_ZONE_HOURS[m.group(6)]))
    try:
        return int(datetime(year, month, day, hh, mm, ss, tzinfo=zone).timestamp())
    except ValueError:
        return None


def _preview(text: str, limit: int = 60) -> str:
    return repr(text if len(text) <= limit else text[:limit] + "...")


def _lenient_text(session_id: str) -> str | None:
    """The ``~`` text as the SDKs read it: two characters dropped blindly,
    URL-safe base64 decoded leniently (junk skipped), or None."""
    body = session_id[2:].replace("-", "+").replace("_", "/").rstrip("=")
    body = "".join(c for c in body if c.isalnum() or c in "+/")
    if len(body) % 4 == 1:
        body = body[:-1]
    try:
        return base64.b64decode(body + "=" * (-len(body) % 4)).decode(
            "utf-8", "replace"
        )
    except (binascii.Error, ValueError):
        return None


def sdk_acceptance(session_id: str, api_key: str) -> dict[str, bool]:
    """Would each OpenTok SDK sign a token for this session with this key?

    Each SDK checks in its own way (read in their sources): Python, Java and
    PHP T1 look for the key in any ``~`` field, Ruby anywhere in the text,
    Node in field 1 only, .NET only that field 1 is a positive number, and
    PHP's JWT path, like every Vonage SDK, checks nothing. Only the service's
    rule (field 1, ``belongs_to``) decides whether a client may join.
    """
    text = _lenient_text(session_id) if session_id else None
    fields = text.split("~") if text is not None else []
    field1 = fields[1] if len(fields) > 1 else None
    return {
        "opentok-python": sdk_verdict(session_id, api_key) is SdkVerdict.ACCEPTED,
        "opentok-node": field1 == api_key,
        "opentok-php": api_key in fields,
        "opentok-php-jwt": True,
        "opentok-ruby": text is not None and api_key in text,
        "opentok-java": api_key in fields,
        "opentok-dotnet": field1 is not None and field1.isdigit() and int(field1) > 0,
    }
