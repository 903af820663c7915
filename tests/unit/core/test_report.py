"""core/report.py: the ticket-safe report (no signature, no secret, data masked)."""

from __future__ import annotations

from opentok_studio.core import ProjectCredentials, TokenRequest, decode, make_token
from opentok_studio.core.report import ticket_report
from tests.helpers import vectors

NOW = vectors.MADE_AT
OURS = ProjectCredentials(vectors.API_KEY, vectors.API_SECRET)


def test_report_is_ticket_safe(project, now) -> None:
    token = make_token(TokenRequest(vectors.SID, data="email=ann@example.com"),
                       project, now=now)  # fmt: skip
    d = decode(token, project, now=now + 90_000)
    report = ticket_report(d, now + 90_000)
    signature = token.rsplit(".", 1)[1]
    for secret in (signature, vectors.API_SECRET, "ann@example.com", token):
        assert secret not in report
    assert "[masked: 21 characters]" in report
    assert "Verdict: REJECTED" in report and "expired" in report
    assert "UTC" in report
    assert "ann@example.com" in ticket_report(d, now, unmask_data=True)


def test_every_age_comes_from_the_decode_clock() -> None:
    token = make_token(TokenRequest(vectors.SID, expire_in=60), OURS, now=NOW)
    d = decode(token, OURS, now=NOW + 3600, client_error="1004 token has expired")
    # copied two hours after the decode: still the ages the problems state
    text = ticket_report(d, NOW + 3 * 3600)
    assert "59 min ago" in text  # the Expires row, at the decode's clock
    assert "expired 59 min ago" in text  # the problem, same clock
    assert "2 h" not in text
    assert "Client reported: 1004 token has expired" in text
    assert token not in text
