"""A ticket-safe report: verdicts and fields, no signature, no secret, data masked."""

from __future__ import annotations

from opentok_studio.core import explain
from opentok_studio.core.model import Decoded

_OMITTED = {"Signature"}


def ticket_report(d: Decoded, now: int, *, unmask_data: bool = False) -> str:
    """Plain text to paste into a ticket.

    The token text itself is left out (it is a credential until it expires,
    and its payload carries the connection data); times are UTC and local,
    every age from the clock the token was judged at (``d.checked_at``), so
    the rows and the problems agree.
    """
    now = d.checked_at if d.checked_at is not None else now
    verdict = "REJECTED" if d.problems else "OK"
    lines = [
        "OpenTok Studio token report",
        f"Verdict: {verdict} ({len(d.problems)} problem(s) found)",
        f"Signature: {explain.signature_text(d)}"
        + (f", signed by profile {d.signed_by}" if d.signed_by else ""),
        "Token text: omitted (a token is a credential until it expires)",
    ]
    if d.client_error:
        lines.append(f"Client reported: {d.client_error}")
    lines.append("")
    for label, value in explain.decoded_rows(d, now):
        if label in _OMITTED:
            continue
        if label == "Data" and d.connection_data is not None and not unmask_data:
            value = f"[masked: {len(d.connection_data)} characters]"
        lines.append(f"{label}: {value}")
    for title, items in (
        ("Problems, most likely first:", d.problems),
        ("Warnings (the token still works):", d.warnings),
    ):
        if items:
            lines += ["", title]
        for i, p in enumerate(items, 1):
            lines.append(f"{i}. {p.code.value}: {_masked(p.message, d, unmask_data)}")
            lines.append(f"   Fix: {p.fix}")
            if p.client_error:  # warnings carry none: no client is refused
                lines.append(f"   Client sees: {p.client_error}")
    if d.claims and d.made_by.evidence:
        lines.append("Made by, because: " + "; ".join(d.made_by.evidence))
    lines += [f"Note: {n}" for n in d.notes]
    return "\n".join(lines) + "\n"


def _masked(message: str, d: Decoded, unmask_data: bool) -> str:
    if not unmask_data and d.connection_data and d.connection_data in message:
        return message.replace(d.connection_data, "[masked]")
    return message
