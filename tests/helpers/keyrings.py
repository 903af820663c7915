"""Keyring backends for tests: in memory, absent, locked, and a plaintext impostor."""

from __future__ import annotations

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
