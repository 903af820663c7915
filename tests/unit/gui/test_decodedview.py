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


def test_the_verdict_block_comes_first_and_the_raw_claims_last(qtbot) -> None:
    # #15 (support): the signature sat at the bottom, below the raw claims.
    from dataclasses import replace

    view = DecodedView()
    qtbot.addWidget(view)
    d = _decoded("opentok-java-jwt-default")
    expired = decode(d.token, CREDS, now=(d.expires_at or 0) + 3600)
    view.show_decoded(replace(expired, signed_by="staging"))
    text = view.text()
    order = ["problem", "Signature: ✓ valid", "Signed by: profile staging",
             "Top cause: expired", "most likely first", "Made by", "Session ID",
             "Claims"]  # fmt: skip
    positions = [text.index(word) for word in order]
    assert positions == sorted(positions), text


def test_without_credentials_the_verdict_says_the_signature_was_not_checked(
    qtbot,
) -> None:
    # "✓ No problems found" above an unchecked signature read as "fine".
    case = next(c for c in VARIANTS["cases"] if c["name"] == "opentok-java-jwt-default")
    view = DecodedView()
    qtbot.addWidget(view)
    view.show_decoded(decode(case["token"], None, now=case["made_at"]))
    text = view.text()
    assert "✓ No problems found" not in text
    assert "the signature was not checked" in text
