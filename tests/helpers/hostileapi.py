"""A hostile HTTP server on 127.0.0.1 for the transport's limits: it drips its
answer, streams far more than any answer, sends a gzip bomb, deep JSON, an XML
bomb or terminal escape sequences. Every loop is bounded in count and time;
the large bodies are streamed from one small chunk, never built in memory."""

from __future__ import annotations

import functools
import json
import threading
import zlib
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field

from tests.helpers.localserver import QuietHandler, serve_locally

#: drip: this many bytes, one per DRIP_SECONDS (5 s in all, if nobody hangs up).
DRIP_BYTES = 100
DRIP_SECONDS = 0.05
#: huge: this much is offered; a client that reads it all has no cap.
HUGE_BYTES = 64 << 20
CHUNK = b"x" * (64 << 10)
NESTED = b"[" * 100_000 + b"]" * 100_000
BILLION_LAUGHS = (
    b'<?xml version="1.0"?>\n<!DOCTYPE lolz [<!ENTITY lol "lol">\n'
    + b"".join(
        b'<!ENTITY lol%d "%s">\n'
        % (i, (b"&lol%d;" % (i - 1) if i > 1 else b"&lol;") * 10)
        for i in range(1, 10)
    )
    + b"]>\n<sessions><Session><session_id>&lol9;</session_id></Session></sessions>"
)
#: Retitles the terminal, clears it and turns text red, then a bidi override.
ESCAPES = "\x1b]0;pwned\x07\x1b[2J\x1b[31mred\x9b0m\u202eevil"


@functools.cache
def gzip_bomb(size: int = HUGE_BYTES) -> bytes:
    """``size`` zero bytes, gzipped (~1/1000 of it), fed in 1 MiB pieces."""
    zeros = bytes(1 << 20)
    packer = zlib.compressobj(9, zlib.DEFLATED, 16 + zlib.MAX_WBITS)
    parts = [packer.compress(zeros) for _ in range(size // len(zeros))]
    return b"".join(parts) + packer.flush()


@dataclass
class HostileApi:
    url: str
    behaviour: str = "drip"
    #: bytes of body the server got out before the client hung up
    sent: int = 0
    #: set when the handler is done (answered, or the client hung up)
    done: threading.Event = field(default_factory=threading.Event)
    stop: threading.Event = field(default_factory=threading.Event)


@contextmanager
def serve() -> Iterator[HostileApi]:
    api = HostileApi(url="")
    bomb = gzip_bomb()

    class Handler(QuietHandler):
        def _head(self, status: int, ctype: str, **headers: str) -> None:
            self.send_response(status)
            self.send_header("Content-Type", ctype)
            for name, value in headers.items():
                self.send_header(name.replace("_", "-"), value)
            self.end_headers()

        def _body(self, data: bytes) -> None:
            self.wfile.write(data)
            api.sent += len(data)

        def do_POST(self) -> None:  # noqa: N802 - http.server's name
            self.rfile.read(int(self.headers.get("Content-Length", 0)))
            try:
                getattr(self, "_" + api.behaviour)()
            except (BrokenPipeError, ConnectionResetError):
                pass  # the client hung up: what a capped client does
            finally:
                api.done.set()

        def _drip(self) -> None:
            self._head(200, "application/json", Content_Length=str(2 * DRIP_BYTES))
            for _ in range(DRIP_BYTES):
                if api.stop.wait(DRIP_SECONDS):
                    return
                self._body(b" ")
                self.wfile.flush()

        def _huge(self) -> None:
            self._head(200, "application/json")  # HTTP/1.0: the body ends at close
            self._stream()

        def _huge_declared(self) -> None:
            self._head(200, "application/json", Content_Length=str(2 << 30))
            self._stream()

        def _stream(self) -> None:
            for _ in range(HUGE_BYTES // len(CHUNK)):
                if api.stop.is_set():
                    return
                self._body(CHUNK)

        def _gzip_bomb(self) -> None:
            self._head(200, "application/json", Content_Encoding="gzip",
                       Content_Length=str(len(bomb)))  # fmt: skip
            self._body(bomb)

        def _nested(self) -> None:
            self._head(200, "application/json", Content_Length=str(len(NESTED)))
            self._body(NESTED)

        def _billion_laughs(self) -> None:
            data = BILLION_LAUGHS
            self._head(200, "text/xml", Content_Length=str(len(data)))
            self._body(data)

        def _escape_error(self) -> None:
            data = f'{{"code":-1,"message":"{ESCAPES}"}}'.encode()
            self._head(400, "application/json", Content_Length=str(len(data)))
            self._body(data)

        def _escape_session(self) -> None:
            data = json.dumps([{"session_id": "1_MX4" + ESCAPES}]).encode()
            self._head(200, "application/json", Content_Length=str(len(data)))
            self._body(data)

    with serve_locally(Handler) as url:
        api.url = url
        try:
            yield api
        finally:
            api.stop.set()  # before the server waits for its handlers
