"""Profile changes that span the keyring and the profile file, all or nothing.

Each runs under the profile file's lock from its first check to its last write,
so two windows, or a window and a script, never lose each other's profiles nor
delete each other's secrets (#13: 27 of 800 concurrent adds were lost). A
failed step undoes the earlier ones: no secret is left without its profile.
Used by the CLI and the window alike.
"""

from __future__ import annotations

import contextlib

from opentok_studio.core.errors import StoreError
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


def remove_profile(store: ProfileFile, name: str) -> tuple[Profile, str | None]:
    """Remove a profile, then its secret.

    The file goes first: a crash in between leaves an unused secret, never a
    profile without its secret.

    Returns:
        The removed profile, and a warning when its secret could not be removed.

    Raises:
        StoreError: no such profile, or the file cannot be written.
    """
    with store.locked():
        profile = store.remove(name)
        if not profile.needs_keyring:
            return profile, None
        try:
            secrets.delete_secret(name)
        except StoreError as e:
            return profile, f"its keyring secret was not removed: {e}"
        return profile, None


def _forget(name: str) -> None:
    """Undo a secret we stored; the original error is the one to report."""
    with contextlib.suppress(StoreError):
        secrets.delete_secret(name)
