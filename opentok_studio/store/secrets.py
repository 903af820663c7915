"""The OS keyring (Secret Service, Keychain, Credential Manager): the only place
a secret is ever stored. keyring's errors become StoreError with a way out."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from opentok_studio.core.errors import StoreError

SERVICE = "opentok-studio"
#: The OS keyrings we trust (module, class). Anything else, keyrings.alt's files,
#: keyrings.cryptfile or the null backend, is refused: an allow-list, not a deny-list.
OS_BACKENDS = frozenset(
    {
        ("keyring.backends.SecretService", "Keyring"),
        ("keyring.backends.libsecret", "Keyring"),
        ("keyring.backends.kwallet", "DBusKeyring"),
        ("keyring.backends.kwallet", "DBusKeyringKWallet4"),
        ("keyring.backends.macOS", "Keyring"),
        ("keyring.backends.Windows", "WinVaultKeyring"),
    }
)


def _username(profile: str) -> str:
    return f"profile:{profile}"


def _backend() -> Any:
    """The OS keyring backend; refuses none, and every backend not on the list."""
    import keyring  # the keyring import costs ~150 ms: only when needed
    from keyring.backends import chainer, fail

    backend = keyring.get_keyring()
    parts = (
        backend.backends if isinstance(backend, chainer.ChainerBackend) else [backend]
    )
    if not parts or all(isinstance(b, fail.Keyring) for b in parts):
        raise StoreError(
            "no OS keyring is available (on Linux: a Secret Service such as "
            "gnome-keyring or KWallet, running and unlocked); use credentials for "
            "this run only, or start a keyring"
        )
    for b in parts:
        name = (type(b).__module__, type(b).__qualname__)
        if name not in OS_BACKENDS:
            where = ".".join(name)
            why = (
                "keeps secrets in a file on disk"
                if name[0].startswith("keyrings.alt")
                else "is not an OS keyring"
            )
            raise StoreError(
                f"the keyring backend {where} {why}; OpenTok Studio refuses it. "
                "Remove it (e.g. uninstall keyrings.alt) or set "
                "PYTHON_KEYRING_BACKEND to the OS keyring"
            )
    return backend


@contextmanager
def _translated(what: str) -> Iterator[None]:
    """keyring's errors as StoreError; ``what`` says what was being done."""
    from keyring.errors import InitError, KeyringError, KeyringLocked, NoKeyringError

    try:
        yield
    except KeyringLocked:
        raise StoreError(
            f"the keyring is locked and was not unlocked, so the secret could not "
            f"be {what}; unlock it (or accept the prompt) and try again"
        ) from None
    except (NoKeyringError, InitError) as e:
        raise StoreError(f"the keyring is not available ({type(e).__name__})") from None
    except KeyringError as e:
        # Backends' messages name the failure, never the secret.
        raise StoreError(f"the keyring refused: {e}") from None
    except (OSError, RuntimeError) as e:  # D-Bus and OS failures under the backend
        raise StoreError(f"the keyring failed: {type(e).__name__}") from None


def set_secret(profile: str, secret: str) -> None:
    """Store ``secret`` for ``profile`` (replacing any earlier one)."""
    backend = _backend()
    with _translated("stored"):
        backend.set_password(SERVICE, _username(profile), secret)


def find_secret(profile: str) -> str | None:
    """The secret of ``profile``, or None when the keyring holds none.

    Raises:
        StoreError: no keyring, or it is locked.
    """
    backend = _backend()
    with _translated("read"):
        secret = backend.get_password(SERVICE, _username(profile))
    return None if secret is None else str(secret)


def get_secret(profile: str) -> str:
    """The secret of ``profile``.

    Raises:
        StoreError: no keyring, locked, or the secret is gone.
    """
    secret = find_secret(profile)
    if secret is None:
        raise StoreError(
            f"the secret of profile {profile!r} is missing from the keyring (deleted "
            f"outside OpenTok Studio?); remove the profile and add it again: "
            f"opentok-studio profile remove {profile}, then opentok-studio profile "
            f"add {profile} ..."
        )
    return secret


def delete_secret(profile: str) -> bool:
    """Remove the secret; False when there was none."""
    from keyring.errors import PasswordDeleteError

    backend = _backend()
    with _translated("deleted"):
        try:
            backend.delete_password(SERVICE, _username(profile))
        except PasswordDeleteError:
            return False
    return True
