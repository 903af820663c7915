"""RSA keys for Vonage applications: parsed once, reused for every token.

Parsing a 2048-bit PEM runs cryptography's key-consistency check (~36 ms),
which is why the SDKs, re-parsing per token, make ~27 tokens/s
(spec/tokens.md section 4). Callers keep the key object this returns.
"""

from __future__ import annotations

import base64
import binascii
import re
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


# -- keys offered as an HMAC secret (hardening #13, finding 13) --------------

#: Armour of PEM (OpenSSL, OpenSSH private keys) and PuTTY key files.
_ARMOUR = ("-----BEGIN", "-----END", "PUTTY-USER-KEY-FILE")
#: An OpenSSH public key line: `ssh-rsa AAAA...`, `ecdsa-sha2-nistp256 AAAA...`,
#: `sk-ssh-ed25519@openssh.com AAAA...`, certificates too.
_SSH_LINE = re.compile(
    r"(?:^|\s)(?:ssh|ecdsa-sha2|sk-ssh|sk-ecdsa-sha2|rsa-sha2)-[A-Za-z0-9@.-]+"
    r"\s+AAAA[A-Za-z0-9+/]"
)
_BASE64 = re.compile(r"[A-Za-z0-9+/_-]+={0,2}")
#: DER SEQUENCE with a long-form length (0x30 0x81..0x84): every RSA key,
#: PKCS#8 and SPKI body in base64 starts MIG, MIH, MII or MIJ.
_DER_LONG_PREFIX = re.compile(r"MI[GHIJ]")
_SSH_BLOB_NAMES = (b"ssh-", b"ecdsa-", b"sk-", b"rsa-")


def key_kind(text: str) -> str | None:
    """What kind of key ``text`` looks like, or None when it does not.

    Keys come as PEM (anywhere in the text), OpenSSH public key lines, or a
    bare base64 body: a DER SEQUENCE (PKCS#1, PKCS#8, SPKI; long-form ones
    start ``MIG``..``MIJ``, short ones such as Ed25519's ``MCow`` are checked
    for a length that spans the whole body) or an OpenSSH key blob
    (``AAAAB3NzaC1yc2E``...). An OpenTok API secret is 40 hex characters:
    it can never match (a DER body starts with ``M``, a blob's name holds
    letters that are not hex), which tests/unit/core/test_keys.py checks.
    """
    upper = text.upper()
    if any(mark in upper for mark in _ARMOUR):
        return "a PEM key"
    if _SSH_LINE.search(text):
        return "an SSH public key"
    body = "".join(text.split())
    if len(body) < 16 or not _BASE64.fullmatch(body):
        return None
    if _DER_LONG_PREFIX.match(body):
        return "a PEM key (its base64 body)"
    raw = _base64_bytes(body)
    if raw is None:
        return None
    if _is_der_sequence(raw):
        return "a PEM key (its base64 body)"
    if _is_ssh_blob(raw):
        return "an SSH public key (its base64 body)"
    return None


def _base64_bytes(body: str) -> bytes | None:
    plain = body.rstrip("=").translate(str.maketrans("-_", "+/"))
    if len(plain) % 4 == 1:
        return None
    try:
        return base64.b64decode(plain + "=" * (-len(plain) % 4), validate=True)
    except (binascii.Error, ValueError):
        return None


def _is_der_sequence(raw: bytes) -> bool:
    """A DER SEQUENCE whose length is exactly the rest of ``raw``."""
    if len(raw) < 2 or raw[0] != 0x30:
        return False
    if raw[1] < 0x80:
        return 2 + raw[1] == len(raw)
    n = raw[1] & 0x7F
    if not 1 <= n <= 4 or len(raw) < 2 + n:
        return False
    return 2 + n + int.from_bytes(raw[2 : 2 + n], "big") == len(raw)


def _is_ssh_blob(raw: bytes) -> bool:
    """The OpenSSH wire form: a uint32 length, then the key type's name."""
    if len(raw) < 8:
        return False
    length = int.from_bytes(raw[:4], "big")
    return 3 <= length <= 64 and raw[4 : 4 + length].startswith(_SSH_BLOB_NAMES)
