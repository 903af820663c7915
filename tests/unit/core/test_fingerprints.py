"""core/fingerprints.py: the layout each SDK writes, one fingerprint a release range."""

from __future__ import annotations

from opentok_studio.core.fingerprints import FINGERPRINTS, omits_expiry
from opentok_studio.core.sdks import Kind, Sdk


def test_every_sdk_and_kind_is_described() -> None:
    assert {fp.sdk for fp in FINGERPRINTS} == set(Sdk) - {Sdk.UNKNOWN}
    assert {fp.kind for fp in FINGERPRINTS} == set(Kind)
    for fp in FINGERPRINTS:
        assert fp.core, fp
        assert not (set(fp.core) & fp.optional), fp
        assert (fp.header is None) is (fp.kind is Kind.T1), fp
        assert fp.url_safe is False or fp.sdk is Sdk.OPENTOK_JAVA


def test_versions_narrow_by_the_fields_present() -> None:
    php_jwt = [
        fp for fp in FINGERPRINTS if fp.sdk is Sdk.OPENTOK_PHP and fp.kind is Kind.HS256
    ]
    texts = {fp.versions_for(["exp"]) for fp in php_jwt if callable(fp.versions)}
    assert any(t and t.startswith(">= 4.17.1") for t in texts)


def test_omits_expiry() -> None:
    assert omits_expiry(Sdk.OPENTOK_RUBY, Kind.T1)
    assert not omits_expiry(Sdk.OPENTOK_PYTHON, Kind.T1)
    assert omits_expiry(Sdk.VONAGE_DOTNET, Kind.RS256)
