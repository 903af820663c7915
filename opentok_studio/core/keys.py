"""RSA keys for Vonage applications: parsed once, reused for every token.

Parsing a 2048-bit PEM runs cryptography's key-consistency check (~36 ms),
which is why the SDKs, re-parsing per token, make ~27 tokens/s
(spec/tokens.md section 4). Callers keep the key object this returns.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from opentok_studio.core.errors import CredentialsError

if TYPE_CHECKING:
    from cryptography.hazmat.primitives.asymmetric.rsa import (
        RSAPrivateKey,
        RSAPublicKey,
    )


def load_private_key(pem: bytes | str) -> RSAPrivateKey:
    """An RSA private key from PKCS#8 or PKCS#1 PEM text.

    Raises:
        CredentialsError: not a PEM private key, protected by a passphrase,
            or not RSA. The message never quotes the key.
    """
    from cryptography.exceptions import UnsupportedAlgorithm
    from cryptography.hazmat.primitives.asymmetric.rsa import RSAPrivateKey
    from cryptography.hazmat.primitives.serialization import load_pem_private_key

    data = pem.encode("utf-8") if isinstance(pem, str) else pem
    if b"-----BEGIN" not in data:
        raise CredentialsError(
            "private key: not a PEM file (no -----BEGIN line); use the "
            "private.key file downloaded when the Vonage application was created"
        )
    if b"PUBLIC KEY" in data and b"PRIVATE KEY" not in data:
        raise CredentialsError(
            "private key: this is a public key; signing needs the application's "
            "private key"
        )
    try:
        key = load_pem_private_key(data, password=None)
    except TypeError:
        raise CredentialsError(
            "private key: it is protected by a passphrase; export it without one "
            "(openssl pkey -in key.pem -out plain.pem)"
        ) from None
    except (ValueError, UnsupportedAlgorithm):
        raise CredentialsError(
            "private key: the PEM text is damaged or not a private key"
        ) from None
    if not isinstance(key, RSAPrivateKey):
        raise CredentialsError(
            f"private key: a {type(key).__name__.removeprefix('_')} key, but Vonage "
            "applications sign with RSA"
        )
    return key


def load_public_key(pem: bytes | str) -> RSAPublicKey:
    """An RSA public key from PEM (for verifying only).

    Raises:
        CredentialsError: not an RSA public key in PEM.
    """
    from cryptography.exceptions import UnsupportedAlgorithm
    from cryptography.hazmat.primitives.asymmetric.rsa import RSAPublicKey
    from cryptography.hazmat.primitives.serialization import load_pem_public_key

    data = pem.encode("utf-8") if isinstance(pem, str) else pem
    try:
        key = load_pem_public_key(data)
    except (ValueError, UnsupportedAlgorithm):
        raise CredentialsError("public key: not an RSA public key in PEM") from None
    if not isinstance(key, RSAPublicKey):
        raise CredentialsError("public key: not an RSA key")
    return key


def pem_text(key: RSAPrivateKey) -> str:
    """The key as unencrypted PKCS#8 PEM, for the OS keyring only."""
    from cryptography.hazmat.primitives.serialization import (
        Encoding,
        NoEncryption,
        PrivateFormat,
    )

    return key.private_bytes(Encoding.PEM, PrivateFormat.PKCS8, NoEncryption()).decode(
        "ascii"
    )
