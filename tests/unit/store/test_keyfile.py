"""store/keyfile.py: a Vonage application's key file, read once and bounded."""

from __future__ import annotations

from pathlib import Path

import pytest

from opentok_studio.core.errors import CredentialsError
from opentok_studio.store.keyfile import MAX_KEY_FILE_BYTES, read_private_key
from tests.helpers import vectors


def test_reads_the_vectors_key() -> None:
    key = read_private_key(vectors.PEM_PATH)
    assert key.public_key().public_numbers() == (
        vectors.private_key().public_key().public_numbers()
    )


def test_errors_name_the_file_never_its_content(tmp_path: Path) -> None:
    missing = tmp_path / "missing.pem"
    with pytest.raises(CredentialsError, match="missing.pem"):
        read_private_key(missing)
    junk = tmp_path / "junk.pem"
    junk.write_text("not-a-key-SECRETISH", encoding="utf-8")
    with pytest.raises(CredentialsError) as caught:
        read_private_key(junk)
    assert "SECRETISH" not in str(caught.value)


def test_a_huge_file_is_not_read(tmp_path: Path) -> None:
    big = tmp_path / "big.pem"
    big.write_bytes(b"x" * (MAX_KEY_FILE_BYTES + 1))
    with pytest.raises(CredentialsError):
        read_private_key(big)
