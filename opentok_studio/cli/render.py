"""Text and JSON renderings of core results for the terminal.

Text that came from outside (a token being decoded, a server's answer, an
error body, profiles.json) reaches the terminal only through terminal_safe()
or dumps(): raw, an ESC sequence in it could retitle, clear or recolour the
terminal, and a bidi override reorder what is read (hardening #13, finding 14).
"""

from __future__ import annotations

import json
import re
from typing import TYPE_CHECKING, Any

from opentok_studio.core import explain
from opentok_studio.core.model import Decoded, Problem, SessionInfo
from opentok_studio.core.timeparse import format_utc

if TYPE_CHECKING:
    from opentok_studio.core.belonging import SessionVerdict


def terminal_safe(text: str) -> str:
    """The one way the CLI prints text from outside: control characters (C0
    but newline and tab, ESC, DEL, C1), bidi overrides and isolates, and lone
    surrogates escaped as ``\\x1b``, ``\\u202e``...; everything else as is."""
    if text.isprintable():
        return text
    return "\n".join(
        "\t".join(explain.printable(cell) for cell in line.split("\t"))
        for line in text.split("\n")
    )


def error_line(message: str) -> str:
    """``error: MESSAGE`` on one line, terminal-safe (spec/cli.md: exit 2..4)."""
    return f"error: {terminal_safe(' '.join(message.split()))}\n"


# ensure_ascii=False escapes only C0 (RFC 8259): these would reach the
# terminal raw. They occur only inside JSON strings, where \\u escapes are valid.
_RAW_IN_JSON = re.compile("[\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069]")


def dumps(value: Any) -> str:
    """JSON for stdout: DEL, C1 controls, bidi overrides and line separators
    as \\u escapes; all \\u escapes if the text holds lone surrogates."""
    text = json.dumps(value, ensure_ascii=False, indent=2, allow_nan=False)
    text = _RAW_IN_JSON.sub(lambda m: f"\\u{ord(m.group()):04x}", text)
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        text = json.dumps(value, ensure_ascii=True, indent=2, allow_nan=False)
    return text


def problem_json(p: Problem) -> dict[str, Any]:
    """A problem as spec/cli.md's object."""
    return {
        "code": p.code.value,
        "message": p.message,
        "fix": p.fix,
        "client_error": p.client_error,
    }


def _utc(ts: int | None) -> str | None:
    return format_utc(ts) if ts is not None else None


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
        "warnings": [problem_json(w) for w in d.warnings],
        "made_by": {
            "sdk": d.made_by.sdk,
            "versions": d.made_by.versions,
            "evidence": list(d.made_by.evidence),
        },
        "claims": d.claims,
        # additions (add, never rename)
        "header": d.header,
        "issued_at_utc": _utc(d.issued_at),
        "expires_at_utc": _utc(d.expires_at),
        "source": d.source,
        "notes": list(d.notes),
    }


def _field_lines(rows: list[tuple[str, str]]) -> list[str]:
    width = max(len(k) for k, _ in rows)
    return [f"{k.ljust(width)}  {v}" for k, v in rows]


def decoded_text(d: Decoded, now: int) -> str:
    """A person's view: every field, then the problems with their fixes."""
    rows = explain.decoded_rows(d, now)
    if d.signed_by is not None:  # `--all-profiles` found it
        rows.append(("Signed by", f"profile {d.signed_by}"))
    lines = _field_lines(rows)
    if d.claims and d.made_by.evidence:
        lines.append("made by, because: " + "; ".join(d.made_by.evidence))
    lines += [f"note: {explain.printable(note)}" for note in d.notes]
    lines.append("")
    if not d.problems:
        lines.append(explain.clean_verdict(d) + ".")
    else:
        n = len(d.problems)
        lines.append(f"{n} problem{'s' if n > 1 else ''}, most likely first:")
        lines += _listed(d.problems)
    if d.warnings:
        n = len(d.warnings)
        lines.append(f"{n} warning{'s' if n > 1 else ''} (the token still works):")
        lines += _listed(d.warnings)
    # alg and nonce come straight from the token: the whole is made safe.
    return terminal_safe("\n".join(lines))


def _listed(problems: tuple[Problem, ...]) -> list[str]:
    lines = []
    for i, p in enumerate(problems, 1):
        lines.append(f"  {i}. {p.code.value}: {explain.printable(p.message)}")
        lines.append(f"     fix: {p.fix}")
        if p.client_error:
            lines.append(f"     client sees: {p.client_error}")
    return lines


def session_json(info: SessionInfo, verdict: SessionVerdict) -> dict[str, Any]:
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
        "created_at_utc": _utc(info.created_at),
        "random": info.random,
        "flag": info.flag,
        "checked_key": verdict.key,
        "belongs": verdict.belongs,
        "opentok_sdk_accepts": verdict.sdk_accepts,
    }


def session_text(info: SessionInfo, verdict: SessionVerdict, now: int) -> str:
    """A person's view of a session ID, and the verdict when a key was given."""
    lines = _field_lines(explain.session_rows(info, now))
    if verdict.text is not None:
        lines += ["", verdict.text]
    return terminal_safe("\n".join(lines))
