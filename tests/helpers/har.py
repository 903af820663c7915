"""Realistic HAR files and logs a customer sends, built with our signer (#16).

``support_case`` is one call gone wrong, as Chrome or Firefox saves it: the
app asks the customer's server for a session and a token, the client joins
with a token cut short (403, 1004 Invalid token format), then with an expired
one (403, token has expired), then with the good one; between them, traffic
of other services with cookies and their own credentials, which must never
reach any output.
"""

from __future__ import annotations

import base64
import json
import random
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from typing import Any

from opentok_studio.core import ProjectCredentials, TokenRequest, make_token
from opentok_studio.core.model import TokenFormat
from opentok_studio.core.scan import ScanResult, scan
from tests.helpers import vectors

#: Values of cookies and other services' credentials: never in any output.
FOREIGN_SECRETS = (
    "COOKIE-SECRET-sessionid-5b1f",
    "COOKIE-SECRET-csrftoken-77aa",
    "COOKIE-SECRET-ga-GA1.2.3344",
    "UNRELATED-API-KEY-9f8e7d6c",
    "Basic dXNlcjpodW50ZXIy",
    "dXNlcjpodW50ZXIy",
)
#: Another service's bearer JWT (sub/aud, no session): not an OpenTok token.
FOREIGN_JWT = (
    "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9."
    + base64.urlsafe_b64encode(
        json.dumps(
            {"sub": "user-42", "aud": "crm.example.com", "exp": 1893456000}
        ).encode()
    )
    .decode()
    .rstrip("=")
    + ".c2lnbmF0dXJlLW9mLWFub3RoZXItc2VydmljZS0xMjM0NTY3ODkw"
)
OPENTOK_API = "https://api.opentok.com"
START = datetime.fromtimestamp(vectors.MADE_AT, UTC)


#: Long after the case: judging by the scan's own clock, all would be expired.
LATER = vectors.MADE_AT + 90 * 86400


def project() -> ProjectCredentials:
    return ProjectCredentials(vectors.API_KEY, vectors.API_SECRET)


def scan_chunks(text: str, size: int = 997, **kw: Any) -> ScanResult:
    """``text`` scanned in chunks of ``size`` characters with the project's
    credentials, judged at LATER."""
    chunks = [text[i : i + size] for i in range(0, len(text), size)]
    return scan(chunks, project(), now=LATER, **kw)


def token(
    fmt: TokenFormat = TokenFormat.JWT,
    *,
    now: int = vectors.MADE_AT,
    seed: int = 7,
    **kw: Any,
) -> str:
    """A token for the vectors' session, made by our signer (nonce seeded:
    the same arguments give the same token, so failures reproduce)."""
    request = TokenRequest(session_id=vectors.SID, format=fmt, **kw)
    return make_token(request, project(), now=now, rng=random.Random(seed))


@dataclass
class Case:
    """A HAR and what a scan must find in it.

    Attributes:
        har: the HAR, as parsed JSON.
        good: the token the server made (a JWT), used last and accepted.
        cut: ``good`` cut short, sent first: 403 Invalid token format.
        expired: a T1 token made two days ago: 403 token has expired.
        in_query: a T1 token URL-encoded in a query parameter (200).
        order: the tokens in order of first appearance.
    """

    har: dict[str, Any]
    good: str
    cut: str
    expired: str
    in_query: str
    order: list[str] = field(default_factory=list)

    def text(self, indent: int | None = 2) -> str:
        return json.dumps(self.har, indent=indent)


def _headers(pairs: list[tuple[str, str]]) -> list[dict[str, str]]:
    return [{"name": n, "value": v} for n, v in pairs]


def _entry(
    layout: str,
    i: int,
    method: str,
    url: str,
    request_headers: list[tuple[str, str]],
    status: int,
    body: str,
    *,
    post: str | None = None,
    response_headers: list[tuple[str, str]] = (),  # type: ignore[assignment]
    mime: str = "application/json",
    base64_body: bool = False,
) -> dict[str, Any]:
    started = START + timedelta(seconds=2 * i)
    content: dict[str, Any] = {"size": len(body), "mimeType": mime}
    if base64_body:
        content["text"] = base64.b64encode(body.encode()).decode()
        content["encoding"] = "base64"
    else:
        content["text"] = body
    path, _, query = url.partition("?")
    request: dict[str, Any] = {
        "method": method,
        "url": url,
        "httpVersion": "HTTP/2" if layout == "firefox" else "http/2.0",
        "headers": _headers(request_headers),
        "queryString": [
            {"name": k, "value": v}
            for k, _, v in (p.partition("=") for p in query.split("&") if p)
        ],
        "cookies": [
            {"name": n, "value": v} for n, v in request_headers if n.lower() == "cookie"
        ],
        "headersSize": -1,
        "bodySize": len(post or ""),
    }
    if post is not None:
        request["postData"] = {"mimeType": "application/json", "text": post}
    entry: dict[str, Any] = {
        "pageref": "page_1",
        "startedDateTime": (
            started.astimezone(timezone_plus_one()).isoformat(timespec="milliseconds")
            if layout == "firefox"
            else started.strftime("%Y-%m-%dT%H:%M:%S.") + "123Z"
        ),
        "request": request,
        "response": {
            "status": status,
            "statusText": "Forbidden" if status == 403 else "OK",
            "httpVersion": "HTTP/2",
            "headers": _headers(list(response_headers)),
            "cookies": [],
            "content": content,
            "redirectURL": "",
            "headersSize": -1,
            "bodySize": len(body),
        },
        "cache": {},
        "timings": {
            "blocked": 1,
            "dns": -1,
            "connect": -1,
            "send": 0,
            "wait": 42,
            "receive": 1,
            "ssl": -1,
        },  # fmt: skip
        "time": 44.2,
        "serverIPAddress": "203.0.113.7",
        "connection": "443",
    }
    if layout == "chrome":
        entry["_initiator"] = {"type": "script", "stack": {"callFrames": []}}
        entry["_priority"] = "High"
        entry["_resourceType"] = "fetch"
        entry["response"]["_transferSize"] = len(body) + 300
        entry["response"]["_error"] = None
    else:
        entry["securityState"] = "secure"
    return entry


def timezone_plus_one():  # type: ignore[no-untyped-def]
    from datetime import timezone

    return timezone(timedelta(hours=1))


def support_case(layout: str = "chrome") -> Case:
    """The support case as ``layout`` ("chrome" or "firefox") saves it."""
    good = token()
    cut = good[: len(good) - 20]
    expired = token(TokenFormat.T1, now=vectors.MADE_AT - 3 * 86400)
    in_query = token(TokenFormat.T1, role="subscriber")
    encoded = in_query.replace("=", "%3D").replace("+", "%2B").replace("/", "%2F")
    session_url = f"{OPENTOK_API}/session/{vectors.SID}?extended=true"
    created = json.dumps(
        {"apiKey": vectors.API_KEY, "sessionId": vectors.SID, "token": good}
    )
    cookie = f"sessionid={FOREIGN_SECRETS[0]}; _ga={FOREIGN_SECRETS[2]}"
    e = layout
    entries = [
        _entry(e, 0, "POST", "https://app.customer.example/api/rooms/42/join",
               [("Content-Type", "application/json"), ("Cookie", cookie)], 200,
               created, post='{"room": 42}',
               response_headers=[("Set-Cookie", f"csrftoken={FOREIGN_SECRETS[1]}")]),
        _entry(e, 1, "GET", session_url,
               [("X-TB-TOKEN-AUTH", cut), ("X-TB-VERSION", "1")], 403,
               '{"code":1004,"message":"Invalid token format"}'),
        _entry(e, 2, "GET", "https://crm.example.com/api/me?lang=en",
               [("Authorization", f"Bearer {FOREIGN_JWT}"),
                ("X-Api-Key", FOREIGN_SECRETS[3]), ("Cookie", cookie)], 200,
               '{"name": "Ann"}'),
        _entry(e, 3, "GET", session_url,
               [("X-TB-TOKEN-AUTH", expired)], 403,
               '{"code":1004,"message":"token has expired"}'),
        _entry(e, 4, "GET", "https://legacy.example.com/report",
               [("Authorization", FOREIGN_SECRETS[4])], 200, "ok", mime="text/plain"),
        _entry(e, 5, "GET", f"https://app.customer.example/viewer?room=42&token={encoded}",
               [("Cookie", cookie)], 200, "<html>viewer</html>", mime="text/html",
               base64_body=True),
        _entry(e, 6, "GET", session_url, [("X-TB-TOKEN-AUTH", good)], 200,
               json.dumps([{"session_id": vectors.SID, "properties": {}}]),
               base64_body=layout == "chrome"),
    ]  # fmt: skip
    log: dict[str, Any] = {
        "version": "1.2",
        "creator": {"name": "WebInspector" if e == "chrome" else "Firefox",
                    "version": "537.36" if e == "chrome" else "133.0"},
        "pages": [{"startedDateTime": entries[0]["startedDateTime"], "id": "page_1",
                   "title": "https://app.customer.example/",
                   "pageTimings": {"onContentLoad": 100, "onLoad": 200}}],
        "entries": entries,
    }  # fmt: skip
    if e == "firefox":
        log["browser"] = {"name": "Firefox", "version": "133.0"}
        # Firefox writes pages after entries in some versions: order must not matter.
        log = {k: log[k] for k in ("version", "creator", "browser", "entries", "pages")}
    case = Case({"log": log}, good, cut, expired, in_query)
    case.order = [good, cut, expired, in_query]
    return case


def console_log() -> tuple[str, dict[str, int]]:
    """A browser console / device log holding tokens wrapped across lines,
    URL-encoded and inside JSON; returns the text and each token's line."""
    good = token()
    t1 = token(TokenFormat.T1)
    expired = token(TokenFormat.T1, now=vectors.MADE_AT - 3 * 86400)
    escaped = json.dumps({"token": t1}).replace("/", "\\/").replace("=", "\\u003d")
    wrapped = "\n".join(good[i : i + 76] for i in range(0, len(good), 76))
    encoded = expired.replace("=", "%3D").replace("+", "%2B").replace("/", "%2F")
    lines = [
        "2026-10-01T12:00:00.000Z app: starting, cookie=" + FOREIGN_SECRETS[0],
        f"2026-10-01T12:00:01.250Z app: session {vectors.SID}",
        "2026-10-01T12:00:01.300Z app: token follows",
        wrapped,
        f"2026-10-01T12:00:02.000Z net: GET /join?room=42&token={encoded} 200",
        "2026-10-01T12:00:02.100Z OT.Session: connect failed: "
        "OT_AUTHENTICATION_ERROR (1004) token has expired",
        f"2026-10-01 12:00:03,500 INFO payload {escaped}",
        "12-01 10:00:00.123  1234  1234 D Authorization: Bearer " + FOREIGN_JWT,
    ]
    text = "\n".join(lines) + "\n"
    return text, {
        good: 4,
        expired: 5 + wrapped.count("\n"),
        t1: 7 + wrapped.count("\n"),
    }


#: A second session of the vectors' project.
OTHER_SESSION = "1_MX40NjEyMzQ1N35-MTc5MzQ5MTIwMDAwMH5UM1JvWlhKVFpYTnphVzl1flB-"


def two_problem_har(message: str) -> tuple[dict[str, Any], str]:
    """A HAR where the client joins SID with a token that is both expired and
    for OTHER_SESSION, and the service answers 403 with ``message``."""
    bad = make_token(
        TokenRequest(session_id=OTHER_SESSION),
        project(),
        now=vectors.MADE_AT - 3 * 86400,
    )
    url = f"{OPENTOK_API}/session/{vectors.SID}?extended=true"
    body = json.dumps({"code": 1004, "message": message})
    entry = _entry("chrome", 0, "GET", url, [("X-TB-TOKEN-AUTH", bad)], 403, body)
    return {"log": {"version": "1.2", "entries": [entry]}}, bad
