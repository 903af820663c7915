"""core/secretref.py: the three forms, and everything else refused without echo."""

from __future__ import annotations

import pytest

from opentok_studio.core.errors import ValidationError
from opentok_studio.core.secretref import (
    KEYRING,
    MAX_REF_CHARS,
    RefScheme,
    SecretRef,
    parse_secret_ref,
)


@pytest.mark.parametrize(
    "text, expected",
    [
        ("keyring", KEYRING),
        ("env:OT_SECRET", SecretRef(RefScheme.ENV, name="OT_SECRET")),
        ("env:_x9", SecretRef(RefScheme.ENV, name="_x9")),
        ("vault:secret/team/dev#api_secret",
         SecretRef(RefScheme.VAULT, mount="secret", path="team/dev", field="api_secret")),
        ("vault:kv/a.b/c-d/e_f#f.1",
         SecretRef(RefScheme.VAULT, mount="kv", path="a.b/c-d/e_f", field="f.1")),
    ],
)  # fmt: skip
def test_parses_and_round_trips(text: str, expected: SecretRef) -> None:
    ref = parse_secret_ref(text)
    assert ref == expected
    assert str(ref) == text
    assert ref.is_keyring is (text == "keyring")


@pytest.mark.parametrize(
    "text, words",
    [
        ("", "is not a reference"),
        ("Keyring", "is not a reference"),
        ("file:/etc/passwd", "is not a reference"),
        ("env:", "env: needs a variable name"),
        ("env:1X", "env: needs a variable name"),
        ("env:A-B", "env: needs a variable name"),
        ("env:" + "A" * 129, "env: needs a variable name"),
        ("vault:secret/team/dev", "needs #FIELD"),
        ("vault:secret/team/dev#", "needs #FIELD"),
        ("vault:secret/team/dev#a#b", "needs #FIELD"),
        ("vault:secret#f", "needs MOUNT/PATH"),
        ("vault:secret/#f", "needs MOUNT/PATH"),
        ("vault:/secret/x#f", "each part of MOUNT/PATH"),
        ("vault:secret//x#f", "each part of MOUNT/PATH"),
        ("vault:secret/../sys/seal#f", "each part of MOUNT/PATH"),
        ("vault:../sys/x#f", "each part of MOUNT/PATH"),
        ("vault:secret/a?b=1#f", "each part of MOUNT/PATH"),
        ("vault:secret/a%2f..#f", "each part of MOUNT/PATH"),
        ("vault:secret/a b#f", "each part of MOUNT/PATH"),
        ("vault:secret/x#f ield", "needs #FIELD"),
        ("vault:" + "a/" * 300 + "x#f", f"must be at most {MAX_REF_CHARS}"),
    ],
)
def test_refused(text: str, words: str) -> None:
    with pytest.raises(ValidationError, match="secret reference") as caught:
        parse_secret_ref(text)
    assert words in str(caught.value)
    assert caught.value.field == "secret reference"


def test_a_pasted_secret_is_never_repeated() -> None:
    """Someone types the secret where the reference goes: the error hides it."""
    for secret in ("0123456789abcdef0123456789abcdef01234567", "s3cr3t:value-long-x"):
        with pytest.raises(ValidationError) as caught:
            parse_secret_ref(secret)
        assert secret not in str(caught.value)
        assert "not shown" in str(caught.value)
