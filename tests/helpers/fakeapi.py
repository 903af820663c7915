"""A real HTTP server on 127.0.0.1 that checks create-session requests as the
service would (auth JWT verified with the right key, form fields) and answers
with realistic replies, errors, slow replies or garbage."""

from __future__ import annotations

import json
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import parse_qsl

import jwt

from tests.helpers import vectors
from tests.helpers.localserver import QuietHandler, serve_locally

NEW_SESSION = "2_MX40NjEyMzQ1N35-MTc5MzQ5MTIwMDAwMH5RMmhoY0dWeWIyNWxWR1Z6ZEZObGN3flB-"


@dataclass
class FakeApi:
    url: str
    scenario: str = "ok"
    delay: float = 0.0
    seen: list[dict[str, Any]] = field(default_factory=list)


def _verify(headers: Any) -> dict[str, Any]:
    if "X-OPENTOK-AUTH" in headers:
        claims = jwt.decode(headers["X-OPENTOK-AUTH"], vectors.API_SECRET,
                            algorithms=["HS256"], options={"verify_iat": False})  # fmt: skip
        assert claims["ist"] == "project" and claims["iss"] == vectors.API_KEY
        assert claims["exp"] - claims["iat"] == 180
        return claims
    token = headers["Authorization"].removeprefix("Bearer ")
    public = vectors.private_key().public_key()
    claims = jwt.decode(
        token, public, algorithms=["RS256"], options={"verify_iat": False}
    )
    assert claims["application_id"] == vectors.APP_ID
    return claims


@contextmanager
def serve() -> Iterator[FakeApi]:
    api = FakeApi(url="")

    class Handler(QuietHandler):
        def _answer(self, status: int, ctype: str, body: str) -> None:
            data = body.encode()
            self.send_response(status)
            self.send_header("Content-Type", ctype)
            self.send_header("Content-Length", str(len(data)))
            self.end_headers()
            self.wfile.write(data)

        def do_POST(self) -> None:  # noqa: N802 - http.server's name
            length = int(self.headers.get("Content-Length", 0))
            form = dict(parse_qsl(self.rfile.read(length).decode()))
            try:
                assert self.path == "/session/create"
                claims = _verify(self.headers)
            except Exception as e:  # noqa: BLE001 - a refusal, as the service would
                api.seen.append({"error": repr(e)})
                self._answer(
                    403, "application/json", '{"code":-1,"message":"Invalid signature"}'
                )
                return
            api.seen.append(
                {"form": form, "claims": claims, "headers": dict(self.headers)}
            )
            if api.delay:
                time.sleep(api.delay)
            answers = {
                "ok": (
                    200,
                    "application/json",
                    json.dumps(
                        [
                            {
                                "session_id": NEW_SESSION,
                                "project_id": vectors.API_KEY,
                                "partner_id": vectors.API_KEY,
                                "create_dt": "Tue Nov 24 10:00:00 PST 2026",
                                "media_server_url": "",
                            }
                        ]
                    ),
                ),  # fmt: skip
                "xml": (
                    200,
                    "text/xml",
                    f"<sessions><Session><session_id>{NEW_SESSION}"
                    "</session_id></Session></sessions>",
                ),  # fmt: skip
                "403": (
                    403,
                    "application/json",
                    '{"code":-1,"message":"Invalid signature"}',
                ),
                "429": (429, "application/json", '{"code":-1,"message":"Too many"}'),
                "500": (500, "text/html", "<h1>oops</h1>"),
                "garbage": (200, "application/json", "this is not json"),
                "empty": (200, "application/json", "[]"),
                # Python's json reads NaN; printing it back is not JSON (#13).
                "nan": (
                    200,
                    "application/json",
                    f'[{{"session_id": "{NEW_SESSION}", "create_dt": NaN}}]',
                ),
            }
            self._answer(*answers[api.scenario])

    with serve_locally(Handler) as url:
        api.url = url
        yield api
