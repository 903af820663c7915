"""Running `opentok-studio` in-process for tests (spec/cli.md), and reading
what it printed: every run passes its own ``env`` so the real environment never
leaks in, and its own streams so stdout and stderr are checked separately."""

from __future__ import annotations

import base64
import hashlib
import hmac
import io
import json
import time
from typing import Any, NamedTuple
from urllib.parse import parse_qsl

import jwt

from opentok_studio.cli import main
from opentok_studio.core import (
    ProjectCredentials,
    TokenRequest,
    make_token,
)
from tests.helpers import vectors

PROJECT_ENV = {
    "OPENTOK_API_KEY": vectors.API_KEY,
    "OPENTOK_API_SECRET": vectors.API_SECRET,
}
APP_ENV = {
    "VONAGE_APPLICATION_ID": vectors.APP_ID,
    "VONAGE_PRIVATE_KEY_PATH": str(vectors.PEM_PATH),
}


class Run(NamedTuple):
    """What one `opentok-studio` run printed and returned (``rc, out, err =``
    unpacks it)."""

    code: int
    out: str
    err: str

    @property
    def err_lines(self) -> list[str]:
        return self.err.splitlines()

    @property
    def out_lines(self) -> list[str]:
        return self.out.splitlines()

    def json(self) -> Any:
        return json.loads(self.out)


def run(*argv: str, env: dict[str, str] | None = None, stdin: str = "") -> Run:
    out, err = io.StringIO(), io.StringIO()
    code = main(
        list(argv),
        stdout=out,
        stderr=err,
        stdin=io.StringIO(stdin),
        env={} if env is None else env,
    )
    return Run(code, out.getvalue(), err.getvalue())


def assert_bad_input(result: Run, *words: str) -> None:
    """Exit 2, nothing on stdout, one `error:` line naming ``words``."""
    assert result.code == 2, result
    assert result.out == ""
    assert len(result.err_lines) == 1, result.err
    line = result.err_lines[0]
    assert line.startswith("error:")
    for word in words:
        assert word in line


def assert_credentials_error(result: Run, *words: str) -> None:
    assert result.code == 3, result
    assert result.out == ""
    assert len(result.err_lines) == 1, result.err
    assert result.err_lines[0].startswith("error:")
    for word in words:
        assert word in result.err_lines[0]


def hs256_claims(token: str, secret: str = vectors.API_SECRET) -> dict[str, Any]:
    """pyjwt's verdict: signature, exp and iat all checked on the real clock."""
    claims: dict[str, Any] = jwt.decode(token, secret, algorithms=["HS256"], leeway=5)
    return claims


def rs256_claims(token: str) -> dict[str, Any]:
    public = vectors.private_key().public_key()
    claims: dict[str, Any] = jwt.decode(token, public, algorithms=["RS256"], leeway=5)
    return claims


def t1_fields(token: str, secret: str = vectors.API_SECRET) -> dict[str, str]:
    """spec/tokens.md section 2 by hand; asserts the HMAC-SHA1 matches."""
    assert token.startswith("T1==")
    raw = base64.b64decode(token[4:], validate=True)
    head, colon, data = raw.partition(b":")
    assert colon
    header = dict(parse_qsl(head.decode("ascii")))
    expected = hmac.new(secret.encode(), data, hashlib.sha1).hexdigest()
    assert header["sig"] == expected
    fields = dict(parse_qsl(data.decode("ascii"), keep_blank_values=True))
    return {"partner_id": header["partner_id"], **fields}


def token_args(*extra: str, sid: str = vectors.SID) -> list[str]:
    return ["token", "--session-id", sid, *extra]


def fresh_token(**request: Any) -> str:
    """A token made now on the real clock, as a server would make it."""
    return make_token(
        TokenRequest(vectors.SID, **request),
        ProjectCredentials(vectors.API_KEY, vectors.API_SECRET),
        now=int(time.time()),
    )


def cli_token(*extra: str) -> str:
    """A token made by `opentok-studio token` with the project's credentials."""
    rc, out, err = run("token", "--session-id", vectors.SID, *extra, env=PROJECT_ENV)
    assert rc == 0, err
    return out.strip()
