"""The one writer for every file we write: whole or nothing, and never in place
of something that is not a regular file (#13).

What ``write_file`` does with the path it is given:

* a new file: created through a temp file in the same folder and a rename,
  mode 0600 (tokens are credentials) unless ``mode`` says otherwise;
* an existing regular file: replaced the same way, keeping its mode and, when
  the OS allows it, its owner and group; a symlink is followed and its target
  replaced (the link stays a link);
* an existing regular file with other hard links, or one we cannot give back
  its owner: written in place (overwritten, then cut to length, with SIGINT,
  SIGTERM and SIGHUP held until it is done), so every link keeps seeing it.
  This is the one case that is not all-or-nothing: a full disk mid-write
  leaves it short;
* anything else (a device such as /dev/null, a FIFO, a terminal, /dev/stdout or
  /dev/fd/N): opened and written, never replaced.

The text is built before the writer is called, so a temp file lives only while
the finished text is written. SIGINT, SIGTERM and SIGHUP remove it (the CLI turns
them into exceptions); after SIGKILL, the next write to the same name sweeps our
temp files that nobody has written to for ``STALE_AFTER`` seconds.
"""

from __future__ import annotations

import os
import re
import signal
import stat
import tempfile
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

#: A temp file of ours untouched this long belongs to a killed run.
STALE_AFTER = 10 * 60
#: Signals held back while a file is overwritten in place.
_DEFERRED = ("SIGINT", "SIGTERM", "SIGHUP")
#: Paths that name an open file descriptor: written to, never replaced.
_FD_ALIAS = re.compile(r"^/(dev/(stdin|stdout|stderr|fd/)|proc/[^/]+/fd/)")


def write_file(path: Path, text: str, *, mode: int | None = None) -> None:
    """Write ``text`` (UTF-8, newlines as given) to ``path`` (see the module doc).

    Args:
        path: where to write.
        text: the whole content.
        mode: the file's permission bits; by default a new file is 0600 and an
            existing one keeps its own.

    Raises:
        OSError: the folder or the file cannot be written; no temp file is
            left behind, and a replaced file keeps what it had.
    """
    data = text.encode("utf-8")
    try:
        status: os.stat_result | None = os.stat(path)  # the kernel follows links
    except FileNotFoundError:
        status = None
    target = Path(os.path.realpath(path))
    direct = _passes_fd_alias(path)
    if status is not None and not direct:
        try:
            # realpath of a magic link (/proc/PID/fd/N) is no path to that file
            direct = not os.path.samestat(status, os.stat(target))
        except OSError:
            direct = True
    if direct or (status is not None and not stat.S_ISREG(status.st_mode)):
        _write_stream(path, data, append=direct)
    elif status is not None and not _can_replace(status):
        _write_in_place(target, data, mode)
    else:
        try:
            _replace(target, data, status, mode)
        except PermissionError:
            if status is None:
                raise
            # A file we may write in a folder we may not: as `>` would.
            _write_in_place(target, data, mode)


def _passes_fd_alias(path: Path) -> bool:
    """Whether a chain of symlinks from ``path`` passes an open descriptor's name.

    /dev/stdout -> /proc/self/fd/1 -> a file or a pipe: renaming over where it
    ends would replace what the shell opened for us.
    """
    current = os.path.abspath(path)
    for _ in range(40):  # the kernel's own limit on links in a chain
        if _FD_ALIAS.match(Path(current).as_posix()):
            return True
        try:
            link = os.readlink(current)
        except OSError:  # not a link, or missing: the end of the chain
            return False
        current = os.path.join(os.path.dirname(current), link)
    return False


def _can_replace(status: os.stat_result) -> bool:
    """A rename keeps every name of the file and can give back its owner."""
    if status.st_nlink > 1:
        return False
    if not hasattr(os, "geteuid"):
        return True
    if os.geteuid() == 0:
        return True
    groups = {os.getegid(), *os.getgroups()}
    return status.st_uid == os.geteuid() and status.st_gid in groups


def _replace(
    target: Path, data: bytes, status: os.stat_result | None, mode: int | None
) -> None:
    _sweep_stale(target)
    fd, tmp = tempfile.mkstemp(
        prefix=f".{target.name}.", suffix=".tmp", dir=target.parent
    )
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
            fh.flush()
            os.fsync(fh.fileno())
        if mode is not None:
            os.chmod(tmp, mode)
        elif status is not None:
            os.chmod(tmp, stat.S_IMODE(status.st_mode) & 0o777)
        keep_owner = status is not None and hasattr(os, "chown")
        if keep_owner and status and (status.st_uid, status.st_gid) != _owner(tmp):
            os.chown(tmp, status.st_uid, status.st_gid)
        os.replace(tmp, target)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def _owner(path: str) -> tuple[int, int]:
    status = os.stat(path)
    return status.st_uid, status.st_gid


def _write_in_place(target: Path, data: bytes, mode: int | None) -> None:
    """Overwrite, then cut to length; SIGINT/SIGTERM/SIGHUP wait until it is done,
    so only a full disk can leave the file short."""
    flags = os.O_WRONLY | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_BINARY", 0)
    fd = os.open(target, flags)
    try:
        with _signals_deferred():
            view = memoryview(data)
            while view:
                view = view[os.write(fd, view) :]
            os.ftruncate(fd, len(data))
            os.fsync(fd)
    finally:
        os.close(fd)
    if mode is not None:
        os.chmod(target, mode)


@contextmanager
def _signals_deferred() -> Iterator[None]:
    """Hold SIGINT, SIGTERM and SIGHUP until the block ends, then deliver them.

    Python runs signal handlers only in the main thread; elsewhere this does
    nothing.
    """
    if threading.current_thread() is not threading.main_thread():
        yield
        return
    caught: list[int] = []
    wanted = [getattr(signal, n) for n in _DEFERRED if hasattr(signal, n)]
    previous = {s: signal.signal(s, lambda n, _f: caught.append(n)) for s in wanted}
    try:
        yield
    finally:
        for s, handler in previous.items():
            signal.signal(s, signal.SIG_DFL if handler is None else handler)
        for s in caught:
            signal.raise_signal(s)


def _write_stream(path: Path, data: bytes, *, append: bool) -> None:
    """A device, a FIFO or an fd alias: write to it; it stays what it was.

    An fd alias is opened for appending, so `--output /dev/stdout >> log` adds to
    the log instead of overwriting it from the start.
    """
    flags = os.O_WRONLY | getattr(os, "O_NOCTTY", 0) | getattr(os, "O_BINARY", 0)
    if append:
        flags |= os.O_APPEND
    fd = os.open(path, flags)
    with os.fdopen(fd, "wb") as fh:
        fh.write(data)


def _sweep_stale(target: Path) -> None:
    """Remove our temp files for ``target`` that a killed run left behind."""
    pattern = re.compile(rf"\.{re.escape(target.name)}\.[A-Za-z0-9_]{{8}}\.tmp")
    cutoff = time.time() - STALE_AFTER
    uid = os.geteuid() if hasattr(os, "geteuid") else None
    try:
        entries = list(os.scandir(target.parent))
    except OSError:
        return
    for entry in entries:
        if not pattern.fullmatch(entry.name):
            continue
        try:
            status = entry.stat(follow_symlinks=False)
            if (
                stat.S_ISREG(status.st_mode)
                and status.st_mtime < cutoff
                and (uid is None or status.st_uid == uid)
            ):
                os.unlink(entry.path)
        except OSError:
            continue
