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
from typing import IO, Any, NamedTuple
from urllib.parse import parse_qsl

import jwt

from opentok_studio.cli import main
from opentok_studio.core import (
    ProjectCredentials,
    TokenRequest,
    make_token,
)
from tests.helpers import vectors

PROJECT_ENV = vectors.project_env(vectors.API_KEY, vectors.API_SECRET)
APP_ENV = vectors.application_env(vectors.APP_ID)


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


def run(
    *argv: str, env: dict[str, str] | None = None, stdin: str | IO[str] = ""
) -> Run:
    """Run `opentok-studio ARGV` in-process; ``env`` is empty unless given."""
    out, err = io.StringIO(), io.StringIO()
    code = main(
        list(argv),
        stdout=out,
        stderr=err,
        stdin=io.StringIO(stdin) if isinstance(stdin, str) else stdin,
        env={} if env is None else env,
    )
    return Run(code, out.getvalue(), err.getvalue())


def assert_one_error(result: tuple[int, str, str], code: int, *words: str) -> None:
    """Exit ``code``, nothing on stdout, one `error: ` line naming ``words``."""
    rc, out, err = result
    assert rc == code, result
    assert out == ""
    assert err.startswith("error: ") and err.count("\n") == 1, err
    assert err.endswith("\n")
    for word in words:
        assert word in err, err


def assert_bad_input(result: Run, *words: str) -> None:
    """Exit 2 (bad input or usage) with one `error:` line naming ``words``."""
    assert_one_error(result, 2, *words)


def assert_credentials_error(result: Run, *words: str) -> None:
    """Exit 3 (credentials or keyring) with one `error:` line naming ``words``."""
    assert_one_error(result, 3, *words)


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
