"""Saved profiles: the non-secret half, in a small JSON file written atomically.

Secrets never enter this file: they live in the OS keyring (store/secrets.py),
or the profile names where to read them (a secret reference, #17:
core/secretref.py).
A file that is corrupt, of the wrong types, written by a newer version, or that
another user could have written (#13: its api_url receives our credentials) is
refused, never overwritten. Every change is a read-modify-write under a lock
file beside it, so concurrent writers never lose each other's profiles.
"""

from __future__ import annotations

import json
import os
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import replace
from pathlib import Path

from opentok_studio.core.errors import ProfileExistsError, StoreError
from opentok_studio.store.atomic import write_file
from opentok_studio.store.lock import file_lock
from opentok_studio.store.profile import (
    Profile,
    as_dict,
    brief,
    profile_from_dict,
    validate_name,
)
from opentok_studio.store.reader import read_text

#: The newest file layout this version reads. 2 adds ``secret_ref``; a file
#: without one is still written as 1, so an older version keeps reading it, and
#: refuses (rather than misreads) one whose secrets live elsewhere.
FORMAT_VERSION = 2
_FORMAT_WITHOUT_REFS = 1
#: A profile is ~300 bytes: a thousand of them fit many times over.
MAX_FILE_BYTES = 1024 * 1024


class ProfileFile:
    """The profiles file at ``path``: read, and replace as a whole under its lock.

    Attributes:
        path: the JSON file.
        lock_path: the lock file beside it (``profiles.json.lock``).
    """

    def __init__(self, path: Path) -> None:
        self.path = path
        self.lock_path = path.with_name(path.name + ".lock")
        self._depth = 0

    @contextmanager
    def locked(self) -> Iterator[None]:
        """Hold the file's lock (re-entrant within this object).

        A change that spans the keyring and the file (store/transaction.py)
        holds it from its check to its last write.
        """
        if self._depth:
            self._depth += 1
            try:
                yield
            finally:
                self._depth -= 1
            return
        with file_lock(self.lock_path):
            self._depth = 1
            try:
                yield
            finally:
                self._depth = 0

    def load(self) -> list[Profile]:
        """Every profile, in file order.

        Raises:
            StoreError: unreadable, not a regular file, too large, not UTF-8,
                corrupt, of the wrong types, written by a newer version, or
                writable by another user.
        """
        if not os.path.lexists(self.path):
            return []
        text = read_text(
            self.path,
            what="profiles file",
            limit=MAX_FILE_BYTES,
            error=StoreError,
            check=self._check_private,
        )
        try:
            data = json.loads(text)
        except RecursionError:
            raise StoreError(
                f"profiles file {self.path} is damaged (nested too deeply); it was "
                "left as it is: fix it or move it away to start afresh"
            ) from None
        except ValueError as e:
            raise StoreError(
                f"profiles file {self.path} is damaged ({e}); it was left as it is: "
                "fix it or move it away to start afresh"
            ) from None
        if not isinstance(data, dict) or not isinstance(data.get("profiles"), list):
            raise StoreError(
                f"profiles file {self.path} is not a profile list; it was left as it is"
            )
        version = data.get("version")
        if (
            not isinstance(version, int)
            or isinstance(version, bool)
            or version > FORMAT_VERSION
        ):
            raise StoreError(
                f"profiles file {self.path} was written by a newer OpenTok Studio "
                f"(format {brief(version)}; this version reads {FORMAT_VERSION}); "
                "it was left as it is: update OpenTok Studio"
            )
        return [
            self._profile(number, item)
            for number, item in enumerate(data["profiles"], start=1)
        ]

    def save(self, profiles: list[Profile]) -> None:
        """Replace the file atomically (temp file, then rename), mode 0600."""
        with self.locked():
            self.load()  # refuse to overwrite what we cannot read
            refs = any(p.secret_ref for p in profiles)
            body = {
                "version": FORMAT_VERSION if refs else _FORMAT_WITHOUT_REFS,
                "profiles": [as_dict(p) for p in profiles],
            }
            text = json.dumps(body, indent=2, ensure_ascii=False) + "\n"
            try:
                self.path.parent.mkdir(parents=True, exist_ok=True)
                write_file(self.path, text, mode=0o600)
            except OSError as e:
                raise StoreError(
                    f"profiles file {self.path} cannot be written: {e.strerror}"
                ) from None

    def get(self, name: str) -> Profile:
        profiles = self.load()
        for profile in profiles:
            if profile.name == name:
                return profile
        names = ", ".join(p.name for p in profiles) or "none saved yet"
        raise StoreError(f"no profile named {name!r} (profiles: {names})")

    def check_free(self, name: str, profiles: list[Profile] | None = None) -> None:
        """Raises ProfileExistsError when ``name`` is taken (in ``profiles``, if
        given, else in the file)."""
        if any(p.name == name for p in (self.load() if profiles is None else profiles)):
            raise ProfileExistsError(name)

    def put(self, profile: Profile, *, replace_existing: bool = False) -> None:
        with self.locked():
            profiles = self.load()
            names = [p.name for p in profiles]
            if profile.name in names:
                if not replace_existing:
                    raise ProfileExistsError(profile.name)
                profiles[names.index(profile.name)] = profile
            else:
                profiles.append(profile)
            self.save(profiles)

    def remove(self, name: str) -> Profile:
        with self.locked():
            profile = self.get(name)
            self.save([p for p in self.load() if p.name != name])
            return profile

    def rename(self, old: str, new: str) -> Profile:
        validate_name(new)
        with self.locked():
            profiles = self.load()
            self.check_free(new, profiles)
            profile = self.get(old)
            renamed = replace(profile, name=new)
            self.save([renamed if p.name == old else p for p in profiles])
            return renamed

    def _check_private(self, status: os.stat_result) -> None:
        """Refuse a file another user wrote or could write: its api_url would
        receive our credentials (#13)."""
        if not hasattr(os, "geteuid"):  # Windows: ACLs, not mode bits
            return
        if status.st_uid != os.geteuid():
            raise StoreError(
                f"profiles file {self.path} belongs to another user (uid "
                f"{status.st_uid}), who could send your credentials elsewhere; it "
                f"was not used: check it, then chown $USER {self.path} && chmod 600 "
                f"{self.path}"
            )
        if status.st_mode & 0o022:
            raise StoreError(
                f"profiles file {self.path} can be changed by other users (mode "
                f"{status.st_mode & 0o777:o}), who could send your credentials "
                f"elsewhere; it was not used: check it, then chmod 600 {self.path}"
            )

    def _profile(self, number: int, item: object) -> Profile:
        try:
            return profile_from_dict(item)
        except StoreError as e:
            raise StoreError(
                f"profiles file {self.path}: entry {number} is not a profile ({e}); "
                "it was left as it is"
            ) from None
