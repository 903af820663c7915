"""base64url helpers shared by the JWT and session-ID code."""

from __future__ import annotations

import base64
import binascii
import re

_B64URL = re.compile(r"[A-Za-z0-9_-]*")


def b64url_encode(raw: bytes) -> str:
    """base64url without padding, as JWT segments and session IDs use it."""
    return base64.urlsafe_b64encode(raw).rstrip(b"=").decode("ascii")


def b64url_decode(text: str) -> bytes:
    """Strict base64url decode; padding optional.

    Raises:
        ValueError: a character outside the base64url alphabet, or a length
            that no base64 text can have.
    """
    body = text.rstrip("=")
    if not _B64URL.fullmatch(body):
        raise ValueError("not base64url")
    if len(body) % 4 == 1:
        raise ValueError("impossible base64 length")
    try:
        return base64.urlsafe_b64decode(body + "=" * (-len(body) % 4))
    except binascii.Error as e:  # pragma: no cover - guarded by the checks above
        raise ValueError(str(e)) from None
