"""net/http.py against a hostile server on 127.0.0.1: one deadline for the
whole exchange, a byte cap on the answer, deep JSON and XML bombs refused
cleanly, with exit 4 from the CLI (hardening #13, finding 8)."""

from __future__ import annotations

import asyncio
import io
import time
import tracemalloc
from collections.abc import Iterator

import pytest

from opentok_studio.cli import main
from opentok_studio.core import ProjectCredentials
from opentok_studio.core.errors import NetworkError
from opentok_studio.core.rest import (
    SessionOptions,
    build_create_session,
    read_create_session,
)
from opentok_studio.net.http import MAX_ANSWER_BYTES, send
from tests.helpers import fakeapi, hostileapi, vectors
from tests.helpers.cli import PROJECT_ENV as ENV

#: Far above what a capped read holds; far below the 64 MiB offered.
MAX_CLIENT_MEMORY = 16 << 20


@pytest.fixture
def api() -> Iterator[hostileapi.HostileApi]:
    with hostileapi.serve() as server:
        yield server


def _send(api: hostileapi.HostileApi, timeout: float = 5.0) -> tuple[int, str, bytes]:
    credentials = ProjectCredentials(vectors.API_KEY, vectors.API_SECRET)
    request = build_create_session(credentials, SessionOptions(), now=int(time.time()),
                                   base_url=api.url)  # fmt: skip
    return asyncio.run(send(request, timeout=timeout))


def _cli(api: hostileapi.HostileApi, *extra: str) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    rc = main(["session", "create", "--api-url", api.url, *extra], out, err, env=ENV)
    return rc, out.getvalue(), err.getvalue()


def test_a_dripping_server_meets_the_deadline(api) -> None:
    # One byte per 50 ms never trips a per-read timeout of 0.5 s; the overall
    # deadline does. Before: 5 s, then "the request failed".
    api.behaviour = "drip"
    with pytest.raises(NetworkError, match=r"no answer within 0\.5 s"):
        _send(api, timeout=0.5)
    assert api.sent < hostileapi.DRIP_BYTES


def test_cli_drip_is_exit_4(api) -> None:
    api.behaviour = "drip"
    rc, out, err = _cli(api, "--timeout", "0.5")
    assert (rc, out) == (4, "")
    assert err == "error: no answer within 0.5 s: try again later\n"


@pytest.mark.parametrize("behaviour", ["huge", "huge_declared", "gzip_bomb"])
def test_an_answer_over_the_cap_is_refused_unread(api, behaviour: str) -> None:
    api.behaviour = behaviour
    tracemalloc.start()
    try:
        with pytest.raises(NetworkError, match="larger than 1 MiB"):
            _send(api)
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert peak < MAX_CLIENT_MEMORY
    assert api.done.wait(10)
    # The client hung up long before the end of the 64 MiB.
    assert api.sent < hostileapi.HUGE_BYTES // 2


def test_cli_huge_answer_is_exit_4(api) -> None:
    api.behaviour = "huge"
    rc, out, err = _cli(api)
    assert (rc, out) == (4, "")
    assert err.startswith("error: the server's answer is larger than 1 MiB: refused")
    assert err.count("\n") == 1


def test_the_cap_counts_bytes_exactly() -> None:
    # At the cap an answer is read; one byte over, it is refused.
    with fakeapi.serve() as ok:
        status, _, body = _send(ok)  # type: ignore[arg-type]
        assert status == 200
        credentials = ProjectCredentials(vectors.API_KEY, vectors.API_SECRET)
        request = build_create_session(credentials, SessionOptions(),
                                       now=int(time.time()), base_url=ok.url)  # fmt: skip
        assert asyncio.run(send(request, max_bytes=len(body)))[2] == body
        with pytest.raises(NetworkError, match="larger than"):
            asyncio.run(send(request, max_bytes=len(body) - 1))
    assert MAX_ANSWER_BYTES == 1 << 20


def test_deeply_nested_json_is_a_clean_error(api) -> None:
    api.behaviour = "nested"  # 100,000 levels: RecursionError before
    rc, out, err = _cli(api)
    assert (rc, out) == (4, "")
    assert err.startswith("error: the server's answer is JSON nested more than 32")
    assert "Traceback" not in err


def test_billion_laughs_is_never_expanded(api) -> None:
    api.behaviour = "billion_laughs"
    status, ctype, body = _send(api)
    tracemalloc.start()
    try:
        with pytest.raises(NetworkError, match="not a session ID"):
            read_create_session(status, ctype, body)
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert peak < 1 << 20  # 10^9 "lol"s would be 3 GB
    rc, out, err = _cli(api)
    assert (rc, out) == (4, "")
    assert "lollol" not in err


def test_a_refused_port_is_not_called_no_network() -> None:
    # A stopped local server read "cannot reach 127.0.0.1: no network, or
    # blocked" (a walk-through): the host answered, the port refused.
    import socket

    with socket.socket() as s:  # a free port, closed again: refused at once
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    credentials = ProjectCredentials(vectors.API_KEY, vectors.API_SECRET)
    request = build_create_session(credentials, SessionOptions(), now=int(time.time()),
                                   base_url=f"http://127.0.0.1:{port}")  # fmt: skip
    with pytest.raises(NetworkError) as caught:
        asyncio.run(send(request, timeout=5.0))
    message = str(caught.value)
    assert message.startswith(
        f"cannot reach 127.0.0.1:{port}: the connection was refused"
    )
    assert "no network" not in message


def test_a_name_that_does_not_resolve_says_so() -> None:
    credentials = ProjectCredentials(vectors.API_KEY, vectors.API_SECRET)
    request = build_create_session(credentials, SessionOptions(), now=int(time.time()),
                                   base_url="https://no-such-host.invalid")  # fmt: skip
    with pytest.raises(NetworkError) as caught:
        asyncio.run(send(request, timeout=5.0))
    assert str(caught.value) == (
        "cannot reach no-such-host.invalid: the name does not resolve; check the API URL"
    )
