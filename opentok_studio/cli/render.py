"""Text and JSON renderings of core results for the terminal."""

from __future__ import annotations

import json
from typing import Any

from opentok_studio.core.model import Decoded, Problem, SessionInfo, Signature
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


def printable(text: str) -> str:
    """Text safe for a terminal: control characters and lone surrogates escaped."""
    if text.isprintable():
        return text
    out = []
    for ch in text:
        if ch.isprintable() or ch == " ":
            out.append(ch)
        else:
            out.append(ch.encode("unicode_escape").decode("ascii"))
    return "".join(out).encode("utf-8", "backslashreplace").decode("utf-8")


def dumps(value: Any) -> str:
    """JSON for stdout; falls back to \\u escapes if the text holds lone surrogates."""
    text = json.dumps(value, ensure_ascii=False, indent=2)
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        text = json.dumps(value, ensure_ascii=True, indent=2)
    return text


def problem_json(p: Problem) -> dict[str, Any]:
    """A problem as spec/cli.md's object."""
    return {
        "code": p.code.value,
        "message": p.message,
        "fix": p.fix,
        "client_error": p.client_error,
    }


def decoded_json(d: Decoded) -> dict[str, Any]:
    """The ``decode --json`` object (spec/cli.md), plus additive extras."""
    return {
        "format": d.format,
        "alg": d.alg,
        "session_id": d.session_id,
        "role": d.role,
        "issued_at": d.issued_at,
        "expires_at": d.expires_at,
        "expired": d.expired,
        "connection_data": d.connection_data,
        "initial_layout_class_list": list(d.initial_layout_class_list),
        "nonce": d.nonce,
        "api_key": d.api_key,
        "application_id": d.application_id,
        "signature": d.signature.value,
        "signed_by": d.signed_by,
        "problems": [problem_json(p) for p in d.problems],
        "claims": d.claims,
        # additions (add, never rename)
        "header": d.header,
        "issued_at_utc": format_utc(d.issued_at) if d.issued_at is not None else None,
        "expires_at_utc": format_utc(d.expires_at)
        if d.expires_at is not None
        else None,
        "source": d.source,
        "notes": list(d.notes),
    }


def _time_line(ts: int | None, now: int) -> str:
    if ts is None:
        return "(none)"
    return f"{format_utc(ts)}  ({format_local(ts)}; {ts}; {format_relative(ts, now)})"


def _field_lines(rows: list[tuple[str, str]]) -> list[str]:
    width = max(len(k) for k, _ in rows)
    return [f"{k.ljust(width)}  {v}" for k, v in rows]


def decoded_text(d: Decoded, now: int) -> str:
    """A person's view: every field, then the problems with their fixes."""
    kind = _FAMILY.get((d.format, d.alg), f"{d.format.upper()} ({d.alg or 'no alg'})")
    if d.source in _SOURCE:
        kind += f", found {_SOURCE[d.source]}"
    rows: list[tuple[str, str]] = [("Token", kind)]
    rows.append(("Session ID", printable(d.session_id) if d.session_id else "(none)"))
    if d.api_key is not None:
        rows.append(("API key", printable(d.api_key)))
    if d.application_id is not None:
        rows.append(("Application", printable(d.application_id)))
    rows += [
        ("Role", printable(d.role) if d.role else "(none)"),
        ("Issued", _time_line(d.issued_at, now)),
        ("Expires", _time_line(d.expires_at, now)),
        (
            "Data",
            printable(d.connection_data) if d.connection_data is not None else "(none)",
        ),
        (
            "Layout",
            printable(" ".join(d.initial_layout_class_list))
            if d.initial_layout_class_list
            else "(none)",
        ),
    ]
    if d.nonce is not None:
        rows.append(("Nonce", str(d.nonce)))
    sig = d.signature.value
    if d.signature is Signature.UNCHECKED:
        sig += " (give the credentials that made it to check it)"
    rows.append(("Signature", sig))
    lines = _field_lines(rows)
    for note in d.notes:
        lines.append(f"note: {printable(note)}")
    lines.append("")
    if not d.problems:
        lines.append("No problems found.")
    else:
        n = len(d.problems)
        lines.append(f"{n} problem{'s' if n > 1 else ''}, most likely first:")
        for i, p in enumerate(d.problems, 1):
            lines.append(f"  {i}. {p.code.value}: {printable(p.message)}")
            lines.append(f"     fix: {p.fix}")
            if p.client_error:
                lines.append(f"     client sees: {p.client_error}")
    return "\n".join(lines)


def session_json(
    info: SessionInfo, key: str | None, belongs: bool | None, sdk_accepts: bool | None
) -> dict[str, Any]:
    """The ``session --json`` object."""
    return {
        "session_id": info.session_id,
        "prefix": info.prefix,
        "decoded": info.decoded,
        "fields": list(info.fields),
        "api_key": info.api_key,
        "location": info.location,
        "created": info.created,
        "created_at": info.created_at,
        "created_at_utc": format_utc(info.created_at)
        if info.created_at is not None
        else None,
        "random": info.random,
        "flag": info.flag,
        "checked_key": key,
        "belongs": belongs,
        "opentok_sdk_accepts": sdk_accepts,
    }


def session_text(
    info: SessionInfo,
    key: str | None,
    belongs: bool | None,
    sdk_accepts: bool | None,
    now: int,
) -> str:
    """A person's view of a session ID."""
    created = printable(info.created) if info.created else "(none)"
    if info.created_at is not None:
        created = _time_line(info.created_at, now) + f"  [as found: {created}]"
    rows = [
        ("Prefix", info.prefix),
        ("API key", printable(info.api_key or "(none)")),
        ("Location", printable(info.location) if info.location else "(none)"),
        ("Created", created),
        ("Random", printable(info.random or "(none)")),
        (
            "Flag",
            "(none)" if info.flag is None else (printable(info.flag) or "(empty)"),
        ),
        ("Fields", printable(" ~ ".join(info.fields))),
    ]
    lines = _field_lines(rows)
    if key is not None:
        if belongs:
            lines.append(f"\nBelongs to API key {key}.")
        else:
            lines.append(
                f"\nDoes NOT belong to {key}: it was created by {info.api_key}."
            )
            if sdk_accepts:
                lines.append(
                    "The opentok SDK would still sign tokens for it: it accepts the "
                    "key in any field, but the service checks the key field."
                )
    return "\n".join(lines)
