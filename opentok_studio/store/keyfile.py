"""Read a Vonage application's private key file once (shared by every face)."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from opentok_studio.core.errors import CredentialsError
from opentok_studio.core.keys import load_private_key

if TYPE_CHECKING:
    from cryptography.hazmat.primitives.asymmetric.rsa import RSAPrivateKey

#: A 4096-bit PEM is ~3.3 KB; anything this large is not a key.
MAX_KEY_FILE_BYTES = 64 * 1024


def read_private_key(path: Path) -> RSAPrivateKey:
    """Load and parse the key at ``path``.

    Raises:
        CredentialsError: missing, unreadable, too large or not an RSA private
            key. Messages name the file, never its content.
    """
    path = path.expanduser()
    try:
        if path.stat().st_size > MAX_KEY_FILE_BYTES:
            raise CredentialsError(
                f"private key file {path} is too large to be a private key"
            )
        pem = path.read_bytes()
    except FileNotFoundError:
        raise CredentialsError(f"private key file {path} does not exist") from None
    except IsADirectoryError:
        raise CredentialsError(
            f"private key path {path} is a folder, not a file"
        ) from None
    except OSError as e:
        raise CredentialsError(
            f"private key file {path} cannot be read: {e.strerror}"
        ) from None
    return load_private_key(pem)
