"""core/report.py: the ticket-safe report (no signature, no secret, data masked)."""

from __future__ import annotations

from opentok_studio.core import TokenRequest, decode, make_token
from opentok_studio.core.report import ticket_report
from tests.helpers import vectors


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
