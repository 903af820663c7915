"""core/sdks.py: the SDKs' nonce shapes and the rules each enforces."""

from __future__ import annotations

import pytest

from opentok_studio.core import sdks
from opentok_studio.core.sdks import Kind, Sdk, rules_for


@pytest.mark.parametrize(
    ("shape", "yes", "no"),
    [(sdks.is_six_digits, ["123456", 7], ["1234567", 1.5, True]),
     (sdks.is_fraction, ["0.5", 0.25], ["1.5", "12"]),
     (sdks.is_microtime, ["1700000000.123"], ["1700000000", "0.5"]),
     (sdks.is_int32, [-(2**31), 2**31 - 1], [2**31, "x"])],
)  # fmt: skip
def test_nonce_shapes(shape, yes, no) -> None:  # type: ignore[no-untyped-def]
    assert all(shape(n) for n in yes), yes
    assert not any(shape(n) for n in no), no


def test_every_shape_is_worded() -> None:
    assert sdks.is_six_digits in sdks.NONCE_WORDS
    assert all(words for words in sdks.NONCE_WORDS.values())


def test_rules() -> None:
    assert rules_for("opentok-python", "t1") == sdks.Rules(1000)
    assert rules_for("opentok-php", Kind.HS256) is sdks.PHP_JWT_RULES
    assert rules_for("opentok-php", Kind.T1).data_unit == "bytes"  # type: ignore[union-attr]
    assert rules_for("unknown", None) is None and rules_for("nope", None) is None
    assert set(sdks.RULES) == set(Sdk) - {Sdk.UNKNOWN}
    assert "opentok-node allows 1024" in sdks.data_limits_text()
