"""Creating a session against a real local HTTP server, through core, net and CLI."""

from __future__ import annotations

import asyncio
import io
import json

import pytest

from opentok_studio.cli import main
from opentok_studio.core.errors import NetworkError, ValidationError
from opentok_studio.core.rest import (
    ArchiveMode,
    MediaMode,
    SessionOptions,
    build_create_session,
    read_create_session,
)
from opentok_studio.net.http import send
from tests.helpers import fakeapi, vectors
from tests.helpers.cli import PROJECT_ENV as ENV


@pytest.fixture
def api():  # type: ignore[no-untyped-def]
    with fakeapi.serve() as server:
        yield server


def _create(api, credentials, options=None, timeout=5.0):  # type: ignore[no-untyped-def]
    import time

    options = options or SessionOptions()
    request = build_create_session(credentials, options, now=int(time.time()),
                                   base_url=api.url)  # fmt: skip
    return read_create_session(*asyncio.run(send(request, timeout=timeout)))


def test_project_form_and_auth(api, project) -> None:
    options = SessionOptions(
        MediaMode.ROUTED, ArchiveMode.ALWAYS, "10.1.2.3", e2ee=True
    )
    created = _create(api, project, options)
    assert created.session_id == fakeapi.NEW_SESSION
    seen = api.seen[-1]
    assert seen["form"] == {"p2p.preference": "disabled", "archiveMode": "always",
                            "location": "10.1.2.3", "e2ee": "true"}  # fmt: skip
    assert list(seen["form"]) == ["p2p.preference", "archiveMode", "location", "e2ee"]
    assert seen["headers"]["Accept"] == "application/json"


def test_application_bearer_rs256(api, application) -> None:
    created = _create(api, application, SessionOptions(MediaMode.RELAYED))
    assert created.session_id == fakeapi.NEW_SESSION
    seen = api.seen[-1]
    assert seen["form"]["media_mode"] == "relayed" and seen["form"]["e2ee"] == "False"
    assert seen["claims"]["exp"] - seen["claims"]["iat"] == 900


def test_wrong_secret_is_refused_by_the_server(api) -> None:
    from opentok_studio.core import ProjectCredentials

    with pytest.raises(NetworkError, match="refused the credentials"):
        _create(api, ProjectCredentials(vectors.API_KEY, vectors.OTHER_SECRET))


@pytest.mark.parametrize(
    "scenario, message",
    [("403", "HTTP 403"), ("429", "too many requests"), ("500", "HTTP 500"),
     ("garbage", "not valid JSON"), ("empty", "no session_id")],
)  # fmt: skip
def test_errors_in_plain_words(api, project, scenario, message) -> None:
    api.scenario = scenario
    with pytest.raises(NetworkError, match=message):
        _create(api, project)


def test_legacy_xml_answer(api, project) -> None:
    api.scenario = "xml"
    assert _create(api, project).session_id == fakeapi.NEW_SESSION


def test_slow_server_times_out(api, project) -> None:
    api.delay = 1.0
    with pytest.raises(NetworkError, match="no answer within 0.3 s"):
        _create(api, project, timeout=0.3)


def test_nothing_listening(project) -> None:
    import socket
    import time

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    request = build_create_session(project, SessionOptions(), now=int(time.time()),
                                   base_url=f"http://127.0.0.1:{port}")  # fmt: skip
    with pytest.raises(NetworkError, match="cannot reach 127.0.0.1"):
        asyncio.run(send(request, timeout=2))


def test_sdk_rules_checked_before_sending(project) -> None:
    with pytest.raises(ValidationError, match="routed"):
        build_create_session(
            project, SessionOptions(archive_mode=ArchiveMode.ALWAYS), now=0
        )
    with pytest.raises(ValidationError, match="not an IPv4"):
        build_create_session(project, SessionOptions(location="here"), now=0)


def test_cli_session_create(api) -> None:
    out, err = io.StringIO(), io.StringIO()
    rc = main(["session", "create", "--media-mode", "routed", "--api-url", api.url],
              out, err, env=ENV)  # fmt: skip
    assert rc == 0, err.getvalue()
    assert out.getvalue().strip() == fakeapi.NEW_SESSION
    out = io.StringIO()
    rc = main(["session", "create", "--json"], out, io.StringIO(),
              env={**ENV, "OPENTOK_API_URL": api.url})  # fmt: skip
    assert rc == 0 and json.loads(out.getvalue())["session_id"] == fakeapi.NEW_SESSION


@pytest.mark.parametrize("scenario", ["403", "500", "garbage"])
def test_cli_refusals_exit_4(api, scenario) -> None:
    api.scenario = scenario
    out, err = io.StringIO(), io.StringIO()
    rc = main(["session", "create", "--api-url", api.url], out, err, env=ENV)
    assert rc == 4 and out.getvalue() == ""
    assert err.getvalue().startswith("error: ") and err.getvalue().count("\n") == 1
    assert vectors.API_SECRET not in err.getvalue()


def test_cli_bad_options_exit_2(api) -> None:
    out, err = io.StringIO(), io.StringIO()
    rc = main(["session", "create", "--archive-mode", "always", "--api-url", api.url],
              out, err, env=ENV)  # fmt: skip
    assert rc == 2 and "routed" in err.getvalue()
    assert api.seen == []  # nothing was sent


def test_profile_api_url(api) -> None:
    out, err = io.StringIO(), io.StringIO()
    rc = main(["profile", "add", "dev", "--api-key", vectors.API_KEY, "--secret-stdin",
               "--api-url", api.url + "/"], out, err, stdin=io.StringIO(vectors.API_SECRET + "\n"),
              env={})  # fmt: skip
    assert rc == 0, err.getvalue()
    out = io.StringIO()
    rc = main(["session", "create", "--profile", "dev"], out, io.StringIO(), env={})
    assert rc == 0 and out.getvalue().strip() == fakeapi.NEW_SESSION
