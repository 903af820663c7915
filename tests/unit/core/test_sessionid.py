"""Each OpenTok SDK's own session-belongs-to-key check (session --json
``sdk_accepts``), against the verdicts the SDKs gave in the vectors."""

from __future__ import annotations

import pytest

from opentok_studio.core.sessionid import sdk_acceptance
from tests.helpers import vectors

VARIANTS = vectors.load("sdk-variants")
KEY = VARIANTS["credentials"]["api_key"]
OTHER_SESSION = VARIANTS["session_ids"]["other_api_key"]
OWN_SESSION = VARIANTS["session_ids"]["project"]
#: refusal probe name -> the SDK family whose measured verdict it is
PROBES = {
    "opentok-ruby-jwt-refuse-session-of-other-key": "opentok-ruby",
    "opentok-php-t1-refuse-session-of-other-key": "opentok-php",
    "opentok-php-jwt-refuse-session-of-other-key": "opentok-php-jwt",
    "opentok-java-t1-refuse-session-of-other-key": "opentok-java",
    "opentok-java-jwt-refuse-session-of-other-key": "opentok-java",
}


@pytest.mark.parametrize(("name", "sdk"), PROBES.items())
def test_matches_what_each_sdk_did_with_another_keys_session(
    name: str, sdk: str
) -> None:
    probe = next(p for p in VARIANTS["refusal_probes"] if p["name"] == name)
    assert probe["inputs"]["session_id"] == OTHER_SESSION
    assert sdk_acceptance(OTHER_SESSION, KEY)[sdk] is probe["sdk_accepts"]


def test_every_sdk_accepts_its_own_session() -> None:
    assert all(sdk_acceptance(OWN_SESSION, KEY).values())


def test_python_verdicts_match_the_measured_odd_ids() -> None:
    for case in vectors.load("session_ids")["odd"]:
        got = sdk_acceptance(case["session_id"], case["api_key"])["opentok-python"]
        assert got is case["sdk_accepts"], case["name"]


def test_key_in_another_field_splits_the_sdks() -> None:
    # Node reads field 1 only; .NET checks no key at all; the rest search.
    odd = next(
        c
        for c in vectors.load("session_ids")["odd"]
        if c["name"] == "key-in-other-field"
    )
    verdicts = sdk_acceptance(odd["session_id"], odd["api_key"])
    assert verdicts == {
        "opentok-python": True,
        "opentok-node": False,
        "opentok-php": True,
        "opentok-php-jwt": True,
        "opentok-ruby": True,
        "opentok-java": True,
        "opentok-dotnet": True,
    }


def test_ruby_finds_the_key_anywhere_in_the_text() -> None:
    # Session.belongs_to_api_key?: decoded.include?(api_key): a substring test
    verdicts = sdk_acceptance(vectors.SID, vectors.API_KEY[:4])
    assert verdicts["opentok-ruby"] is True
    assert verdicts["opentok-python"] is False and verdicts["opentok-node"] is False


def test_session_json_names_which_sdks_would_sign() -> None:
    from tests.helpers.cli import run

    odd = next(
        c
        for c in vectors.load("session_ids")["odd"]
        if c["name"] == "key-in-other-field"
    )
    body = run(
        "session", odd["session_id"], "--json", "--api-key", odd["api_key"]
    ).json()
    assert body["belongs"] is False
    assert body["opentok_sdk_accepts"] is True  # kept: the contract adds, never renames
    assert body["sdk_accepts"]["opentok-node"] is False
    assert body["sdk_accepts"]["opentok-python"] is True
    assert run("session", odd["session_id"], "--json").json()["sdk_accepts"] is None
