"""Any pasted text -> Decoded: read (core/reader.py), verify (core/verify.py),
judge (core/judge.py), with the SDK that made the token named on the way.

Damage is reported as problems, never raised: only text with no token in it
at all raises DecodeError (spec/cli.md, decode).
"""

from __future__ import annotations

from opentok_studio.core import t1
from opentok_studio.core.diagnose import client_error_fit, rank
from opentok_studio.core.extract import extract_token
from opentok_studio.core.findings import Findings
from opentok_studio.core.judge import judge_content, judge_identity, judge_times
from opentok_studio.core.model import (
    Credentials,
    Decoded,
    ProblemCode,
    ProjectCredentials,
    TokenFormat,
)
from opentok_studio.core.reader import read_jwt, read_t1
from opentok_studio.core.validate import validate_api_secret
from opentok_studio.core.verify import verify_jwt, verify_t1

C = ProblemCode


def decode(
    text: str,
    credentials: Credentials | None = None,
    *,
    now: int,
    expected_session_id: str | None = None,
    client_error: str | None = None,
) -> Decoded:
    """Decode and check a token found in ``text``.

    Args:
        text: a token, or text holding one (URL, JSON, quotes, whitespace).
        credentials: checks the signature and the key when given; a project
            without a secret checks only the key.
        now: Unix seconds to judge times against.
        expected_session_id: the session the client tried to join.
        client_error: what the client reported (``1004 token has expired``),
            used to rank the causes.

    Raises:
        DecodeError: no token can be recognised in ``text``.
        CredentialsError: the "API secret" is a PEM key or not text.
    """
    if isinstance(credentials, ProjectCredentials) and credentials.api_secret:
        validate_api_secret(credentials.api_secret)  # a PEM is never an HMAC key
    found = extract_token(text)
    f = Findings(
        token=found.token,
        format=TokenFormat.T1 if found.token.startswith(t1.PREFIX) else TokenFormat.JWT,
        source=found.source,
    )
    for damage in found.damage:
        f.add(C.MALFORMED, f"the token was damaged on its way: {damage}")
    if f.format is TokenFormat.T1:
        verify_t1(f, read_t1(f), credentials)
    else:
        verify_jwt(f, read_jwt(f), credentials)
    if f.claims:
        judge_identity(f, credentials, expected_session_id)
        judge_times(f, now)
        judge_content(f)
    if client_error and (fit := client_error_fit(client_error, f.problems)):
        f.notes.append(fit)
    return Decoded(
        token=f.token,
        format=f.format,
        alg=f.alg,
        session_id=f.session_id,
        role=f.role,
        issued_at=f.issued_at,
        expires_at=f.expires_at,
        expired=f.expires_at is not None and f.expires_at < now,
        connection_data=f.connection_data,
        initial_layout_class_list=f.layout,
        nonce=f.nonce,
        api_key=f.api_key,
        application_id=f.application_id,
        signature=f.signature,
        problems=rank(f.problems, client_error),
        claims=f.claims,
        header=f.header,
        source=f.source,
        notes=tuple(f.notes),
        warnings=rank(f.warnings),
        made_by=f.made_by,
        checked_at=now,
        client_error=client_error or None,
        expected_session_id=expected_session_id,
        family=f.family,
    )
