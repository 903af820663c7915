"""Any grants, laid out the way each official SDK lays them out (field order,
header bytes, nonce shape, T1 alphabet, claim names) and signed by hand: the
decoder reads the same fields, finds no problem and names the SDK."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from opentok_studio.core import (
    ApplicationCredentials,
    ProjectCredentials,
    Signature,
    decode,
)
from opentok_studio.core.fingerprints import FINGERPRINTS, Fingerprint
from opentok_studio.core.sdks import Kind
from tests.helpers import sdkforge, vectors

NOW = vectors.MADE_AT
IDS = [f"{fp.sdk}-{fp.kind}-{i}" for i, fp in enumerate(FINGERPRINTS)]

_CLASS = st.text(
    alphabet=st.characters(
        whitelist_categories=("Ll", "Lu", "Nd"), whitelist_characters="-_"
    ),
    min_size=1,
    max_size=12,
)
_DATA = st.text(
    alphabet=st.characters(blacklist_categories=("Cs",)), min_size=1, max_size=1000
)


@st.composite
def grants(draw: st.DrawFn, kind: Kind) -> sdkforge.Grants:
    role = draw(
        st.sampled_from(["subscriber", "publisher", "publisheronly", "moderator"])
    )
    lifetime = draw(st.none() | st.integers(60, 30 * 86400))
    return sdkforge.Grants(
        session_id=vectors.APP_SID if kind is Kind.RS256 else vectors.SID,
        role=role,
        iat=NOW,
        exp=None if lifetime is None else NOW + lifetime,
        data=draw(st.none() | _DATA),
        layout=tuple(draw(st.lists(_CLASS, max_size=3))),
    )


def _credentials(fp: Fingerprint):  # type: ignore[no-untyped-def]
    if fp.kind is Kind.RS256:
        return ApplicationCredentials(vectors.APP_ID, vectors.private_key())
    return ProjectCredentials(vectors.API_KEY, vectors.API_SECRET)


@pytest.mark.parametrize("fp", FINGERPRINTS, ids=IDS)
@settings(max_examples=25, deadline=None)
@given(data=st.data(), seed=st.integers(0, 2**32))
def test_every_sdk_layout_reads_back_whole(
    fp: Fingerprint, data: st.DataObject, seed: int
) -> None:
    g = data.draw(grants(fp.kind))
    token, expected = sdkforge.forge(fp, g, seed)
    d = decode(token, _credentials(fp), now=NOW)
    assert d.signature is Signature.VALID
    assert d.session_id == g.session_id
    assert d.role == expected.role
    assert d.issued_at == NOW
    assert d.expires_at == expected.expires_at
    assert d.connection_data == expected.data
    assert d.initial_layout_class_list == expected.layout
    assert d.problems == (), [p.message for p in d.problems]
    assert d.made_by.sdk == fp.sdk.value, d.made_by
    if expected.expires_at is None:
        assert "no_expiry" in [w.code.value for w in d.warnings]


def test_every_fingerprint_is_reachable() -> None:
    # A fingerprint shadowed by an earlier, wider one would never name its SDK.
    for fp in FINGERPRINTS:
        g = sdkforge.Grants(
            vectors.APP_SID if fp.kind is Kind.RS256 else vectors.SID,
            "moderator",
            NOW,
            NOW + 3600,
            "x",
            ("focus",),
        )
        token, _ = sdkforge.forge(fp, g, seed=7)
        d = decode(token, _credentials(fp), now=NOW)
        assert d.made_by.sdk == fp.sdk.value
        names = [n for n in d.claims if n not in ("partner_id", "sig")]
        assert d.made_by.versions == fp.versions_for(names)
