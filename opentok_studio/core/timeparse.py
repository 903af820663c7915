"""Expiry parsing (``90s``, ``2h``, ISO 8601) and time rendering (UTC, local, relative)."""

from __future__ import annotations

import re
from datetime import UTC, datetime, tzinfo

from opentok_studio.core.errors import ValidationError

_UNIT_SECONDS = {"s": 1, "m": 60, "h": 3600, "d": 86400, "w": 604800}
# One or more "<number><unit>" parts, e.g. "90", "15m", "1h30m", "1d 2h".
_DURATION_PART = re.compile(r"(\d{1,12})\s*([smhdw]?)", re.IGNORECASE)
# Possessive: a backtracking (?:\d{1,12}...)+ tries every way to cut a long
# run of digits into parts, exponential in its length ("1" * 30 + "x" took
# minutes). Each part takes all it can; giving back never helps here.
_DURATION_WHOLE = re.compile(r"(?:\d{1,12}+\s*+[smhdw]?+\s*+)++", re.IGNORECASE)
_UNIX = re.compile(r"[+-]?\d{1,20}(?:\.\d*)?")


def parse_duration(text: str, *, field: str = "expire_in") -> int:
    """Seconds in ``90``, ``90s``, ``15m``, ``2h``, ``7d``, ``1w`` or ``1h30m``.

    Raises:
        ValidationError: the text is not such a duration.
    """
    cleaned = text.strip()
    if not cleaned or not _DURATION_WHOLE.fullmatch(cleaned):
        raise ValidationError(
            field,
            f"{text!r} is not a duration",
            value=text,
            fix="write seconds or a number with a unit: 90s, 15m, 2h, 7d",
        )
    total = 0
    for number, unit in _DURATION_PART.findall(cleaned):
        total += int(number) * _UNIT_SECONDS[(unit or "s").lower()]
    return total


def parse_when(text: str, *, field: str = "expire_at") -> int:
    """Unix seconds from ``1790812800`` or ISO 8601 with an offset or ``Z``.

    Fractions of a second are dropped, as the SDK's ``int(x)`` does.

    Raises:
        ValidationError: the text is neither, or the ISO time has no offset.
    """
    cleaned = text.strip()
    if _UNIX.fullmatch(cleaned):
        return int(float(cleaned)) if "." in cleaned else int(cleaned)
    try:
        moment = datetime.fromisoformat(cleaned)
    except ValueError:
        raise ValidationError(
            field,
            f"{text!r} is neither Unix seconds nor an ISO 8601 time",
            value=text,
            fix="write e.g. 1790812800 or 2026-10-01T12:00:00Z",
        ) from None
    if moment.tzinfo is None:
        raise ValidationError(
            field,
            f"{text!r} has no time zone, so it could mean any of 24 hours",
            value=text,
            fix="add Z for UTC or an offset such as +02:00",
        )
    return int(moment.timestamp())


#: What a person types for a local time: 2026-12-25 12:00, 2026-12-25T12:00,
#: 25.12.2026 12:00, or the digits alone (202612251200); seconds may follow.
_TYPED = (
    re.compile(r"(\d{4})-(\d{1,2})-(\d{1,2})[ T]+(\d{1,2}):(\d{2})(?::(\d{2}))?"),
    re.compile(r"(\d{1,2})\.(\d{1,2})\.(\d{4}) +(\d{1,2}):(\d{2})(?::(\d{2}))?"),
    re.compile(r"(\d{4})(\d{2})(\d{2})(\d{2})(\d{2})(\d{2})?"),
)


def parse_typed_expiry(text: str, *, now: int, tz: tzinfo) -> int:
    """An expiry a person typed: a local date and time, or a duration from now.

    Whole minutes only (a typed 09:30 is 09:30:00, never the seconds of
    now), within the SDKs' bounds: after ``now``, at most 30 days ahead.

    Args:
        text: ``2026-12-25 12:00``, ``25.12.2026 12:00``, ``202612251200``,
            or a duration such as ``45m`` or ``2h``.
        now: Unix seconds.
        tz: the zone the person means (their local one).

    Raises:
        ValidationError: not a time in those forms, or out of bounds; the
            message names the form or the bound and what to pick.
    """
    from opentok_studio.core import limits

    cleaned = " ".join(text.split())
    if not cleaned:
        raise ValidationError("expiry", "no expiry typed", fix=_TYPED_FIX)
    # A date first: 202612251200 is a time, not 202 billion seconds.
    when = _typed_local(cleaned, tz)
    if when is None and _DURATION_WHOLE.fullmatch(cleaned):
        when = now + parse_duration(cleaned, field="expiry")
    if when is None:
        raise ValidationError(
            "expiry", f"{text!r} is not a date and time", value=text, fix=_TYPED_FIX
        )
    latest = now + limits.MAX_EXPIRY_SECONDS
    if when <= now:
        raise ValidationError(
            "expiry",
            f"{format_local(when)} is in the past",
            value=text,
            fix="pick a time after now",
        )
    if when > latest:
        raise ValidationError(
            "expiry",
            f"{format_local(when)} is more than 30 days ahead",
            limit="30 days",
            value=text,
            fix=f"pick {format_local(latest - latest % 60)} or earlier",
        )
    return when


_TYPED_FIX = "type e.g. 2026-12-25 12:00, 25.12.2026 12:00, 202612251200 or 45m"


def _typed_local(text: str, tz: tzinfo) -> int | None:
    for order, pattern in enumerate(_TYPED):
        match = pattern.fullmatch(text)
        if match is None:
            continue
        parts = [int(g) if g else 0 for g in match.groups()]
        if order == 1:  # day.month.year
            parts[0], parts[2] = parts[2], parts[0]
        year, month, day, hour, minute, _seconds = parts
        try:
            # whole minutes: the seconds typed or not, the expiry is :00
            moment = datetime(year, month, day, hour, minute, tzinfo=tz)
        except ValueError as e:
            raise ValidationError(
                "expiry", f"{text!r} is no date: {e}", value=text, fix=_TYPED_FIX
            ) from None
        return int(moment.timestamp())
    return None


def _to_datetime(ts: int) -> datetime | None:
    try:
        return datetime.fromtimestamp(ts, UTC)
    except (OverflowError, OSError, ValueError):
        return None


def format_utc(ts: int) -> str:
    """``2026-10-01 00:00:00 UTC``; times beyond year 9999 say so."""
    moment = _to_datetime(ts)
    if moment is None:
        return f"{ts} (not a date: beyond year 9999)"
    return moment.strftime("%Y-%m-%d %H:%M:%S UTC")


def format_local(ts: int) -> str:
    """The same moment in this computer's time zone, with its abbreviation."""
    moment = _to_datetime(ts)
    if moment is None:
        return f"{ts} (not a date)"
    try:
        return moment.astimezone().strftime("%Y-%m-%d %H:%M:%S %Z")
    except (OverflowError, OSError, ValueError):
        return format_utc(ts)


def format_duration(seconds: int) -> str:
    """``45 s``, ``6 h 12 min``, ``2 days 3 h``, ``13 years 310 days``: two units."""
    seconds = abs(int(seconds))
    years, rest = divmod(seconds, 365 * 86400)
    if years:
        days = rest // 86400
        return f"{years} year{'s' if years != 1 else ''}" + (
            f" {days} day{'s' if days != 1 else ''}" if days else ""
        )
    days, rest = divmod(rest, 86400)
    hours, rest = divmod(rest, 3600)
    minutes, secs = divmod(rest, 60)
    parts: list[str] = []
    if days:
        parts.append(f"{days} day" + ("s" if days != 1 else ""))
    if hours:
        parts.append(f"{hours} h")
    if minutes:
        parts.append(f"{minutes} min")
    if secs or not parts:
        parts.append(f"{secs} s")
    return " ".join(parts[:2])


def format_relative(ts: int, now: int) -> str:
    """``in 6 h 12 min``, ``3 days ago`` or ``now``."""
    delta = ts - now
    if delta == 0:
        return "now"
    if delta > 0:
        return f"in {format_duration(delta)}"
    return f"{format_duration(delta)} ago"
