"""sdk-variants.json: tokens made by the Ruby, PHP and Java SDKs' own code decode
with every field right, a valid signature, no problem, and the SDK named."""

from __future__ import annotations

import io
import json
from typing import Any

import pytest

from opentok_studio.cli import main
from opentok_studio.core import (
    ApplicationCredentials,
    Credentials,
    ProjectCredentials,
    Signature,
    decode,
    load_private_key,
)
from tests.helpers import vectors

DATA = vectors.load("sdk-variants")
#: Three legitimate calls are refused by their SDK (Ruby: data of 1000
#: characters; PHP T1: 300 emoji are 1200 bytes) and carry no token.
CASES = [c for c in DATA["cases"] if c.get("token")]
REFUSED = [c for c in DATA["cases"] if not c.get("token")]
PROBES = [p for p in DATA["refusal_probes"] if p.get("token")]
CREDS = DATA["credentials"]
PEM = vectors.VECTORS / "sdk-variants-rsa-private.pem"
#: The vectors' SDK names -> made_by.sdk
SDK_OF = {
    "opentok (Ruby gem)": "opentok-ruby",
    "vonage (Ruby gem) + vonage-jwt 0.2.1": "vonage-ruby",
    "opentok/opentok (PHP)": "opentok-php",
    "opentok/opentok (PHP) with Vonage application credentials": "opentok-php",
    "vonage/video (PHP) + vonage/jwt": "vonage-php",
    "com.opentok:opentok-server-sdk (Java)": "opentok-java",
    "com.opentok:opentok-server-sdk (Java) with Vonage application credentials": (
        "opentok-java"
    ),
    "com.vonage:server-sdk (Java) + com.vonage:jwt": "vonage-java",
}
#: Each accepted refusal probe -> the problems it must get, and the warnings.
PROBE_VERDICT: dict[str, tuple[set[str], set[str]]] = {
    "vonage-ruby-jwt-refuse-data-1001": ({"data_too_long"}, set()),
    "vonage-ruby-jwt-refuse-expiry-31d": ({"expiry_too_far"}, set()),
    "opentok-php-jwt-refuse-data-1001": ({"data_too_long"}, {"no_expiry"}),
    "opentok-php-jwt-refuse-expiry-31d": ({"expiry_too_far"}, set()),
    "opentok-php-jwt-refuse-role-owner": ({"unknown_role"}, {"no_expiry"}),
    "opentok-php-jwt-refuse-expiry-past": ({"expired"}, set()),
    "opentok-php-jwt-refuse-expiry-ms": ({"expiry_in_milliseconds"}, set()),
    "opentok-php-jwt-refuse-session-of-other-key": (
        {"session_of_other_key"},
        {"no_expiry"},
    ),
    "opentok-php-vonage-jwt-default": ({"project_application_mixup"}, {"no_expiry"}),
    "opentok-php-vonage-jwt-all-options": (
        {"project_application_mixup"},
        {"layout_classes_encoded"},
    ),
    "opentok-php-vonage-t1-default": ({"project_application_mixup"}, {"no_expiry"}),
    "vonage-php-jwt-refuse-data-1001": ({"data_too_long"}, {"no_role"}),
    "vonage-php-jwt-refuse-expiry-31d": ({"expiry_too_far"}, {"no_role"}),
    "vonage-php-jwt-refuse-role-owner": ({"unknown_role"}, set()),
    # Java's Role is an enum: role(null) still makes a sound publisher token.
    "opentok-java-t1-refuse-role-null": (set(), set()),
    "opentok-java-jwt-refuse-role-null": (set(), set()),
}


def credentials(case: dict[str, Any]) -> Credentials:
    if case["credentials"] == "project":
        return ProjectCredentials(CREDS["api_key"], CREDS["api_secret"])
    # application, and opentok-php's HMAC keyed with a withheld key path
    return ApplicationCredentials(
        CREDS["application_id"], load_private_key(PEM.read_bytes())
    )


def env(case: dict[str, Any]) -> dict[str, str]:
    if case["credentials"] == "project":
        return vectors.project_env(CREDS["api_key"], CREDS["api_secret"])
    return vectors.application_env(CREDS["application_id"], PEM)


def made_at(case: dict[str, Any]) -> int:
    return int(case["expect"]["issued_at"] or case["made_at"])


def test_the_floor_is_there() -> None:
    assert len(CASES) == 124 and len(REFUSED) == 3
    assert all(c["sdk_accepts"] is False for c in REFUSED)
    assert len(PROBES) == len(PROBE_VERDICT)
    assert {SDK_OF[c["sdk"]] for c in CASES} == {
        "opentok-ruby",
        "vonage-ruby",
        "opentok-php",
        "vonage-php",
        "opentok-java",
        "vonage-java",
    }


@pytest.mark.parametrize("case", CASES, ids=[c["name"] for c in CASES])
def test_every_legitimate_token_decodes_whole_with_no_problem(
    case: dict[str, Any],
) -> None:
    expect = case["expect"]
    d = decode(case["token"], credentials(case), now=made_at(case))
    for name in vectors.FIELDS:
        assert getattr(d, name) == expect[name], name
    assert list(d.initial_layout_class_list) == expect["initial_layout_class_list"]
    assert d.claims == {**expect["claims"]}
    assert d.signature is Signature.VALID
    assert d.problems == (), [p.message for p in d.problems]
    assert d.made_by.sdk == SDK_OF[case["sdk"]]
    assert d.made_by.evidence


@pytest.mark.parametrize("case", CASES, ids=[c["name"] for c in CASES])
def test_every_legitimate_token_exits_0_in_the_cli(
    case: dict[str, Any], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr("opentok_studio.cli.commands._now", lambda: made_at(case))
    out, err = io.StringIO(), io.StringIO()
    code = main(
        ["decode", case["token"], "--json"], stdout=out, stderr=err, env=env(case)
    )
    body = json.loads(out.getvalue())
    assert code == 0, body["problems"]
    assert body["signature"] == "valid"
    assert body["problems"] == []
    assert body["made_by"]["sdk"] == SDK_OF[case["sdk"]]
    assert body["connection_data"] == case["expect"]["connection_data"]
    assert all(
        set(w) == {"code", "message", "fix", "client_error"} for w in body["warnings"]
    )


@pytest.mark.parametrize("probe", PROBES, ids=[p["name"] for p in PROBES])
def test_each_accepted_refusal_probe_gets_its_verdict(probe: dict[str, Any]) -> None:
    problems, warnings = PROBE_VERDICT[probe["name"]]
    d = decode(probe["token"], credentials(probe), now=made_at(probe))
    assert {p.code.value for p in d.problems} == problems
    assert {w.code.value for w in d.warnings} == warnings
    assert d.made_by.sdk == SDK_OF[probe["sdk"]]
    assert d.session_id == probe["expect"]["session_id"]
    assert d.connection_data == probe["expect"]["connection_data"]


def test_php_made_application_tokens_name_the_key_path_bug() -> None:
    probe = next(p for p in PROBES if p["name"] == "opentok-php-vonage-jwt-default")
    for creds in (None, credentials(probe)):
        d = decode(probe["token"], creds, now=made_at(probe))
        [mixup] = d.problems
        assert "key file's path" in mixup.message
        assert "vonage/video" in mixup.fix


@pytest.mark.parametrize(
    ("name", "words"),
    [
        (
            "opentok-php-jwt-refuse-data-1001",
            ["opentok-php checks nothing", "1024", "before the server calls it"],
        ),
        (
            "vonage-ruby-jwt-refuse-expiry-31d",
            ["vonage-ruby does not check this", "vonage-ruby makes what it is asked"],
        ),
        (
            "opentok-php-jwt-refuse-expiry-past",
            ["opentok-php does not check the expiry"],
        ),
    ],
)
def test_limit_messages_say_which_sdk_allows_what(name: str, words: list[str]) -> None:
    probe = next(p for p in PROBES if p["name"] == name)
    d = decode(probe["token"], credentials(probe), now=made_at(probe))
    text = " ".join(p.message + " " + p.fix for p in d.problems)
    for word in words:
        assert word in text


def test_no_expiry_by_design_is_a_warning_whose_fix_fits_the_sdk() -> None:
    ruby = next(c for c in CASES if c["name"] == "opentok-ruby-jwt-default")
    php = next(c for c in CASES if c["name"] == "opentok-php-t1-default")
    for case, option in ((ruby, "expire_time:"), (php, "'expireTime'")):
        d = decode(case["token"], credentials(case), now=made_at(case))
        [w] = d.warnings
        assert w.code.value == "no_expiry"
        assert option in w.fix and "leaked" in w.message


def test_java_url_safe_t1_is_read_and_named() -> None:
    case = next(
        c for c in CASES if c["expect"].get("t1_base64_alphabet") == "url-safe (-_)"
    )
    assert any(ch in case["token"] for ch in "-_")
    d = decode(case["token"], credentials(case), now=made_at(case))
    assert d.initial_layout_class_list == ("x>>>y", "a???b", "café")
    assert any("URL-safe" in e for e in d.made_by.evidence)


def test_url_safe_t1_inside_a_url_is_found() -> None:
    case = next(
        c for c in CASES if c["expect"].get("t1_base64_alphabet") == "url-safe (-_)"
    )
    d = decode(
        f"https://x.test/join?token={case['token']}&room=1",
        credentials(case),
        now=made_at(case),
    )
    assert d.signature is Signature.VALID and d.ok
