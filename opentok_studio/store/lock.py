"""An exclusive lock between processes on a lock file (profiles.json.lock).

Two windows, or a window and a script, change the profile file at the same
time: each read-modify-write runs under this lock so none is lost (#13). The
lock file stays in place: deleting it would let two processes hold locks on
two different files.
"""

from __future__ import annotations

import errno
import os
import stat
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from opentok_studio.core.errors import StoreError


@contextmanager
def file_lock(path: Path) -> Iterator[None]:
    """Hold an exclusive lock on ``path`` (created, mode 0600, when missing).

    Blocks until the lock is free. Not re-entrant: a second lock on the same
    file from the same process waits for ever (ProfileFile counts its depth).

    Raises:
        StoreError: the lock file cannot be created, opened or locked.
    """
    flags = (
        os.O_RDWR
        | os.O_CREAT
        | getattr(os, "O_NOFOLLOW", 0)
        | getattr(os, "O_NONBLOCK", 0)
        | getattr(os, "O_CLOEXEC", 0)
    )
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd = os.open(path, flags, 0o600)
    except OSError as e:
        raise StoreError(f"lock file {path} cannot be opened: {e.strerror}") from None
    try:
        if not stat.S_ISREG(os.fstat(fd).st_mode):
            raise StoreError(f"lock file {path} is not a regular file; remove it")
        _acquire(fd, path)
        yield
    finally:
        os.close(fd)  # closing releases the lock


def _acquire(fd: int, path: Path) -> None:
    try:
        if sys.platform == "win32":
            import msvcrt

            while True:  # LK_LOCK gives up after 10 s: keep waiting
                try:
                    msvcrt.locking(fd, msvcrt.LK_LOCK, 1)
                    return
                except OSError as e:
                    if e.errno != errno.EDEADLOCK:  # still held by someone else
                        raise
        else:
            import fcntl

            fcntl.flock(fd, fcntl.LOCK_EX)
    except OSError as e:
        raise StoreError(f"lock file {path} cannot be locked: {e.strerror}") from None
