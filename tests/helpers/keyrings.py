"""Keyring backends for tests: in memory, absent, locked, a plaintext impostor,
and a file shared by processes (concurrency tests)."""

from __future__ import annotations

import json
import os
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from keyring.backend import KeyringBackend
from keyring.errors import KeyringLocked, PasswordDeleteError


class MemoryKeyring(KeyringBackend):
    """Secrets in a dict, as the OS keyring would hold them."""

    priority = 1  # type: ignore[assignment]

    def __init__(self) -> None:
        super().__init__()
        self.store: dict[tuple[str, str], str] = {}

    def get_password(self, service: str, username: str) -> str | None:
        return self.store.get((service, username))

    def set_password(self, service: str, username: str, password: str) -> None:
        self.store[(service, username)] = password

    def delete_password(self, service: str, username: str) -> None:
        if self.store.pop((service, username), None) is None:
            raise PasswordDeleteError("not found")


class LockedKeyring(MemoryKeyring):
    """A keyring whose unlock prompt the user dismissed."""

    def get_password(self, service: str, username: str) -> str | None:
        raise KeyringLocked("Prompt dismissed")

    def set_password(self, service: str, username: str, password: str) -> None:
        raise KeyringLocked("Prompt dismissed")


class PlaintextKeyring(MemoryKeyring):
    """Looks like keyrings.alt's file backend: must be refused."""


PlaintextKeyring.__module__ = "keyrings.alt.file"


class FileKeyring(MemoryKeyring):
    """Secrets shared by processes: a JSON file named by OPENTOK_STUDIO_TEST_KEYRING.

    For concurrency tests only (PYTHON_KEYRING_BACKEND selects it in
    subprocesses); every change runs under its own flock, so the keyring itself
    never loses a write and what the test sees is the app's doing.
    """

    @property
    def path(self) -> Path:
        return Path(os.environ["OPENTOK_STUDIO_TEST_KEYRING"])

    @contextmanager
    def _locked(self) -> Iterator[dict[str, str]]:
        import fcntl

        with open(f"{self.path}.lock", "a") as lock:
            fcntl.flock(lock, fcntl.LOCK_EX)
            try:
                data = json.loads(self.path.read_text())
            except FileNotFoundError:
                data = {}
            before = dict(data)
            yield data
            if data != before:
                tmp = self.path.with_name(f"{self.path.name}.{os.getpid()}")
                tmp.write_text(json.dumps(data))
                os.replace(tmp, self.path)

    def get_password(self, service: str, username: str) -> str | None:
        with self._locked() as data:
            return data.get(f"{service}|{username}")

    def set_password(self, service: str, username: str, password: str) -> None:
        with self._locked() as data:
            data[f"{service}|{username}"] = password

    def delete_password(self, service: str, username: str) -> None:
        with self._locked() as data:
            if data.pop(f"{service}|{username}", None) is None:
                raise PasswordDeleteError("not found")
