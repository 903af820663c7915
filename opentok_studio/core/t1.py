"""Legacy T1 tokens: layout, signing and parsing (spec/tokens.md section 2)."""

from __future__ import annotations

import base64
import binascii
from collections.abc import Callable
from dataclasses import dataclass
from urllib.parse import parse_qsl, quote_plus

from opentok_studio.core.model import CheckedRequest

PREFIX = "T1=="
#: DATA's keys, in the order the SDK writes them.
FIELDS = (
    "session_id",
    "create_time",
    "expire_time",
    "role",
    "nonce",
    "initial_layout_class_list",
    "connection_data",
)
#: Fields every SDK writes (expiry and layout classes are optional in Ruby,
#: PHP, Java and .NET tokens: spec/tokens.md section 9).
REQUIRED = ("session_id", "create_time", "role", "nonce")


class Alphabet:
    """The base64 alphabets found after ``T1==``."""

    STANDARD = "standard"  #: + and /, as every SDK but Java writes
    URL_SAFE = "url-safe"  #: - and _, as opentok-java writes when bytes call for it
    EITHER = "either"  #: neither pair occurs, so it could be both


def prepare(
    api_key: str, api_secret: str, checked: CheckedRequest
) -> Callable[[int], str]:
    """A function nonce -> T1 token, with everything else encoded once."""
    session_id, role = checked.session_id, checked.role.value
    create_time, expire_time = checked.issued_at, checked.expires_at
    layout_classes, data = checked.layout_classes, checked.data
    # urlencode(dict, doseq=True) == "k=" + quote_plus(v, safe="") joined by "&".
    head = (
        f"session_id={quote_plus(session_id, safe='')}"
        f"&create_time={create_time}&expire_time={expire_time}"
        f"&role={quote_plus(role, safe='')}&nonce="
    )
    tail = "&initial_layout_class_list=" + quote_plus(" ".join(layout_classes), safe="")
    if data:
        tail += "&connection_data=" + quote_plus(data, safe="")
    import hmac  # OpenSSL (~3 MiB) loads with the first token, not the window

    # DATA up to the nonce never changes: hash it once, copy the state per token.
    head_bytes = head.encode("utf-8")
    tail_bytes = tail.encode("utf-8")
    prefix_mac = hmac.new(api_secret.encode("utf-8"), head_bytes, "sha1")
    partner = f"partner_id={api_key}&sig=".encode()
    b64 = base64.b64encode
    prefix = PREFIX.encode("ascii")

    def mint(nonce: int) -> str:
        rest = b"%d%s" % (nonce, tail_bytes)
        mac = prefix_mac.copy()
        mac.update(rest)
        sig = mac.hexdigest().encode("ascii")
        return (prefix + b64(partner + sig + b":" + head_bytes + rest)).decode("ascii")

    return mint


def signature(api_secret: str, data: bytes) -> str:
    """The T1 signature: lowercase hex HMAC-SHA1 of DATA's bytes as found."""
    import hmac

    return hmac.digest(api_secret.encode("utf-8"), data, "sha1").hex()


@dataclass(frozen=True, slots=True)
class ParsedT1:
    """A T1 token taken apart as far as it goes.

    Attributes:
        header: the fields before the first ``:`` (``partner_id``, ``sig``).
        data: DATA's fields, values URL-decoded, in token order.
        data_bytes: DATA exactly as found, for re-computing the HMAC.
        damage: what is wrong with the layout, in plain words; empty if nothing.
        truncated: True when the damage looks like a cut-off copy.
        alphabet: the base64 alphabet of the body (``Alphabet``).
    """

    header: dict[str, str]
    data: dict[str, str]
    data_bytes: bytes
    damage: tuple[str, ...]
    truncated: bool
    alphabet: str = Alphabet.EITHER


def parse(token: str) -> ParsedT1:
    """Take a T1 token apart; damage is reported, never raised."""
    damage: list[str] = []
    truncated = False
    body = token[len(PREFIX) :]
    if len(body) % 4:
        truncated = True
        damage.append(
            f"the base64 part is {len(body)} characters, not a multiple of 4: "
            "characters were lost when copying"
        )
    alphabet = _alphabet(body)
    raw = _b64decode_lenient(body, alphabet)
    if raw is None:
        return ParsedT1({}, {}, b"", ("the part after T1== is not base64",), False)
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError:
        text = raw.decode("utf-8", "replace")
        damage.append("the decoded token is not UTF-8 text")
    head_text, sep, data_text = text.partition(":")
    if not sep:
        # No ":" at all: either everything after partner_id was cut, or no header.
        head_text, data_text = (text, "") if "session_id=" not in text else ("", text)
    header = dict(parse_qsl(head_text, keep_blank_values=True, separator="&"))
    data = dict(parse_qsl(data_text, keep_blank_values=True, separator="&"))
    sig = header.get("sig")
    if sig is None:
        damage.append("it has no sig= field, so it carries no signature")
    elif len(sig) != 40 or any(c not in "0123456789abcdef" for c in sig.lower()):
        damage.append(f"its signature is {len(sig)} characters, not 40 hex digits")
    if "partner_id" not in header:
        damage.append("it has no partner_id (API key) field")
    missing = [f for f in REQUIRED if f not in data]
    if missing:
        truncated = truncated or bool(data)
        damage.append("fields missing: " + ", ".join(missing))
    # The HMAC covers DATA's bytes exactly as found, never a re-encoding.
    data_bytes = raw.partition(b":")[2] if sep else b""
    return ParsedT1(header, data, data_bytes, tuple(damage), truncated, alphabet)


def _alphabet(body: str) -> str:
    if any(c in body for c in "-_"):
        return Alphabet.URL_SAFE
    if any(c in body for c in "+/"):
        return Alphabet.STANDARD
    return Alphabet.EITHER


def _b64decode_lenient(body: str, alphabet: str) -> bytes | None:
    """Base64 in the body's alphabet; a lost '=' tail is re-padded, junk
    characters (or the two alphabets mixed) are not."""
    stripped = body.rstrip("=")
    if len(stripped) % 4 == 1:
        stripped = stripped[:-1]  # a dangling sextet cannot be decoded
    if alphabet == Alphabet.URL_SAFE:
        if any(c in stripped for c in "+/"):
            return None
        stripped = stripped.translate(_FROM_URL_SAFE)
    try:
        return base64.b64decode(stripped + "=" * (-len(stripped) % 4), validate=True)
    except (binascii.Error, ValueError):
        return None


_FROM_URL_SAFE = str.maketrans("-_", "+/")
