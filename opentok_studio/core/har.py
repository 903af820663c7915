"""Read a HAR 1.2 file entry by entry, never holding it whole (issue #16).

The stdlib has no streaming JSON parser, so this walks the few structural
characters around ``log.entries`` itself and hands each entry (and each other
value it skips) to ``json.JSONDecoder.raw_decode`` over a sliding buffer. A
value cut by the end of the buffer is retried only once the buffer has
doubled, so an entry of any size costs at most a few parses of itself:
linear in the file, with memory bounded by the largest entry.
"""

from __future__ import annotations

import base64
import binascii
import json
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from typing import Any
from urllib.parse import unquote

from opentok_studio.core.errors import DecodeError

#: The largest single entry (or other value) held in memory, in characters.
MAX_ENTRY_CHARS = 128 * 1024 * 1024
_WS = re.compile(r"[ \t\r\n]*")
_HAR_START = re.compile(r"\A\ufeff?[ \t\r\n]*\{[ \t\r\n]*\"log\"[ \t\r\n]*:")
_DECODER = json.JSONDecoder()


def looks_like_har(start: str) -> bool:
    """True when the text opens the way a HAR does: ``{"log":``."""
    return _HAR_START.match(start) is not None


class _Cursor:
    """A sliding window over the chunks: what is parsed is dropped."""

    def __init__(self, chunks: Iterable[str]) -> None:
        self._chunks = iter(chunks)
        self.buf = ""
        self.pos = 0
        self.offset = 0  # characters dropped before buf
        self.eof = False

    def more(self, at_least: int = 1) -> bool:
        """Append input until at least ``at_least`` more characters are held
        (joined once: appending chunk by chunk to a growing value copied it
        over and over); False when nothing more came."""
        if self.eof:
            return False
        parts = [self.buf[self.pos :]]
        got = 0
        for chunk in self._chunks:
            parts.append(chunk)
            got += len(chunk)
            if got >= at_least:
                break
        else:
            self.eof = True
        if got:
            self.offset += self.pos
            self.pos = 0
            self.buf = "".join(parts)
        return got > 0

    def skip_ws(self) -> None:
        while True:
            m = _WS.match(self.buf, self.pos)
            self.pos = m.end() if m else self.pos
            if self.pos < len(self.buf) or not self.more():
                return

    def peek(self) -> str:
        """The next non-blank character, or "" at the end."""
        self.skip_ws()
        return self.buf[self.pos : self.pos + 1]

    def expect(self, chars: str, what: str) -> str:
        ch = self.peek()
        if not ch or ch not in chars:
            raise self.broken(f"expected {what}", cut=not ch)
        self.pos += 1
        return ch

    def value(self) -> Any:
        """The next JSON value, reading more input until it is whole."""
        self.skip_ws()
        tried = 0
        while True:
            try:
                value, end = _DECODER.raw_decode(self.buf, self.pos)
            except json.JSONDecodeError as e:
                if self.eof:
                    # All is here: only an open string or a value that
                    # reaches the very end was cut; anything else is broken.
                    cut = e.msg.startswith("Unterminated") or e.pos >= len(self.buf)
                    at = self.offset + (len(self.buf) if cut else e.pos)
                    raise self.broken(e.msg, at, cut=cut) from None
                if not _cut_short(e, len(self.buf)):
                    raise self.broken(e.msg, self.offset + e.pos) from None
                tried = len(self.buf) - self.pos
                if tried > MAX_ENTRY_CHARS:
                    raise DecodeError(
                        f"the HAR holds one value larger than "
                        f"{MAX_ENTRY_CHARS:,} characters (at character "
                        f"{self.offset + self.pos:,}); it is not scanned"
                    ) from None
                # Twice as much before the next try: each value is parsed a
                # few times at most, whatever its size.
                self.more(tried + 65_536)
                continue
            except RecursionError:
                raise self.broken("values nested too deeply") from None
            # A number cut by the buffer's end parses as a shorter number.
            if end == len(self.buf) and not self.eof and self.more():
                continue
            self.pos = end
            return value

    def broken(
        self, why: str, at: int | None = None, *, cut: bool = False
    ) -> DecodeError:
        where = self.offset + self.pos if at is None else at
        if cut:
            return DecodeError(
                "the HAR file is cut short (truncated): it ends in the middle "
                f"of its JSON at character {where:,}; save it again from the "
                "browser"
            )
        return DecodeError(
            f"the HAR file is not valid JSON: {why} at character {where:,}"
        )


def _cut_short(e: json.JSONDecodeError, length: int) -> bool:
    """Whether a raw_decode error may be only the buffer's end: an open
    string reports where it starts, anything else where it stopped."""
    return e.msg.startswith("Unterminated string") or e.pos >= length - 16


def iter_entries(chunks: Iterable[str]) -> Iterator[tuple[int, dict[str, Any]]]:
    """``(index, entry)`` for each object in ``log.entries``, in order.

    Args:
        chunks: the HAR's text, in pieces of any size.

    Raises:
        DecodeError: the text is not a HAR, not valid JSON, or cut short.
    """
    cur = _Cursor(chunks)
    cur.more()
    if cur.buf.startswith("\ufeff"):
        cur.pos = 1
    cur.expect("{", "a JSON object ({)")
    seen_log = False
    for key in _keys(cur):
        if key == "log" and cur.peek() == "{":
            seen_log = True
            cur.pos += 1
            yield from _log(cur)
        else:
            cur.value()
    cur.skip_ws()
    if cur.pos < len(cur.buf):
        raise cur.broken("text after the end of the HAR's JSON")
    if not seen_log:
        raise DecodeError("the file is JSON but not a HAR: it has no log object")


def _keys(cur: _Cursor) -> Iterator[str]:
    """The keys of the object whose ``{`` was just read; each value is the
    caller's to read before asking for the next key."""
    if cur.peek() == "}":
        cur.pos += 1
        return
    while True:
        key = cur.value()
        if not isinstance(key, str):
            raise cur.broken("expected a key")
        cur.expect(":", "':'")
        yield key
        if cur.expect(",}", "',' or '}'") == "}":
            return


def _log(cur: _Cursor) -> Iterator[tuple[int, dict[str, Any]]]:
    index = 0
    for key in _keys(cur):
        if key != "entries" or cur.peek() != "[":
            cur.value()
            continue
        cur.pos += 1
        if cur.peek() == "]":
            cur.pos += 1
            continue
        while True:
            entry = cur.value()
            if isinstance(entry, dict):
                yield index, entry
            index += 1
            if cur.expect(",]", "',' or ']'") == "]":
                break


# -- What an entry holds -----------------------------------------------------

#: Headers never read: their values are other services' secrets (#16).
_NEVER_READ = {"cookie", "set-cookie", "proxy-authorization"}
#: Headers that hold client tokens whatever their payload says.
_TOKEN_HEADERS = {"x-tb-token-auth"}
_SAFE_NAME = re.compile(r"[A-Za-z0-9_.\-\[\]]{1,64}")
_ISO = re.compile(
    r"\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(?::\d{2}(?:\.\d{1,9})?)?(?:Z|[+-]\d{2}:?\d{2})?"
)
_BINARY_MIME = ("image/", "video/", "audio/", "font/", "application/octet-stream")
#: Error bodies are small; a bigger body is not parsed for a code.
_MAX_ERROR_BODY = 64 * 1024
_MAX_MESSAGE = 300


@dataclass(frozen=True, slots=True)
class Part:
    """One place in an entry that may hold a token.

    Attributes:
        name: where, in words: ``header X-TB-TOKEN-AUTH``, ``url query token``,
            ``request body``, ``response body``, ``websocket message sent``...
        text: its text.
        sent: the request carried it (else the response delivered it).
        any_jwt: a place for client tokens: any JWT there counts.
    """

    name: str
    text: str
    sent: bool
    any_jwt: bool = False


@dataclass(frozen=True, slots=True)
class Response:
    """What the client got for a request (spec/cli.md, scan ``response``).

    Attributes:
        status: the HTTP status (0: no answer, the request failed).
        error_code: the OpenTok error code in the body (``1004``), or None.
        message: the error message in the body (or the browser's), or None.
    """

    status: int
    error_code: int | None = None
    message: str | None = None

    @property
    def failed(self) -> bool:
        """The request failed: no answer, or an HTTP error status."""
        return self.status == 0 or self.status >= 400 or self.error_code is not None

    @property
    def client_error(self) -> str | None:
        """The error as the decoder's ranking reads it, or None."""
        if not self.failed:
            return None
        words = [str(self.error_code) if self.error_code is not None else ""]
        words.append(self.message or (f"HTTP {self.status}" if self.status else ""))
        return " ".join(w for w in words if w) or None


def safe_name(name: object, fallback: str = "") -> str:
    """A header or parameter name fit to show, or ``fallback``."""
    if isinstance(name, str) and _SAFE_NAME.fullmatch(name):
        return name
    return fallback


def entry_time(entry: dict[str, Any]) -> str | None:
    """The entry's ``startedDateTime`` when it is an ISO 8601 time."""
    value = entry.get("startedDateTime")
    if isinstance(value, str) and len(value) <= 40 and _ISO.fullmatch(value):
        return value
    return None


def _dict(value: object) -> dict[str, Any]:
    return value if isinstance(value, dict) else {}


def _list(value: object) -> list[Any]:
    return value if isinstance(value, list) else []


def request_url(entry: dict[str, Any]) -> str:
    """The request's URL, or "" when there is none."""
    url = _dict(entry.get("request")).get("url")
    return url if isinstance(url, str) else ""


def entry_parts(entry: dict[str, Any]) -> Iterator[Part]:
    """Every place of the entry that may hold a token; cookies never."""
    request = _dict(entry.get("request"))
    url = request_url(entry)
    path, _, query = url.partition("?")
    query = query.partition("#")[0]
    yield Part("url path", path, sent=True)
    for pair in query.split("&") if query else ():
        name, _, value = pair.partition("=")
        shown = safe_name(_unquote(name))
        yield Part(f"url query {shown}".rstrip(), value, sent=True, any_jwt=True)
    yield from _headers(request, sent=True)
    post = _dict(request.get("postData")).get("text")
    if isinstance(post, str):
        yield Part("request body", post, sent=True)
    response = _dict(entry.get("response"))
    yield from _headers(response, sent=False)
    body = _body(_dict(response.get("content")))
    if body:
        yield Part("response body", body, sent=False)
    for message in _list(entry.get("_webSocketMessages")):
        message = _dict(message)
        data = message.get("data")
        if isinstance(data, str):
            sent = message.get("type") == "send"
            yield Part(
                f"websocket message {'sent' if sent else 'received'}", data, sent=sent
            )


def _unquote(text: str) -> str:
    return unquote(text) if "%" in text else text


def _headers(message: dict[str, Any], *, sent: bool) -> Iterator[Part]:
    for header in _list(message.get("headers")):
        header = _dict(header)
        name, value = header.get("name"), header.get("value")
        if not isinstance(name, str) or not isinstance(value, str):
            continue
        lower = name.lower()
        if lower in _NEVER_READ:
            continue
        if lower == "authorization":
            scheme, _, credential = value.partition(" ")
            if scheme.lower() != "bearer":
                continue  # Basic and the rest: other services' passwords
            value = credential.strip()
        shown = safe_name(name, "(unnamed)")
        yield Part(f"header {shown}", value, sent=sent, any_jwt=lower in _TOKEN_HEADERS)


def _body(content: dict[str, Any]) -> str:
    text = content.get("text")
    if not isinstance(text, str):
        return ""
    mime = content.get("mimeType")
    if content.get("encoding") == "base64":
        if isinstance(mime, str) and mime.lower().startswith(_BINARY_MIME):
            return ""
        try:
            return base64.b64decode(text).decode("utf-8", "replace")
        except (binascii.Error, ValueError):
            return ""
    return text


def entry_response(entry: dict[str, Any]) -> Response | None:
    """The status and OpenTok error the client got, or None without one."""
    response = _dict(entry.get("response"))
    status = response.get("status")
    if (
        not isinstance(status, int)
        or isinstance(status, bool)
        or not 0 <= status < 1000
    ):
        return None
    code, message = _error_in(_body(_dict(response.get("content"))))
    if message is None and status == 0:
        failure = response.get("_error") or entry.get("_error")
        message = failure[:_MAX_MESSAGE] if isinstance(failure, str) else None
    return Response(status, code, message)


def _error_in(body: str) -> tuple[int | None, str | None]:
    """``{"code": 1004, "message": "..."}`` (also under ``error``, or the
    first of a list), as OpenTok's answers carry it."""
    text = body.strip()
    if not text or len(text) > _MAX_ERROR_BODY or text[0] not in "{[":
        return None, None
    try:
        value: object = json.loads(text)
    except (ValueError, RecursionError):
        return None, None
    if isinstance(value, list) and value:
        value = value[0]
    answer = _dict(value)
    if isinstance(answer.get("error"), dict):
        answer = answer["error"]
    code = answer.get("code")
    if not isinstance(code, int) or isinstance(code, bool) or abs(code) > 10**6:
        code = None
    message = answer.get("message", answer.get("description"))
    if not isinstance(message, str):
        error = answer.get("error")
        message = error if isinstance(error, str) else None
    if code is None and message is None:
        return None, None
    return code, message[:_MAX_MESSAGE] if isinstance(message, str) else None
