"""Send a core/rest.py request with httpx (async, for qasync in the window and
asyncio.run in the CLI). httpx: one client API for both, real timeouts per
phase, and errors typed by cause (connect, TLS, timeout) to say plainly.
Nothing here logs headers or bodies; a POST is never retried.

A server is foreign input (hardening #13, finding 8): one deadline covers the
whole exchange (httpx's timeouts are per phase and per read, so a server
dripping a byte a second kept `session create` alive for ever), and the answer
is read in chunks up to MAX_ANSWER_BYTES, never whole into memory.
"""

from __future__ import annotations

import asyncio
import zlib

from opentok_studio.core.errors import NetworkError
from opentok_studio.core.rest import HttpRequest

DEFAULT_TIMEOUT = 20.0
#: A create-session answer is a few hundred bytes; more than this is refused.
MAX_ANSWER_BYTES = 1 << 20


def _too_large(limit: int) -> NetworkError:
    return NetworkError(
        f"the server's answer is larger than {limit / (1 << 20):g} MiB: refused "
        "(a create-session answer is a few hundred bytes; check --api-url)"
    )


async def send(
    request: HttpRequest,
    *,
    timeout: float = DEFAULT_TIMEOUT,
    max_bytes: int = MAX_ANSWER_BYTES,
) -> tuple[int, str, bytes]:
    """(status, content type, body) of the answer.

    Args:
        timeout: seconds for the whole exchange, connecting to the last byte.
        max_bytes: the largest answer body read (after any decompression).

    Raises:
        NetworkError: no network, TLS failure, timeout, a bad URL, or an
            answer larger than ``max_bytes``.
    """
    import httpx

    try:
        async with asyncio.timeout(timeout):
            return await _exchange(request, timeout, max_bytes)
    except (TimeoutError, httpx.TimeoutException):
        raise NetworkError(f"no answer within {timeout:g} s: try again later") from None
    except httpx.ConnectError as e:
        if "SSL" in str(e) or "certificate" in str(e).lower():
            raise NetworkError(
                "the TLS connection failed (certificate or proxy problem)"
            ) from None
        raise NetworkError(_unreachable(httpx.URL(request.url), e)) from None
    except httpx.UnsupportedProtocol:
        raise NetworkError(f"not an http(s) URL: {request.url}") from None
    except httpx.InvalidURL:  # not an HTTPError: it escaped as a traceback
        raise NetworkError(f"not a valid URL: {request.url}") from None
    except httpx.HTTPError as e:
        raise NetworkError(f"the request failed: {type(e).__name__}") from None


def _unreachable(url: object, error: BaseException) -> str:
    """Why a connection failed, from the OS error under httpx's: a refused
    port on a reachable host is not "no network" (a stopped local server)."""
    import socket

    host = getattr(url, "host", "?")
    port = getattr(url, "port", None)
    chain: list[BaseException] = []
    cause: BaseException | None = error
    while cause is not None and len(chain) < 8:  # httpx -> httpcore -> OSError
        chain.append(cause)
        cause = cause.__cause__ or cause.__context__
    text = str(error).lower()
    if any(isinstance(c, ConnectionRefusedError) for c in chain) or "refused" in text:
        where = f"{host}:{port}" if port else host
        return (
            f"cannot reach {where}: the connection was refused (nothing answers "
            "there); check the API URL and that the server runs"
        )
    if any(isinstance(c, socket.gaierror) for c in chain) or (
        "name or service not known" in text or "nodename nor servname" in text
    ):
        return f"cannot reach {host}: the name does not resolve; check the API URL"
    return f"cannot reach {host}: no network, or blocked"


async def _exchange(
    request: HttpRequest, timeout: float, max_bytes: int
) -> tuple[int, str, bytes]:
    import httpx

    # Plain bytes: a compressed answer could grow a thousandfold in one chunk.
    headers = {**request.headers, "Accept-Encoding": "identity"}
    async with (
        httpx.AsyncClient(timeout=timeout, follow_redirects=False) as client,
        client.stream(
            request.method,
            request.url,
            headers=headers,
            content=request.body.encode("ascii"),
        ) as response,
    ):
        declared = response.headers.get("content-length", "")
        if declared.isdigit() and int(declared) > max_bytes:
            raise _too_large(max_bytes)  # refused before a byte of it is read
        body = bytearray()
        async for chunk in response.aiter_raw():
            body += chunk
            if len(body) > max_bytes:
                raise _too_large(max_bytes)
        encoding = response.headers.get("content-encoding", "identity")
        return (
            response.status_code,
            response.headers.get("content-type", ""),
            _decompressed(bytes(body), encoding, max_bytes),
        )


def _decompressed(body: bytes, encoding: str, max_bytes: int) -> bytes:
    """The body without its content coding, never more than ``max_bytes``."""
    coding = encoding.strip().lower()
    if coding in ("", "identity"):
        return body
    if coding in ("gzip", "x-gzip", "deflate"):
        # gzip header for gzip; zlib or raw deflate for deflate (both exist).
        wbits = 16 + zlib.MAX_WBITS if "gzip" in coding else zlib.MAX_WBITS
        try:
            inflater = zlib.decompressobj(wbits)
            plain = inflater.decompress(body, max_bytes + 1)
        except zlib.error:
            if "gzip" in coding:
                raise NetworkError("the server's answer is damaged gzip") from None
            try:
                inflater = zlib.decompressobj(-zlib.MAX_WBITS)
                plain = inflater.decompress(body, max_bytes + 1)
            except zlib.error:
                raise NetworkError("the server's answer is damaged deflate") from None
        if len(plain) > max_bytes or inflater.unconsumed_tail:
            raise _too_large(max_bytes)
        return plain
    raise NetworkError(
        f"the server's answer is in an encoding not asked for ({coding[:20]!r})"
    )
