"""What decoding a token has found so far; frozen into ``Decoded`` at the end."""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from typing import Any

from opentok_studio.core.diagnose import problem
from opentok_studio.core.model import (
    UNKNOWN_SDK,
    Family,
    MadeBy,
    Problem,
    ProblemCode,
    Signature,
    TokenFormat,
)


@dataclass
class Findings:
    """The fields read, the checks' verdicts and the SDK that made the token.

    ``names`` keeps the token's field or claim names in token order: the
    SDK fingerprint (core/madeby.py) reads it.
    """

    token: str
    format: TokenFormat
    source: str
    alg: str | None = None
    header: dict[str, Any] | None = None
    claims: dict[str, Any] = field(default_factory=dict)
    names: tuple[str, ...] = ()
    session_id: str | None = None
    role: str | None = None
    issued_at: int | None = None
    expires_at: int | None = None
    not_before: int | None = None
    has_exp: bool = True
    connection_data: str | None = None
    layout: tuple[str, ...] = ()
    nonce: str | int | float | None = None
    api_key: str | None = None
    application_id: str | None = None
    family: Family | None = None
    signature: Signature = Signature.UNCHECKED
    damaged: bool = False
    made_by: MadeBy = UNKNOWN_SDK
    problems: list[Problem] = field(default_factory=list)
    warnings: list[Problem] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)

    def add(self, code: ProblemCode, message: str, *, fix: str | None = None) -> None:
        """A reason a client would be refused."""
        if code in (ProblemCode.MALFORMED, ProblemCode.TRUNCATED):
            self.damaged = True
        self.problems.append(problem(code, message, fix=fix))

    def warn(self, code: ProblemCode, message: str, *, fix: str | None = None) -> None:
        """Worth knowing, but no reason to refuse the token (so no client error)."""
        self.warnings.append(
            replace(problem(code, message, fix=fix), client_error=None)
        )
