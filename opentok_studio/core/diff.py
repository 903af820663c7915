"""Compare two decoded tokens field by field: what differs, and whether access does."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from opentok_studio.core.model import Decoded

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
