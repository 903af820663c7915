"""The OS keyring (Secret Service, Keychain, Credential Manager): the only place
a secret is ever stored. keyring's errors become StoreError with a way out."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from opentok_studio.core.errors import StoreError

SERVICE = "opentok-studio"
# keyrings.alt and friends write secrets to files: refused, never a fallback.
_PLAINTEXT_MODULES = ("keyrings.alt",)
_PLAINTEXT_NAMES = ("PlaintextKeyring", "EncryptedKeyring", "Windows.RegistryKeyring")


def _username(profile: str) -> str:
    return f"profile:{profile}"


def _backend() -> Any:
    """The keyring backend, refusing none and plaintext ones."""
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
        where = type(b).__module__
        if where.startswith(_PLAINTEXT_MODULES) or type(b).__name__ in _PLAINTEXT_NAMES:
            raise StoreError(
                f"the keyring backend {where}.{type(b).__name__} keeps secrets in a "
                "file on disk; OpenTok Studio refuses it. Remove keyrings.alt or set "
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


def set_secret(profile: str, secret: str) -> None:
    """Store ``secret`` for ``profile`` (replacing any earlier one)."""
    backend = _backend()
    with _translated("stored"):
        backend.set_password(SERVICE, _username(profile), secret)


def get_secret(profile: str) -> str:
    """The secret of ``profile``.

    Raises:
        StoreError: no keyring, locked, or the secret is gone.
    """
    backend = _backend()
    with _translated("read"):
        secret = backend.get_password(SERVICE, _username(profile))
    if secret is None:
        raise StoreError(
            f"the secret of profile {profile!r} is missing from the keyring (deleted "
            f"outside OpenTok Studio?); add it again: opentok-studio profile add {profile}"
        )
    return str(secret)


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
