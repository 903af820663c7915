"""Profile changes that span the keyring and the profile file, all or nothing.

Each runs under the profile file's lock from its first check to its last write,
so two windows, or a window and a script, never lose each other's profiles nor
delete each other's secrets (#13: 27 of 800 concurrent adds were lost). A
failed step undoes the earlier ones: no secret is left without its profile.
Used by the CLI and the window alike.
"""

from __future__ import annotations

import contextlib

from opentok_studio.core.errors import SecretNotRemovedError, StoreError
from opentok_studio.store import secrets
from opentok_studio.store.profile import Profile, validate_name
from opentok_studio.store.profiles import ProfileFile


def add_profile(store: ProfileFile, profile: Profile, secret: str | None) -> None:
    """Save ``profile`` and, when given, its secret in the keyring.

    Raises:
        ProfileExistsError: the name is taken (nothing is touched).
        StoreError: the keyring or the file failed (the secret is removed again).
    """
    with store.locked():
        store.check_free(profile.name)
        # Under the lock and with the name free, any secret under this name is
        # an orphan of an older crash: replacing it, or deleting ours, harms no
        # profile.
        if secret is not None:
            secrets.set_secret(profile.name, secret)
        try:
            store.put(profile)
        except BaseException:
            if secret is not None:
                _forget(profile.name)
            raise


def rename_profile(store: ProfileFile, old: str, new: str) -> Profile:
    """Rename a profile and move its secret in the keyring.

    Raises:
        ProfileExistsError: the new name is taken (nothing is touched).
        StoreError: the new name is not allowed, the old one is missing
            (nothing is touched), the keyring or the file failed (the copy
            under the new name is removed again).
    """
    validate_name(new)
    with store.locked():
        store.check_free(new)
        profile = store.get(old)
        if profile.needs_keyring:
            secrets.set_secret(new, secrets.get_secret(old))
        try:
            renamed = store.rename(old, new)
        except BaseException:
            if profile.needs_keyring:
                _forget(new)
            raise
        if profile.needs_keyring:
            _forget(old)
        return renamed


def remove_profile(
    store: ProfileFile, name: str, *, keep_secret: bool = False
) -> tuple[Profile, str | None]:
    """Remove a profile and its keyring secret, both or neither.

    The secret is read (the keyring answers: not locked) and deleted first,
    then the profile; a failed file write puts the secret back. A keyring that
    cannot be reached refuses the removal: removing the profile alone would
    leave a secret nobody knows of (walk-through: "no orphaned secret").

    Args:
        store: the profile file.
        name: the profile to remove.
        keep_secret: remove the profile and leave its secret in the keyring
            (the user accepted it); the keyring is not touched.

    Returns:
        The removed profile, and a note when its secret was left in the keyring.

    Raises:
        SecretNotRemovedError: the keyring cannot be reached or unlocked;
            nothing was removed.
        StoreError: no such profile, or the file cannot be written (the
            secret is put back).
    """
    with store.locked():
        profile = store.get(name)
        if not profile.needs_keyring:
            return store.remove(name), None
        if keep_secret:
            return store.remove(name), (
                f"its secret was left in the OS keyring (service {secrets.SERVICE}, "
                f"entry profile:{name}); remove it there with your keyring's tool"
            )
        try:
            backup = secrets.find_secret(name)
            if backup is not None:
                secrets.delete_secret(name)
        except StoreError as e:
            raise SecretNotRemovedError(name, str(e)) from None
        try:
            removed = store.remove(name)
        except BaseException:
            if backup is not None:
                with contextlib.suppress(StoreError):
                    secrets.set_secret(name, backup)
            raise
        return removed, None


def _forget(name: str) -> None:
    """Undo a secret we stored; the original error is the one to report."""
    with contextlib.suppress(StoreError):
        secrets.delete_secret(name)
