"""A hostile profiles.json, API base URLs and session create's numbers (#13).

Each is one `error:` line and the spec's exit code, never a traceback, and a
refused file or URL never receives a request.
"""

from __future__ import annotations

import json
import os
from collections.abc import Iterator
from pathlib import Path

import pytest

from opentok_studio.store.paths import profiles_file
from tests.helpers import fakeapi, vectors
from tests.helpers.cli import PROJECT_ENV, assert_one_error, run


@pytest.fixture
def api() -> Iterator[fakeapi.FakeApi]:
    with fakeapi.serve() as server:
        yield server


def write_profiles(content: str | bytes, mode: int = 0o600) -> Path:
    path = profiles_file()
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(content.encode() if isinstance(content, str) else content)
    path.chmod(mode)
    return path


def profile(**fields: object) -> str:
    item = {"name": "app", "kind": "application", "key_id": vectors.APP_ID,
            "private_key_path": str(vectors.PEM_PATH), **fields}  # fmt: skip
    return json.dumps({"version": 1, "profiles": [item]})


def add_project(name: str, *extra: str) -> tuple[int, str, str]:
    return run("profile", "add", name, "--api-key", vectors.API_KEY, "--secret-stdin",
               *extra, stdin=vectors.API_SECRET + "\n")  # fmt: skip


# -- damaged and wrongly typed files (finding 10) -------------------------------


@pytest.mark.parametrize(
    "content, words",
    [
        (b'{"version": 1, "profiles": [{"name": "\xff"}]}', ["not UTF-8 text"]),
        ("[" * 100_000, ["nested too deeply"]),
        ('{"profiles": ' + "[" * 200 + "]" * 200 + ', "version": 1}', ["entry 1"]),
        (profile(private_key_path=5), ["private_key_path must be text"]),
        (profile(name=5), ["name must be text"]),
        (profile(key_in_keyring="no"), ["key_in_keyring must be true or false"]),
        (profile(defaults=[1]), ["defaults must be an object"]),
        (profile(defaults={"expire_in": True}), ["expire_in"]),
        (profile(defaults={"role": 5}), ["role"]),
        (json.dumps({"version": True, "profiles": []}), ["newer"]),
        ("x" * (1024 * 1024 + 1), ["larger than 1,048,576 bytes"]),
    ],
    ids=["not-utf8", "nested", "nested-entry", "path-5", "name-5", "keyring-str",
         "defaults-list", "expire-bool", "role-5", "version-bool", "too-large"],
)  # fmt: skip
def test_bad_profile_files_are_exit_3_in_one_line(content: str | bytes,
                                                  words: list[str]) -> None:  # fmt: skip
    path = write_profiles(content)
    before = path.read_bytes()
    for argv in (["profile", "list"],
                 ["token", "--profile", "app", "--session-id", vectors.APP_SID]):  # fmt: skip
        assert_one_error(run(*argv), 3, "profiles file", *words)
    assert_one_error(add_project("new"), 3, *words)
    assert path.read_bytes() == before  # never overwritten


# -- files other users can write (finding 15) ----------------------------------


@pytest.mark.parametrize("mode", [0o666, 0o620, 0o602])
def test_a_profile_file_others_can_write_is_refused(mode: int, api) -> None:  # type: ignore[no-untyped-def]
    # A production profile whose api_url someone else could have pointed away.
    content = json.dumps({"version": 1, "profiles": [{
        "name": "prod", "kind": "application", "key_id": vectors.APP_ID,
        "private_key_path": str(vectors.PEM_PATH), "color": "red",
        "defaults": {"api_url": api.url}}]})  # fmt: skip
    path = write_profiles(content, mode)
    result = run("session", "create", "--profile", "prod")
    assert_one_error(result, 3, "can be changed by other users", f"chmod 600 {path}")
    assert api.seen == []  # no bearer token left the process
    path.chmod(0o600)
    rc, out, err = run("session", "create", "--profile", "prod")
    assert rc == 0, err
    assert len(api.seen) == 1


@pytest.mark.skipif(not hasattr(os, "geteuid") or os.geteuid() != 0,
                    reason="only root can give a file to another user")  # fmt: skip
def test_a_profile_file_of_another_user_is_refused() -> None:
    path = write_profiles(profile())
    os.chown(path, 4242, 4242)
    assert_one_error(run("profile", "list"), 3, "belongs to another user", "chmod 600")


def test_our_own_file_is_private() -> None:
    assert add_project("dev")[0] == 0
    assert profiles_file().stat().st_mode & 0o777 == 0o600
    assert run("profile", "list")[0] == 0


# -- API base URLs: https, or plain http to this computer only (finding 15) ------


EVIL = "http://evil.invalid"


def test_plain_http_api_url_is_refused_everywhere(api) -> None:  # type: ignore[no-untyped-def]
    assert_one_error(run("session", "create", "--api-url", EVIL, env=PROJECT_ENV),
                     2, "api_url", "plain http to evil.invalid", "https")  # fmt: skip
    assert_one_error(
        run("session", "create", env={**PROJECT_ENV, "OPENTOK_API_URL": EVIL}),
        2, "plain http to evil.invalid",
    )  # fmt: skip
    assert_one_error(add_project("dev", "--api-url", EVIL), 3, "plain http")
    write_profiles(profile(defaults={"api_url": EVIL}))
    assert_one_error(run("session", "create", "--profile", "app"), 3, "plain http")
    assert_one_error(run("session", "create", "--api-url", "ftp://x", env=PROJECT_ENV),
                     2, "not an http(s) URL")  # fmt: skip
    assert api.seen == []


@pytest.mark.parametrize(
    "url", ["https://api.example.com/", "http://localhost:9", "http://127.0.0.2:9",
            "http://[::1]:9", "HTTP://LOCALHOST:9"],
)  # fmt: skip
def test_https_and_loopback_urls_are_kept(url: str) -> None:
    rc, _, err = add_project("dev", "--api-url", url)
    assert rc == 0, err
    shown = json.loads(run("profile", "show", "dev", "--json")[1])
    assert shown["defaults"]["api_url"] == url.rstrip("/")


# -- session create: numbers that are not numbers ------------------------------


@pytest.mark.parametrize("timeout", ["nan", "inf", "-inf", "-1", "0"])
def test_session_create_timeout_must_be_a_positive_number(timeout: str, api) -> None:  # type: ignore[no-untyped-def]
    result = run("session", "create", f"--timeout={timeout}", "--api-url", api.url,
                 env=PROJECT_ENV)  # fmt: skip
    assert_one_error(result, 2, "timeout", "above 0")
    assert api.seen == []


def test_session_create_json_never_prints_nan(api) -> None:  # type: ignore[no-untyped-def]
    api.scenario = "nan"
    result = run("session", "create", "--json", "--api-url", api.url, env=PROJECT_ENV)
    # NaN is not JSON (RFC 8259): the answer is refused before anything prints
    assert_one_error(result, 4, "not valid JSON")
    rc, out, _ = run("session", "create", "--api-url", api.url, env=PROJECT_ENV)
    assert rc == 4 and out == ""
