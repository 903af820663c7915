"""Send a core/rest.py request with httpx (async, for qasync in the window and
asyncio.run in the CLI). httpx: one client API for both, real timeouts per
phase, and errors typed by cause (connect, TLS, timeout) to say plainly.
Nothing here logs headers or bodies; a POST is never retried."""

from __future__ import annotations

from opentok_studio.core.errors import NetworkError
from opentok_studio.core.rest import HttpRequest

DEFAULT_TIMEOUT = 20.0


async def send(
    request: HttpRequest, *, timeout: float = DEFAULT_TIMEOUT
) -> tuple[int, str, bytes]:
    """(status, content type, body) of the answer.

    Raises:
        NetworkError: no network, TLS failure, timeout or a bad URL.
    """
    import httpx

    try:
        async with httpx.AsyncClient(timeout=timeout, follow_redirects=False) as client:
            response = await client.request(
                request.method,
                request.url,
                headers=request.headers,
                content=request.body.encode("ascii"),
            )
    except httpx.TimeoutException:
        raise NetworkError(f"no answer within {timeout:g} s: try again later") from None
    except httpx.ConnectError as e:
        if "SSL" in str(e) or "certificate" in str(e).lower():
            raise NetworkError(
                "the TLS connection failed (certificate or proxy problem)"
            ) from None
        raise NetworkError(
            f"cannot reach {httpx.URL(request.url).host}: no network, or blocked"
        ) from None
    except httpx.UnsupportedProtocol:
        raise NetworkError(f"not an http(s) URL: {request.url}") from None
    except httpx.HTTPError as e:
        raise NetworkError(f"the request failed: {type(e).__name__}") from None
    return (
        response.status_code,
        response.headers.get("content-type", ""),
        response.content,
    )
