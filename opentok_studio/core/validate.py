"""One function per token option, each enforcing one SDK rule (spec/tokens.md section 5).

The signer, the CLI and the window's validators all call these, so a limit
changes in exactly one place.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from datetime import datetime

from opentok_studio.core import limits
from opentok_studio.core.errors import CredentialsError, DecodeError, ValidationError
from opentok_studio.core.keys import key_kind
from opentok_studio.core.model import Role, TokenFormat, TokenRequest
from opentok_studio.core.sessionid import SdkVerdict, decode_session_id, sdk_verdict
from opentok_studio.core.timeparse import format_duration, format_utc

_ROLE_NAMES = ", ".join(r.value for r in Role)
_PII_HINT = "everyone in the session can read it, so keep personal data out"


def parse_role(value: str | Role) -> Role:
    """The Role named by ``value`` (case-insensitive, ``publisher_only`` too).

    Raises:
        ValidationError: not one of the four roles.
    """
    if isinstance(value, Role):
        return value
    key = str(value).strip().lower().replace("_", "").replace("-", "")
    for role in Role:
        if role.value == key:
            return role
    raise ValidationError(
        "role",
        f"{str(value)!r} is not a role",
        limit=_ROLE_NAMES,
        value=str(value),
        fix=f"use one of {_ROLE_NAMES}",
    )


def parse_format(value: str | TokenFormat) -> TokenFormat:
    """The TokenFormat named by ``value`` (``jwt`` or ``t1``, any case).

    Raises:
        ValidationError: neither.
    """
    try:
        return TokenFormat(str(value).strip().lower())
    except ValueError:
        raise ValidationError(
            "format", f"{str(value)!r} is not a token format", fix="use jwt or t1"
        ) from None


def _check_text(field: str, text: str) -> None:
    """Refuse lone surrogates: not Unicode text, and not encodable as UTF-8.

    They arrive from the command line when argv holds bytes that are not UTF-8.
    """
    try:
        text.encode("utf-8")
    except UnicodeEncodeError as e:
        bad = ord(text[e.start])
        raise ValidationError(
            field,
            f"character {e.start + 1} is U+{bad:04X}, a lone surrogate, not text",
            value=f"U+{bad:04X}",
            fix="type it again: it came from bytes that are not UTF-8",
        ) from None


def validate_data(data: str | None) -> str | None:
    """Connection data: at most 1000 code points; ``""`` means none.

    Returns:
        The data, or None when empty (the token then omits the field).

    Raises:
        ValidationError: longer than 1000 characters.
    """
    if data is None or data == "":
        return None
    if not isinstance(data, str):
        raise ValidationError("data", f"must be text, got {type(data).__name__}")
    _check_text("data", data)
    if len(data) > limits.MAX_DATA_CHARS:
        raise ValidationError(
            "data",
            f"{len(data)} characters, at most {limits.MAX_DATA_CHARS} allowed",
            limit=f"{limits.MAX_DATA_CHARS} characters",
            value=f"{len(data)} characters",
            fix=f"shorten it by {len(data) - limits.MAX_DATA_CHARS}; {_PII_HINT}",
        )
    return data


def validate_layout_classes(classes: Sequence[object]) -> tuple[str, ...]:
    """Initial layout classes: non-empty strings, joined by one space <= 1000.

    Raises:
        ValidationError: an empty or non-text class, or too long when joined.
    """
    if isinstance(classes, str):  # a lone string is one class, not characters
        classes = [classes]
    result: list[str] = []
    for index, item in enumerate(classes):
        if not isinstance(item, str):
            raise ValidationError(
                "layout_class",
                f"class {index + 1} is {type(item).__name__}, not text",
                value=repr(item),
            )
        if item == "":
            raise ValidationError(
                "layout_class",
                f"class {index + 1} is empty",
                fix="remove the empty class",
            )
        _check_text("layout_class", item)
        result.append(item)
    joined = len(" ".join(result))
    if joined > limits.MAX_LAYOUT_CHARS:
        raise ValidationError(
            "layout_class",
            f"{joined} characters when joined with spaces, at most "
            f"{limits.MAX_LAYOUT_CHARS} allowed",
            limit=f"{limits.MAX_LAYOUT_CHARS} characters",
            value=f"{joined} characters",
            fix="use fewer or shorter classes",
        )
    return tuple(result)


def to_unix_seconds(value: object, *, field: str = "expire_time") -> int:
    """``int(x)`` as the SDK applies it: ints, floats (truncated), numeric
    strings, and datetimes (naive ones read as UTC, as ``utctimetuple`` does).

    Raises:
        ValidationError: anything else.
    """
    if isinstance(value, datetime):
        import calendar

        return calendar.timegm(value.utctimetuple())
    if isinstance(value, bool):
        raise ValidationError(field, f"{value!r} is not a time")
    if isinstance(value, float) and not math.isfinite(value):
        raise ValidationError(field, f"{value!r} is not a time")
    try:
        return int(value)  # type: ignore[call-overload, no-any-return]
    except (TypeError, ValueError):
        raise ValidationError(
            field,
            f"{str(value)!r} is not a time",
            value=str(value),
            fix="give Unix seconds (e.g. 1790812800)",
        ) from None


def validate_expire_time(expire_time: object, now: int) -> int:
    """Expiry in [now, now + 30 days], both ends inclusive, as the SDKs.

    Raises:
        ValidationError: not a time, in the past, or more than 30 days ahead.
    """
    exp = to_unix_seconds(expire_time)
    if exp < now:
        raise ValidationError(
            "expire_time",
            f"{exp} ({format_utc(exp)}) is {format_duration(now - exp)} in the past",
            limit="now or later",
            value=str(exp),
            fix="pick a time from now on, or check this computer's clock",
        )
    latest = now + limits.MAX_EXPIRY_SECONDS
    if exp > latest:
        raise ValidationError(
            "expire_time",
            f"{exp} ({format_utc(exp)}) is {format_duration(exp - now)} ahead; "
            f"at most 30 days allowed ({format_utc(latest)})",
            limit="30 days",
            value=str(exp),
            fix="pick a time at most 30 days ahead",
        )
    return exp


def resolve_expiry(request: TokenRequest, now: int, default: int) -> int:
    """The absolute expiry a request asks for, checked against ``now``."""
    if request.expire_time is not None and request.expire_in is not None:
        raise ValidationError(
            "expire_time", "give an absolute or a relative expiry, not both"
        )
    if request.expire_time is not None:
        return validate_expire_time(request.expire_time, now)
    if request.expire_in is not None:
        if request.expire_in < 0:
            raise ValidationError(
                "expire_in",
                f"{request.expire_in} s is negative",
                fix="give a lifetime of 0 s up to 30 days",
            )
        return validate_expire_time(now + request.expire_in, now)
    return now + default


def validate_api_secret(secret: str) -> str:
    """An OpenTok API secret: text, and not a key offered as an HMAC key
    (as pyjwt's HMACAlgorithm.prepare_key refuses): the one guard the signer,
    the decoder's check and `profile add` share (keys.key_kind says what
    looks like a key). Messages never quote it.

    Raises:
        CredentialsError: a PEM, SSH or base64 DER key, or characters that
            are not text.
    """
    kind = key_kind(secret)
    if kind is not None:
        raise CredentialsError(
            f"the API secret looks like {kind}: an OpenTok project signs with its "
            "API secret (40 hex characters); a key belongs to a Vonage application"
        )
    try:
        secret.encode("utf-8")
    except UnicodeEncodeError:
        raise CredentialsError(
            "the API secret holds bytes that are not UTF-8 text; copy it again"
        ) from None
    return secret


def validate_count(count: int) -> int:
    """How many tokens one run may make: 1..MAX_BATCH.

    Raises:
        ValidationError: outside that range.
    """
    if not 1 <= count <= limits.MAX_BATCH:
        raise ValidationError(
            "count",
            f"{count} is outside 1..{limits.MAX_BATCH:,}",
            limit=f"{limits.MAX_BATCH:,}",
            value=str(count),
            fix="split larger runs into several files",
        )
    return count


def validate_session_id(session_id: object) -> str:
    """A session ID must be non-empty text (both families).

    Raises:
        ValidationError: empty or not text.
    """
    if not isinstance(session_id, str) or not session_id.strip():
        raise ValidationError(
            "session_id",
            "is empty" if not session_id else "must be text",
            fix="paste the session ID your server created (it starts with 1_ or 2_)",
        )
    _check_text("session_id", session_id)
    return session_id


def validate_session_for_key(session_id: str, api_key: str) -> None:
    """The opentok SDK's belongs-to-key rule, exactly (see sessionid.sdk_verdict).

    Raises:
        ValidationError: the SDK would refuse this session ID for this key.
    """
    validate_session_id(session_id)
    verdict = sdk_verdict(session_id, api_key)
    if verdict is SdkVerdict.NOT_VALID:
        raise ValidationError(
            "session_id",
            "does not decode (it is not base64url text, or not UTF-8 inside)",
            value=session_id[:60],
            fix="copy the whole session ID again; it may be cut or damaged",
        )
    if verdict is SdkVerdict.NOT_OF_KEY:
        try:
            owner = f"belongs to API key {decode_session_id(session_id).api_key}"
        except DecodeError as e:
            owner = f"is not a session ID ({e})"
        raise ValidationError(
            "session_id",
            f"{owner}, not to API key {api_key}",
            value=session_id[:60],
            fix="create the session with this project's key, or pick the "
            "project that created it",
        )
