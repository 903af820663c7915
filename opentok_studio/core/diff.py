"""Compare two decoded tokens field by field: what differs, and whether access does."""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum
from typing import Any

from opentok_studio.core.model import Decoded
from opentok_studio.core.timeparse import format_utc

#: (field, label, counts toward access) in display order
FIELDS: tuple[tuple[str, str, bool], ...] = (
    ("format", "Format", False),
    ("alg", "Algorithm", False),
    ("api_key", "API key", True),
    ("application_id", "Application", True),
    ("session_id", "Session ID", True),
    ("role", "Role", True),
    ("connection_data", "Connection data", True),
    ("initial_layout_class_list", "Layout classes", True),
    ("issued_at", "Issued", False),
    ("expires_at", "Expires", False),
    ("nonce", "Nonce", False),
    ("signature", "Signature", False),
    ("problem_codes", "Problems", False),
)


@dataclass(frozen=True, slots=True)
class FieldDiff:
    """One field that differs between token A and token B."""

    field: str
    label: str
    a: Any
    b: Any
    grants: bool  #: it changes what the token lets a client do


def _value(d: Decoded, field: str) -> Any:
    value = getattr(d, field)
    if field in ("initial_layout_class_list", "problem_codes"):
        return [getattr(v, "value", v) for v in value]
    return getattr(value, "value", value)


def diff(a: Decoded, b: Decoded) -> list[FieldDiff]:
    """Every field that differs, in display order."""
    out = []
    for field, label, grants in FIELDS:
        va, vb = _value(a, field), _value(b, field)
        if va != vb:
            out.append(FieldDiff(field, label, va, vb, grants))
    return out


def same_access(differences: list[FieldDiff]) -> bool:
    """Both grant the same access: key, session, role, data and layout agree."""
    return not any(d.grants for d in differences)


def shown(field: str, value: Any) -> str:
    """A value as a person reads it: times in UTC, lists joined, none said."""
    if value is None or value == []:
        return "(none)"
    if field in ("issued_at", "expires_at") and isinstance(value, int):
        return format_utc(value)
    if isinstance(value, list):
        return ", ".join(str(v) for v in value)
    return str(value)


class Verdict(StrEnum):
    """What comparing two tokens says, worst first."""

    DIFFERENT_ACCESS = "different_access"  #: a field that grants access differs
    PROBLEMS = "problems"  #: same grants, but a token would be refused
    SAME_ACCESS = "same_access"  #: same grants and neither has a problem


def verdict(
    a: Decoded, b: Decoded, differences: list[FieldDiff]
) -> tuple[Verdict, str]:
    """The verdict and its sentence. Never "same" while a token would be
    refused: an expired token grants nothing, whatever its fields say."""
    refused = _refused(a, b)
    if not same_access(differences):
        # The refusal matters more than the grants: a support person comparing
        # a failing token with a good one looks for why it fails.
        also = f"; and token {refused}" if refused else ""
        return (
            Verdict.DIFFERENT_ACCESS,
            f"Different access: the ✱ fields change what the token allows{also}.",
        )
    if refused:
        return Verdict.PROBLEMS, f"Same grants, but token {refused}."
    if not differences:
        return Verdict.SAME_ACCESS, "No field differs."
    return (
        Verdict.SAME_ACCESS,
        "Same access: only times, nonce or signature state differ.",
    )


def _refused(a: Decoded, b: Decoded) -> str:
    """``A would be refused (A: bad_signature)`` for the tokens that would be
    refused, or "" when neither would be."""
    failing = [(name, d) for name, d in (("A", a), ("B", b)) if d.problems]
    if not failing:
        return ""
    which = " and ".join(name for name, _ in failing)
    codes = "; ".join(
        f"{name}: " + ", ".join(p.code.value for p in d.problems) for name, d in failing
    )
    verb = "would be" if len(failing) == 1 else "would both be"
    return f"{which} {verb} refused ({codes})"


@dataclass(frozen=True, slots=True)
class Comparison:
    """Two decoded tokens compared: what differs, and what that means."""

    differences: list[FieldDiff]
    verdict: Verdict
    sentence: str


def compare(a: Decoded, b: Decoded) -> Comparison:
    """Every differing field, and the verdict both faces show."""
    differences = diff(a, b)
    kind, sentence = verdict(a, b, differences)
    return Comparison(differences, kind, sentence)
