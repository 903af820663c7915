"""made_by and the SDK-specific verdicts on layouts read from the SDKs' sources
(releases no vector covers): OpenTok .NET, opentok-php 4.14.5, Vonage .NET, Node."""

from __future__ import annotations

import base64

from opentok_studio.core import ApplicationCredentials, ProjectCredentials, decode
from opentok_studio.core.madeby import identify, missing_from_layout
from opentok_studio.core.sdks import Kind
from tests.helpers import craft, sdkforge, vectors

NOW = vectors.MADE_AT
PROJECT = ProjectCredentials(vectors.API_KEY, vectors.API_SECRET)
APP = ApplicationCredentials(vectors.APP_ID, vectors.private_key())


def codes(items) -> list[str]:  # type: ignore[no-untyped-def]
    return [p.code.value for p in items]


def test_dotnet_t1_up_to_3_11_2_with_a_capital_role_is_a_warning() -> None:
    # Session.cs@v3.11.2: role.ToString() gives PUBLISHER; no expire_time unless
    # asked; layout classes raw with spaces; nonce Random.Next(0, 999999).
    token = craft.t1(
        {
            "session_id": vectors.SID,
            "create_time": str(NOW),
            "nonce": "52871",
            "role": "PUBLISHER",
            "initial_layout_class_list": "focus full",
        }
    )
    d = decode(token, PROJECT, now=NOW)
    assert d.ok and d.made_by.sdk == "opentok-dotnet"
    assert d.initial_layout_class_list == ("focus", "full")
    assert codes(d.warnings) == ["no_expiry", "unknown_role"]
    [role] = [w for w in d.warnings if w.code.value == "unknown_role"]
    assert "3.11.3" in role.fix and "not known" in role.message


def test_a_capital_role_from_any_other_sdk_is_a_problem() -> None:
    claims = craft.project_claims(NOW, role="PUBLISHER")
    d = decode(craft.hs256(claims), PROJECT, now=NOW)
    assert codes(d.problems) == ["unknown_role"]


def test_dotnet_3_15_jwt_loses_its_layout_classes() -> None:
    # TokenGenerator.cs@v3.15.0: misspelt claim, nbf, 5-minute default, no data.
    claims = {
        "iss": vectors.API_KEY,
        "ist": "project",
        "role": "publisher",
        "session_id": vectors.SID,
        "scope": "session.connect",
        "iat": NOW,
        "jti": base64.b64encode(bytes(64)).decode(),
        "initial_layout_list": "focus",
        "nonce": 4242,
        "nbf": NOW,
        "exp": NOW + 300,
    }
    d = decode(
        sdkforge.sign_jwt('{"alg":"HS256","typ":"JWT"}', claims), PROJECT, now=NOW
    )
    assert d.ok
    assert (d.made_by.sdk, d.made_by.versions) == (
        "opentok-dotnet",
        "3.15.0 (JWT by default; drops connection data; 5-minute default lifetime)",
    )
    [lost] = d.warnings
    assert lost.code.value == "layout_classes_lost" and "3.16.1" in lost.fix
    assert d.initial_layout_class_list == ("focus",)


def test_php_4_14_5_jwt_with_its_empty_layout_array_is_clean() -> None:
    claims = {
        "iss": vectors.API_KEY,
        "iat": NOW,
        "nbf": NOW,
        "jti": "0f" * 16,
        "session_id": vectors.SID,
        "role": "publisher",
        "initial_layout_list": [""],
        "ist": "project",
        "nonce": 123456789,
        "scope": "session.connect",
    }
    d = decode(
        sdkforge.sign_jwt('{"typ":"JWT","alg":"HS256"}', claims), PROJECT, now=NOW
    )
    assert d.ok and d.initial_layout_class_list == ()
    assert d.made_by.sdk == "opentok-php" and d.made_by.versions.startswith("4.14.5")
    assert codes(d.warnings) == ["no_expiry"]


def test_vonage_dotnet_writes_no_expiry_by_design() -> None:
    claims = {
        "iat": NOW,
        "application_id": vectors.APP_ID,
        "jti": base64.b64encode(bytes(64)).decode(),
        "role": "publisher",
        "session_id": vectors.APP_SID,
        "scope": "session.connect",
    }
    d = decode(sdkforge.sign_jwt('{"alg":"RS256","typ":"JWT"}', claims), APP, now=NOW)
    assert d.ok and d.made_by.sdk == "vonage-dotnet"
    assert codes(d.warnings) == ["no_expiry"]


def test_the_same_missing_expiry_from_a_python_layout_is_a_problem() -> None:
    d = decode(craft.hs256(craft.project_claims(NOW, exp=None)), PROJECT, now=NOW)
    assert codes(d.problems) == ["no_expiry"]


def test_a_python_t1_cut_before_its_layout_field_is_truncated() -> None:
    token = craft.t1(
        {
            "session_id": vectors.SID,
            "create_time": str(NOW),
            "expire_time": str(NOW + 60),
            "role": "publisher",
            "nonce": "77",
        }
    )
    d = decode(token, PROJECT, now=NOW)
    assert "truncated" in codes(d.problems)
    assert "initial_layout_class_list" in d.problems[0].message


def test_prefix_rule_names_what_follows() -> None:
    names = ("session_id", "create_time", "expire_time", "role")
    assert missing_from_layout(Kind.T1, names) == ("nonce", "initial_layout_class_list")
    assert (
        missing_from_layout(Kind.T1, ("role", "session_id", "create_time", "nonce"))
        == ()
    )


def test_unknown_layouts_say_so() -> None:
    m = identify(Kind.HS256, ["foo", "bar"], header='{"alg":"HS256"}', nonce=1)
    assert m.sdk == "unknown" and "fits no official SDK" in m.evidence[-1]
    assert identify(None, ["x"]).sdk == "unknown"


def test_header_bytes_and_nonce_tell_ruby_4_10_from_python_3_10() -> None:
    order = ["iss", "ist", "iat", "exp", "nonce", "role", "scope", "session_id"]
    ruby = identify(Kind.HS256, order, header='{"typ":"JWT","alg":"HS256"}', nonce=0.25)
    python = identify(Kind.HS256, order, header='{"alg":"HS256","typ":"JWT"}', nonce=25)
    assert (ruby.sdk, ruby.versions) == (
        "opentok-ruby",
        "4.10.0 (JWT by default, 24 h)",
    )
    assert (python.sdk, python.versions) == (
        "opentok-python",
        "3.10.0 (JWT by default)",
    )
