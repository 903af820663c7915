"""Judge what a token's fields say: key and session, times, role, data, layout.

Every limit is worded for the SDK that made the token (core/sdks.py): where
SDKs differ, the message says which allows what, and the fix fits the one
the customer's server runs.
"""

from __future__ import annotations

import re

from opentok_studio.core import limits
from opentok_studio.core.errors import DecodeError, ValidationError
from opentok_studio.core.findings import Findings
from opentok_studio.core.fingerprints import omits_expiry
from opentok_studio.core.model import (
    Credentials,
    Family,
    ProblemCode,
    ProjectCredentials,
    Role,
    TokenFormat,
    family_of,
    key_id,
)
from opentok_studio.core.sdks import Kind, Sdk, data_limits_text, rules_for
from opentok_studio.core.sessionid import decode_session_id
from opentok_studio.core.timeparse import format_duration, format_utc
from opentok_studio.core.validate import validate_layout_classes

C = ProblemCode
_ROLES = {r.value for r in Role}
_UPPER_ROLES = {r.upper() for r in _ROLES}
#: Where each SDK that writes no expiry by default takes one.
_EXPIRY_OPTION = {
    Sdk.OPENTOK_RUBY: "expire_time: Time.now.to_i + 86400",
    Sdk.OPENTOK_PHP: "'expireTime' => time() + 86400",
    Sdk.OPENTOK_DOTNET: "the expireTime argument of GenerateToken",
}
_URL_ENCODED = re.compile(r"\+|%[0-9A-Fa-f]{2}")


def _kind(f: Findings) -> Kind | None:
    if f.format is TokenFormat.T1:
        return Kind.T1
    return Kind(f.alg) if f.alg in (Kind.HS256, Kind.RS256) else None


def _sdk_name(f: Findings) -> str | None:
    return None if f.made_by.sdk == Sdk.UNKNOWN else f.made_by.sdk


def judge_times(f: Findings, now: int) -> None:
    """Expiry and issue times against ``now`` and the 30-day limit."""
    iat, exp = f.issued_at, f.expires_at
    sdk = _sdk_name(f)
    rules = rules_for(f.made_by.sdk, _kind(f))
    if not f.has_exp:
        _judge_no_expiry(f, sdk)
    elif exp is not None and exp > limits.MAX_EXP_SECONDS:
        f.add(
            C.EXPIRY_IN_MILLISECONDS,
            f"exp is {exp}, which read as seconds is beyond year 9999; as "
            f"milliseconds it is {format_utc(exp // 1000)}",
        )
        exp = None  # its other time checks would only repeat this
    elif exp is not None and exp < now:
        message = f"expired {format_duration(now - exp)} ago, at {format_utc(exp)}"
        fix = None
        if iat is not None and exp < iat and rules and not rules.checks_past and sdk:
            message += (
                f"; it was already expired when made: {sdk} does not check the "
                "expiry it is given (the other SDKs refuse a past one)"
            )
            fix = (
                f"check the expiry the server passes to {sdk}: Unix seconds in "
                "the future, at most 30 days ahead"
            )
        f.add(C.EXPIRED, message, fix=fix)
    # opentok-node rounds "now" for T1 create_time and exp: half the time a
    # token it makes is stamped up to 1 s ahead of the clock that made it.
    slack = 1 if f.made_by.sdk == Sdk.OPENTOK_NODE else 0
    if iat is not None and iat > now + slack:
        f.add(
            C.ISSUED_IN_FUTURE,
            f"issued {format_duration(iat - now)} ahead of this computer's clock "
            f"({format_utc(iat)}): the clock of the server that made it runs "
            "fast, or this one runs slow",
        )
    if f.not_before is not None and f.not_before > now:
        f.add(
            C.NOT_YET_VALID,
            f"not valid before {format_utc(f.not_before)}, "
            f"{format_duration(f.not_before - now)} from now",
        )
    if exp is not None:
        start = iat if iat is not None else now
        # ... and it floors a JWT's iat: a 30-day token can be 30 d + 1 s.
        if exp - start > limits.MAX_EXPIRY_SECONDS + slack:
            message = (
                f"expires {format_duration(exp - start)} after it was issued; "
                "at most 30 days are allowed"
            )
            fix = None
            if rules and not rules.checks_30_days and sdk:
                message += f" ({sdk} does not check this; the other SDKs refuse it)"
                fix = (
                    f"{sdk} makes what it is asked for: pass an expiry at most 30 "
                    "days ahead where the server calls it"
                )
            f.add(C.EXPIRY_TOO_FAR, message, fix=fix)


def _judge_no_expiry(f: Findings, sdk: str | None) -> None:
    kind = _kind(f)
    if sdk and kind and omits_expiry(sdk, kind):
        option = _EXPIRY_OPTION.get(Sdk(sdk), "its expiry option")
        f.warn(
            C.NO_EXPIRY,
            f"the token carries no expiry: {sdk} writes one only when asked, so "
            "how long it is accepted is up to the service (not documented), "
            "and a leaked copy keeps working that long",
            fix=f"pass an expiry where the server calls {sdk} ({option})",
        )
        return
    f.add(
        C.NO_EXPIRY,
        "the token has no exp claim, so it never expires"
        + (f"; {sdk} always writes one, so it was changed after" if sdk else ""),
        fix="make the token with an expiry: opentok-python, -node, -java and the "
        "Vonage SDKs write one by default (24 h or 15 min)",
    )


def judge_content(f: Findings) -> None:
    """Role, connection data and layout classes."""
    if f.format is TokenFormat.JWT and "role" not in f.claims:
        sdk = _sdk_name(f)
        f.warn(
            C.NO_ROLE,
            "the token has no role claim"
            + (f" ({sdk} writes one only when asked)" if sdk else "")
            + ": the service applies its default, publisher per the documentation",
        )
    if f.role in _UPPER_ROLES and f.made_by.sdk == Sdk.OPENTOK_DOTNET:
        f.warn(
            C.UNKNOWN_ROLE,
            f"role {f.role} is in capitals: OpenTok .NET up to 3.11.2 wrote roles "
            "that way (the documented values are lower case); whether the service "
            "grants the role or its default is not known",
            fix="upgrade OpenTok .NET to 3.11.3 or later",
        )
    elif f.role is not None and f.role not in _ROLES:
        f.add(
            C.UNKNOWN_ROLE,
            f"role {f.role[:40]!r} is not subscriber, publisher, publisheronly "
            "or moderator",
        )
    if f.connection_data is not None:
        _judge_data(f, f.connection_data)
    if f.layout:
        try:
            validate_layout_classes(f.layout)
        except ValidationError as e:
            f.add(C.LAYOUT_CLASSES_INVALID, f"initial layout classes: {e}")
        encoded = [c for c in f.layout if _URL_ENCODED.search(c)]
        if encoded:
            by = (
                f"{f.made_by.sdk} URL-encodes them"
                if f.made_by.sdk == Sdk.OPENTOK_PHP and f.format is TokenFormat.JWT
                else "they were URL-encoded on the way"
            )
            f.warn(
                C.LAYOUT_CLASSES_ENCODED,
                f"layout classes look URL-encoded ({encoded[0][:40]!r}): {by}; "
                "whether the service decodes them is not known, so a client may "
                "get that text as one class",
            )


def _judge_data(f: Findings, data: str) -> None:
    lone = next((i for i, ch in enumerate(data) if 0xD800 <= ord(ch) <= 0xDFFF), None)
    if lone is not None:
        f.warn(
            C.DATA_LONE_SURROGATE,
            f"connection data holds half a character (U+{ord(data[lone]):04X}, "
            f"character {lone + 1}): the server's code cut an emoji in two; "
            "clients will likely show a replacement character",
        )
    length = len(data)
    if length <= limits.MAX_DATA_CHARS:
        return
    sdk = _sdk_name(f)
    rules = rules_for(f.made_by.sdk, _kind(f))
    units = len(data.encode("utf-16-le", "surrogatepass")) // 2
    if (
        rules
        and rules.data_limit
        and rules.data_limit > limits.MAX_DATA_CHARS
        and units <= rules.data_limit
    ):
        f.warn(
            C.DATA_TOO_LONG,
            f"connection data is {length} characters: {sdk} allows up to "
            f"{rules.data_limit}, the documentation and the other SDKs 1000; "
            "whether the service takes more than 1000 is not known",
            fix="keep connection data to 1000 characters to be safe",
        )
        return
    unchecked = bool(sdk and rules and not rules.data_limit)
    f.add(
        C.DATA_TOO_LONG,
        f"connection data is {length} characters, more than the documented "
        f"{limits.MAX_DATA_CHARS}{f' ({sdk} checks nothing)' if unchecked else ''}; "
        f"{data_limits_text()}",
        fix=f"{sdk} passes on whatever it is given: cut connection data to 1000 "
        "characters before the server calls it (everyone in the session can read "
        "it: no personal data)"
        if unchecked
        else None,
    )


def judge_identity(
    f: Findings, credentials: Credentials | None, expected_session_id: str | None
) -> None:
    """The key, the application and the session against the credentials."""
    # Credentials of the other family are the mix-up verify.py reports.
    same_family = family_of(credentials) if credentials is not None else None
    made_for = f.api_key if f.family is Family.PROJECT else f.application_id
    if (
        same_family is not None
        and f.family is same_family
        and made_for not in (None, key_id(credentials))
    ):
        kind = "API key" if f.family is Family.PROJECT else "application"
        f.add(
            C.WRONG_API_KEY,
            f"the token was made for {kind} {made_for}, not {key_id(credentials)}",
        )
    if (
        expected_session_id is not None
        and f.session_id is not None
        and expected_session_id.strip() != f.session_id
    ):
        f.add(
            C.SESSION_MISMATCH,
            "the token is for another session than the one the client joins",
        )
    if f.session_id:
        _judge_session(f, f.session_id, credentials)


def _judge_session(
    f: Findings, session_id: str, credentials: Credentials | None
) -> None:
    try:
        info = decode_session_id(session_id)
    except DecodeError as e:
        if f.family is Family.APPLICATION:
            f.notes.append(
                f"the session ID could not be read ({e}); Vonage "
                "application session IDs may use another layout"
            )
        else:
            f.add(C.SESSION_ID_INVALID, str(e))
        return
    if f.family is Family.APPLICATION:
        app = f.application_id
        if app and info.api_key != app:
            f.notes.append(
                f"the session ID names {info.api_key} in its key field, not the "
                f"token's application {app}"
            )
        return
    key = (
        credentials.api_key
        if isinstance(credentials, ProjectCredentials)
        else f.api_key
    )
    if (
        isinstance(credentials, ProjectCredentials)
        and f.api_key not in (None, credentials.api_key)
        and info.api_key == f.api_key
    ):
        return  # token and session agree; wrong_api_key already names the cause
    if key is not None and info.api_key != key:
        whose = "this" if isinstance(credentials, ProjectCredentials) else "the token's"
        f.add(
            C.SESSION_OF_OTHER_KEY,
            f"the session was created by API key {info.api_key}, not {whose} key {key}",
        )
