"""Read a Vonage application's private key file once (shared by every face)."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from opentok_studio.core.errors import CredentialsError
from opentok_studio.core.keys import load_private_key
from opentok_studio.store.reader import read_bytes

if TYPE_CHECKING:
    from cryptography.hazmat.primitives.asymmetric.rsa import RSAPrivateKey

#: A 4096-bit PEM is ~3.3 KB; anything this large is not a key.
MAX_KEY_FILE_BYTES = 64 * 1024


def read_private_key(path: Path) -> RSAPrivateKey:
    """Load and parse the key at ``path``.

    Raises:
        CredentialsError: missing, unreadable, not a regular file (a device or a
            FIFO is refused without reading or waiting), too large or not an RSA
            private key. Messages name the file, never its content.
    """
    path = path.expanduser()
    pem = read_bytes(
        path, what="private key file", limit=MAX_KEY_FILE_BYTES, error=CredentialsError
    )
    return load_private_key(pem)
