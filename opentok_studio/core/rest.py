"""The create-session request, built and read without any transport
(spec/tokens.md section 7); net/http.py sends it."""

from __future__ import annotations

import json
import random
import re
import socket
import uuid
from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any
from urllib.parse import urlencode

from opentok_studio.core import jwt_opentok, limits
from opentok_studio.core.encoding import b64url_encode
from opentok_studio.core.errors import CredentialsError, NetworkError, ValidationError
from opentok_studio.core.explain import printable
from opentok_studio.core.model import ApplicationCredentials, Credentials
from opentok_studio.core.validate import validate_api_secret

OPENTOK_API = "https://api.opentok.com"
VONAGE_API = "https://video.api.vonage.com"
#: The REST JWT lives 3 minutes for projects (opentok) and 15 for applications.
PROJECT_JWT_SECONDS = 180
APPLICATION_JWT_SECONDS = 900
_SESSION_IN_XML = re.compile(r"<session_id>([^<]+)</session_id>")


class MediaMode(StrEnum):
    RELAYED = "relayed"  #: peer to peer when it can (the SDKs' default)
    ROUTED = "routed"  #: through the media router (archiving needs it)


class ArchiveMode(StrEnum):
    MANUAL = "manual"
    ALWAYS = "always"


@dataclass(frozen=True, slots=True)
class SessionOptions:
    """What the new session should be."""

    media_mode: MediaMode = MediaMode.RELAYED
    archive_mode: ArchiveMode = ArchiveMode.MANUAL
    location: str | None = None
    e2ee: bool = False


@dataclass(frozen=True, slots=True)
class HttpRequest:
    """One request, ready to send (headers hold a short-lived JWT, never a secret)."""

    method: str
    url: str
    headers: dict[str, str] = field(repr=False)
    body: str


@dataclass(frozen=True, slots=True)
class SessionCreated:
    """The server's answer: the new session ID and everything it said."""

    session_id: str
    answer: dict[str, Any]


def check_options(options: SessionOptions) -> None:
    """The SDK's rules: always-archiving needs routed media; location is IPv4.

    Raises:
        ValidationError: either rule is broken.
    """
    if options.archive_mode is ArchiveMode.ALWAYS and (
        options.media_mode is not MediaMode.ROUTED
    ):
        raise ValidationError(
            "archive_mode",
            "always archiving needs routed media",
            fix="add --media-mode routed",
        )
    if options.location is not None:
        try:
            socket.inet_aton(options.location)
        except OSError:
            raise ValidationError(
                "location",
                f"{options.location!r} is not an IPv4 address",
                fix="give the client's IP, e.g. 203.0.113.7",
            ) from None


def _jws_hs256(claims: dict[str, Any], secret: str) -> str:
    payload = b64url_encode(json.dumps(claims, separators=(",", ":")).encode())
    signing_input = f"{jwt_opentok.HEADER_B64}.{payload}"
    sig = jwt_opentok.signature(secret, signing_input.encode("ascii"))
    return f"{signing_input}.{b64url_encode(sig)}"


def _jws_rs256(claims: dict[str, Any], credentials: ApplicationCredentials) -> str:
    from cryptography.hazmat.primitives.asymmetric.padding import PKCS1v15
    from cryptography.hazmat.primitives.hashes import SHA256

    from opentok_studio.core import jwt_vonage

    if credentials.private_key is None:
        raise CredentialsError("creating a session needs the application's private key")
    payload = b64url_encode(json.dumps(claims, separators=(",", ":")).encode())
    signing_input = f"{jwt_vonage.HEADER_B64}.{payload}"
    sig = credentials.private_key.sign(
        signing_input.encode("ascii"), PKCS1v15(), SHA256()
    )
    return f"{signing_input}.{b64url_encode(sig)}"


def build_create_session(
    credentials: Credentials,
    options: SessionOptions,
    *,
    now: int,
    base_url: str | None = None,
    rng: random.Random | None = None,
) -> HttpRequest:
    """The POST /session/create request for either kind of credentials.

    Raises:
        ValidationError: the options break an SDK rule.
        CredentialsError: the credentials cannot sign the request.
    """
    check_options(options)
    rng = rng or random.Random()  # noqa: S311 - a jti only needs to differ
    routed = options.media_mode is MediaMode.ROUTED
    headers = {"Accept": "application/json",
               "Content-Type": "application/x-www-form-urlencoded"}  # fmt: skip
    if isinstance(credentials, ApplicationCredentials):
        claims = {
            "application_id": credentials.application_id,
            "iat": now,
            "jti": str(uuid.UUID(int=rng.getrandbits(128), version=4)),
            "exp": now + APPLICATION_JWT_SECONDS,
        }
        headers["Authorization"] = f"Bearer {_jws_rs256(claims, credentials)}"
        form: dict[str, str] = {"archiveMode": options.archive_mode.value}
        if options.location:
            form["location"] = options.location
        form["media_mode"] = options.media_mode.value
        form["e2ee"] = "True" if options.e2ee else "False"
        form["p2p.preference"] = "enabled" if not routed else "disabled"
        base = base_url or VONAGE_API
    else:
        if not credentials.api_secret:
            raise CredentialsError("creating a session needs the API secret")
        validate_api_secret(credentials.api_secret)
        claims = {
            "ist": "project",
            "iat": now,
            "exp": now + PROJECT_JWT_SECONDS,
            "iss": credentials.api_key,
            "jti": str(rng.random()),
        }
        headers["X-OPENTOK-AUTH"] = _jws_hs256(claims, credentials.api_secret)
        form = {
            "p2p.preference": "disabled" if routed else "enabled",
            "archiveMode": options.archive_mode.value,
        }
        if options.location:
            form["location"] = options.location
        form["e2ee"] = "true" if options.e2ee else "false"
        base = base_url or OPENTOK_API
    return HttpRequest("POST", base.rstrip("/") + "/session/create", headers,
                       urlencode(form))  # fmt: skip


def read_create_session(status: int, content_type: str, body: bytes) -> SessionCreated:
    """The new session from the server's answer.

    The answer is foreign input (hardening #13, findings 8 and 14): anything
    of it quoted in a message is escaped and cut short, JSON nested deeper
    than a real answer is refused (100k levels raised RecursionError), and
    the legacy XML is matched by a pattern, never parsed, so no entity of it
    is ever expanded.

    Raises:
        NetworkError: refused (with the status in plain words) or an answer
            that is not what the service sends.
    """
    text = body.decode("utf-8", "replace")
    if status in (401, 403):
        raise NetworkError(
            f"the server refused the credentials (HTTP {status}): check the API key "
            "and secret (or application ID and private key) and this computer's clock"
        )
    if status == 429:
        raise NetworkError("too many requests (HTTP 429): wait a minute and try again")
    if status >= 500:
        raise NetworkError(f"the server failed (HTTP {status}): try again later")
    if status != 200:
        raise NetworkError(f"the server answered HTTP {status}: {_quoted(text, 200)}")
    if "json" not in content_type:
        match = _SESSION_IN_XML.search(text)
        if match:  # the legacy XML answer
            session_id = _session_id(match.group(1))
            return SessionCreated(session_id, {"session_id": session_id})
        raise NetworkError(
            f"unexpected answer ({_quoted(content_type, 60) or 'no type'}): not JSON"
        )
    try:
        data = json.loads(text, parse_constant=_no_constant)
    except RecursionError:
        raise NetworkError(_TOO_DEEP) from None
    except ValueError:
        raise NetworkError("the server's answer is not valid JSON") from None
    if _depth_over(data, MAX_ANSWER_DEPTH):
        raise NetworkError(_TOO_DEEP)
    item = data[0] if isinstance(data, list) and data else data
    if not isinstance(item, dict) or not isinstance(item.get("session_id"), str):
        raise NetworkError("the server's answer holds no session_id")
    return SessionCreated(_session_id(item["session_id"]), item)


#: A real answer is a list holding one flat object: depth 2.
MAX_ANSWER_DEPTH = 32
_TOO_DEEP = (
    f"the server's answer is JSON nested more than {MAX_ANSWER_DEPTH} levels deep: "
    "not an answer of the service"
)
#: base64 and base64url characters, ~ and . (IDs are `1_MX4...-fg`).
_SESSION_ID = re.compile(rf"[A-Za-z0-9_~.+/=-]{{1,{limits.MAX_SESSION_ID_CHARS}}}")


def _session_id(value: str) -> str:
    if not _SESSION_ID.fullmatch(value):
        raise NetworkError(
            f"the server's session_id {_quoted(value, 60)} is not a session ID"
        )
    return value


def _quoted(text: str, limit: int) -> str:
    """Foreign text for a message: control characters escaped, cut short."""
    shown = printable(text[:limit])
    return shown + ("…" if len(text) > limit else "")


def _no_constant(name: str) -> None:
    # NaN and Infinity are Python's extensions, not JSON (RFC 8259).
    raise ValueError(f"{name} is not JSON")


def _depth_over(value: object, limit: int) -> bool:
    """Whether lists and objects nest more than ``limit`` deep (no recursion)."""
    stack = [(value, 1)]
    while stack:
        item, depth = stack.pop()
        if isinstance(item, dict):
            children: Any = item.values()
        elif isinstance(item, list):
            children = item
        else:
            continue
        if depth > limit:
            return True
        stack.extend((child, depth + 1) for child in children)
    return False
