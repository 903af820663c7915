"""OpenTok project JWTs: HS256 with the API secret (spec/tokens.md section 3)."""

from __future__ import annotations

import base64
import json
from collections.abc import Callable
from typing import Any

from opentok_studio.core.encoding import b64url_encode
from opentok_studio.core.model import CheckedRequest

ALG = "HS256"
#: PyJWT's header: keys sorted, compact separators.
HEADER_B64 = b64url_encode(b'{"alg":"HS256","typ":"JWT"}')
SCOPE = "session.connect"


def claims(api_key: str, checked: CheckedRequest, nonce: int) -> dict[str, Any]:
    """The claims in the SDK's insertion order; absent ones omitted."""
    out: dict[str, Any] = {
        "session_id": checked.session_id,
        "role": checked.role.value,
        "iat": checked.issued_at,
        "exp": checked.expires_at,
        "scope": SCOPE,
    }
    if checked.layout_classes:
        out["initial_layout_class_list"] = " ".join(checked.layout_classes)
    if checked.data:
        out["connection_data"] = checked.data
    out["iss"] = str(api_key)
    out["ist"] = "project"
    out["nonce"] = nonce
    return out


def prepare(
    api_key: str, api_secret: str, checked: CheckedRequest
) -> Callable[[int], str]:
    """A function nonce -> token, with every constant part encoded once."""
    import hmac  # OpenSSL (~3 MiB) loads with the first token, not the window

    fixed = claims(api_key, checked, nonce=0)
    # nonce is the last claim, so the JSON is a fixed head + number + "}".
    text = json.dumps(fixed, separators=(",", ":"))
    head = text[: text.rindex(":") + 1].encode("ascii")
    # base64 works in 3-byte groups: the head's whole groups encode once, and
    # the HMAC state over "header.<that>" is computed once and copied per token.
    whole = len(head) - len(head) % 3
    head_b64 = base64.urlsafe_b64encode(head[:whole])
    head_rest = head[whole:]
    signing_head = HEADER_B64.encode("ascii") + b"." + head_b64
    prefix_mac = hmac.new(api_secret.encode("utf-8"), signing_head, "sha256")
    b64 = base64.urlsafe_b64encode

    def mint(nonce: int) -> str:
        tail = b64(head_rest + b"%d}" % nonce).rstrip(b"=")
        mac = prefix_mac.copy()
        mac.update(tail)
        sig = b64(mac.digest()).rstrip(b"=")
        return (signing_head + tail + b"." + sig).decode("ascii")

    return mint


def signature(api_secret: str, signing_input: bytes) -> bytes:
    """HMAC-SHA256 over ``header_b64.payload_b64``."""
    import hmac

    return hmac.digest(api_secret.encode("utf-8"), signing_input, "sha256")
