"""The decoded view: verdict, who made the token, warnings apart from problems."""

from __future__ import annotations

from opentok_studio.core import ProjectCredentials, decode
from opentok_studio.gui.decodedview import DecodedView
from tests.helpers import vectors

VARIANTS = vectors.load("sdk-variants")
CREDS = ProjectCredentials(
    VARIANTS["credentials"]["api_key"], VARIANTS["credentials"]["api_secret"]
)


def _decoded(name: str):  # type: ignore[no-untyped-def]
    case = next(c for c in VARIANTS["cases"] if c["name"] == name)
    return decode(case["token"], CREDS, now=case["made_at"])


def test_shows_who_made_it_and_warnings_apart_from_problems(qtbot) -> None:
    view = DecodedView()
    qtbot.addWidget(view)
    d = _decoded("opentok-ruby-jwt-default")
    view.show_decoded(d)
    text = view.text()
    assert "No problems found" in text
    assert "1 warning (the token still works)" in text
    assert "no_expiry" in text and "expire_time: Time.now.to_i + 86400" in text
    assert "Made by" in text and "opentok-ruby >= 4.11" in text
    assert 'header {"typ":"JWT","alg":"HS256"}' in text
    # warnings come after the verdict and before the field table
    assert (
        text.index("No problems found")
        < text.index("warning")
        < text.index("Session ID")
    )


def test_a_clean_token_shows_no_warning_section(qtbot) -> None:
    view = DecodedView()
    qtbot.addWidget(view)
    view.show_decoded(_decoded("opentok-java-jwt-default"))
    text = view.text()
    assert "warning" not in text.lower()
    assert "opentok-java >= 4.15" in text
