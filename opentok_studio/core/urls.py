"""The REST API base URL rule: https, or plain http to this computer only (#13).

A bearer token or an X-OPENTOK-AUTH JWT travels with every request, so a base
URL from a flag, the environment or a profile file may only be plain http when
it cannot leave the machine (tests, a local mock). One rule for every face.
"""

from __future__ import annotations

import ipaddress
from collections.abc import Mapping
from urllib.parse import urlsplit

from opentok_studio.core.errors import ValidationError

#: The environment variable that overrides the official API (spec/cli.md).
ENV_API_URL = "OPENTOK_API_URL"

_FIX_HTTPS = (
    "use https://, or plain http only to this computer (localhost, 127.0.0.1, ::1)"
)


def is_loopback_host(host: str) -> bool:
    """``localhost``, 127.0.0.0/8 or ::1."""
    if host.rstrip(".").lower() == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def validate_api_url(url: str) -> str:
    """``url`` without a trailing slash, when it may carry our credentials.

    Raises:
        ValidationError: not an http(s) URL with a host, or plain http to a
            host other than a loopback one.
    """
    text = url.strip()
    try:
        parts = urlsplit(text)
        parts.port  # noqa: B018 - raises on a port that is not a number
    except ValueError:
        raise ValidationError(
            "api_url", f"{text!r} is not a URL", fix="e.g. https://api.opentok.com"
        ) from None
    scheme = parts.scheme.lower()
    host = parts.hostname or ""
    if scheme not in ("https", "http") or not host:
        raise ValidationError(
            "api_url",
            f"{text!r} is not an http(s) URL with a host",
            fix="e.g. https://api.opentok.com",
        )
    if scheme == "http" and not is_loopback_host(host):
        raise ValidationError(
            "api_url",
            f"plain http to {host} would send the credentials unencrypted",
            fix=_FIX_HTTPS,
        )
    return text.rstrip("/")


def api_base_url(
    flag: str | None, env: Mapping[str, str], profile_url: str | None
) -> str | None:
    """The REST API base URL to use: ``--api-url``, else ``OPENTOK_API_URL``,
    else the profile's; None for the official one of the credentials' kind.

    Each is checked alike: the request carries a credential (#13).

    Raises:
        ValidationError: the chosen URL may not carry our credentials.
    """
    base = flag or env.get(ENV_API_URL) or profile_url
    return validate_api_url(base) if base else None
