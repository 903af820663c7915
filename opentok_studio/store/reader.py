"""Read a file or a stream with a size bound: the only way we read input (#13).

Every file we read (key files, the profile file, --csv rows) goes through
``read_text`` (or, for a HAR or log too large to hold, ``iter_text_chunks``): it opens without blocking (a FIFO with no writer would hang
``open`` for ever), refuses anything that is not a regular file (devices such as
/dev/zero report size 0 and never end), reads at most ``limit + 1`` bytes, and
decodes strict UTF-8. Streams (stdin) go through ``read_stream``/``read_line``.
The caller names the file and picks the error class, so a key file is a
credentials problem (exit 3) and a CSV file bad input (exit 2).
"""

from __future__ import annotations

import codecs
import os
import stat
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import IO

from opentok_studio.core.errors import StudioError

#: Builds the caller's error from a message (e.g. CredentialsError).
ErrorFactory = Callable[[str], StudioError]
#: Checks the opened file's status (e.g. its owner) before it is read.
StatCheck = Callable[[os.stat_result], None]

_OPEN_FLAGS = (
    os.O_RDONLY
    | getattr(os, "O_NONBLOCK", 0)  # a FIFO opens at once instead of waiting
    | getattr(os, "O_NOCTTY", 0)  # a terminal never becomes ours
    | getattr(os, "O_CLOEXEC", 0)
    | getattr(os, "O_BINARY", 0)  # Windows: no newline translation
)


def kind_of(mode: int) -> str:
    """What a non-regular file is, in words."""
    if stat.S_ISDIR(mode):
        return "a folder"
    if stat.S_ISFIFO(mode):
        return "a named pipe (FIFO)"
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        return "a device"
    if stat.S_ISSOCK(mode):
        return "a socket"
    return "not a regular file"


def read_bytes(
    path: Path,
    *,
    what: str,
    limit: int,
    error: ErrorFactory,
    check: StatCheck | None = None,
) -> bytes:
    """At most ``limit`` bytes of the regular file at ``path`` (symlinks followed).

    Args:
        path: the file.
        what: how messages name it, e.g. "private key file".
        limit: the largest size accepted, in bytes.
        error: makes the exception to raise from a message.
        check: called with the open file's status before reading; may raise.

    Raises:
        StudioError: (from ``error``) missing, unreadable, not a regular file
            or larger than ``limit``. Messages name the file, never its content.
    """
    fd, status = _open_regular(path, what, error)
    try:
        if check is not None:
            check(status)
        too_large = error(
            f"{what} {path} is larger than {limit:,} bytes; it cannot be what "
            "OpenTok Studio expects"
        )
        if status.st_size > limit:
            raise too_large
        chunks: list[bytes] = []
        size = 0
        while size <= limit:  # st_size may lie (procfs, a file still growing)
            chunk = os.read(fd, limit + 1 - size)
            if not chunk:
                break
            chunks.append(chunk)
            size += len(chunk)
        if size > limit:
            raise too_large
        return b"".join(chunks)
    except OSError as e:
        raise error(f"{what} {path} cannot be read: {e.strerror}") from None
    finally:
        os.close(fd)


def _open_regular(
    path: Path, what: str, error: ErrorFactory
) -> tuple[int, os.stat_result]:
    """Open without blocking (a FIFO would wait for a writer for ever) and
    keep only a regular file: the descriptor and its status."""
    try:
        fd = os.open(path, _OPEN_FLAGS)
    except FileNotFoundError:
        raise error(f"{what} {path} does not exist") from None
    except IsADirectoryError:
        raise error(f"{what} {path} is a folder, not a file") from None
    except OSError as e:
        raise error(_open_failed(path, what, e)) from None
    try:
        status = os.fstat(fd)
    except OSError as e:
        os.close(fd)
        raise error(f"{what} {path} cannot be read: {e.strerror}") from None
    if not stat.S_ISREG(status.st_mode):
        os.close(fd)
        raise error(f"{what} {path} is {kind_of(status.st_mode)}, not a regular file")
    return fd, status


def _open_failed(path: Path, what: str, e: OSError) -> str:
    """Why ``open`` failed: a socket says ENXIO, which names no file kind."""
    try:
        mode = os.stat(path).st_mode
    except OSError:
        mode = stat.S_IFREG
    if not stat.S_ISREG(mode):
        return f"{what} {path} is {kind_of(mode)}, not a regular file"
    return f"{what} {path} cannot be read: {e.strerror}"


def read_text(
    path: Path,
    *,
    what: str,
    limit: int,
    error: ErrorFactory,
    check: StatCheck | None = None,
) -> str:
    """``read_bytes``, decoded as strict UTF-8 (a leading BOM is kept).

    Raises:
        StudioError: as ``read_bytes``, or the bytes are not UTF-8 text.
    """
    data = read_bytes(path, what=what, limit=limit, error=error, check=check)
    return decode_utf8(data, f"{what} {path}", error)


def decode_utf8(data: bytes, name: str, error: ErrorFactory) -> str:
    """``data`` as UTF-8, or an error naming ``name`` and the first bad byte."""
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as e:
        raise error(
            f"{name} is not UTF-8 text (byte {e.start + 1} is not valid UTF-8)"
        ) from None


def read_stream(
    stream: IO[str],
    *,
    what: str,
    limit_chars: int,
    error: ErrorFactory,
    too_large_hint: str = "",
) -> str:
    """At most ``limit_chars`` characters of ``stream`` as strict UTF-8.

    A binary buffer under the text stream (real stdin) is read directly, at most
    4 bytes per character, so neither the locale's encoding nor its
    surrogateescape error handler decides what valid text is.

    Args:
        too_large_hint: what to do instead, added to the too-large message.

    Raises:
        StudioError: (from ``error``) more than ``limit_chars`` characters, or
            not UTF-8 text.
    """
    too_large = error(
        f"{what} holds more than {limit_chars:,} characters{too_large_hint}"
    )
    buffer = getattr(stream, "buffer", None)
    if buffer is not None:
        data = buffer.read(4 * limit_chars + 1)
        if len(data) > 4 * limit_chars:
            raise too_large
        text = decode_utf8(data, what, error)
    else:
        try:
            text = stream.read(limit_chars + 1)
        except UnicodeDecodeError:
            raise error(f"{what} is not UTF-8 text") from None
        _check_no_surrogates(text, what, error)
    if len(text) > limit_chars:
        raise too_large
    return text


def read_line(
    stream: IO[str], *, what: str, limit_chars: int, error: ErrorFactory
) -> str:
    """One line of ``stream`` (without its line break), at most ``limit_chars``.

    Raises:
        StudioError: (from ``error``) a longer line, or not UTF-8 text.
    """
    try:
        line = stream.readline(limit_chars + 2)  # the text, then \r\n
    except UnicodeDecodeError:
        raise error(f"{what} is not UTF-8 text") from None
    _check_no_surrogates(line, what, error)
    text = line.rstrip("\r\n")
    if len(text) > limit_chars:
        raise error(f"{what} is longer than {limit_chars:,} characters")
    return text


def _check_no_surrogates(text: str, what: str, error: ErrorFactory) -> None:
    # surrogateescape (stdin in the C locale) smuggles undecodable bytes in as
    # lone surrogates: they are not text either.
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        raise error(f"{what} is not UTF-8 text") from None


#: Bytes per chunk of a streamed read: big enough that Python's per-chunk
#: work vanishes, small enough that memory stays flat.
CHUNK_BYTES = 1024 * 1024
#: Called after each chunk with the bytes read so far and the file's size.
Progress = Callable[[int, int], None]


def iter_text_chunks(
    path: Path,
    *,
    what: str,
    limit: int,
    error: ErrorFactory,
    chunk_bytes: int = CHUNK_BYTES,
    progress: Progress | None = None,
) -> Iterator[str]:
    """The regular file at ``path`` as strict UTF-8 text, chunk by chunk.

    ``read_text`` for files too large to hold at once (a HAR, a log: #16):
    the same checks (regular file, at most ``limit`` bytes, strict UTF-8),
    with memory bounded by ``chunk_bytes``. Checks run on the first ``next``.

    Raises:
        StudioError: (from ``error``) as ``read_bytes``, or not UTF-8 text,
            naming the first bad byte.
    """
    fd, status = _open_regular(path, what, error)
    try:
        too_large = f"{what} {path} is larger than {limit:,} bytes; it is not scanned"
        if status.st_size > limit:
            raise error(too_large)

        def read(size: int) -> bytes:
            try:
                return os.read(fd, size)
            except OSError as e:
                raise error(f"{what} {path} cannot be read: {e.strerror}") from None

        yield from _decoded(
            read, f"{what} {path}", limit, too_large, error, chunk_bytes,
            lambda done: progress(done, status.st_size) if progress else None,
        )  # fmt: skip
    finally:
        os.close(fd)


def iter_stream_chunks(
    stream: IO[str],
    *,
    what: str,
    limit: int,
    error: ErrorFactory,
    chunk_bytes: int = CHUNK_BYTES,
) -> Iterator[str]:
    """``stream`` (stdin) as strict UTF-8 text in chunks, at most ``limit``
    bytes; the binary buffer under a text stream is read directly.

    Raises:
        StudioError: (from ``error``) more than ``limit`` bytes, or not UTF-8.
    """
    too_large = f"{what} holds more than {limit:,} bytes; it is not scanned"
    buffer = getattr(stream, "buffer", None)
    if buffer is not None:
        yield from _decoded(buffer.read, what, limit, too_large, error, chunk_bytes)
        return
    size = 0
    while True:
        try:
            text = stream.read(chunk_bytes)
        except UnicodeDecodeError:
            raise error(f"{what} is not UTF-8 text") from None
        if not text:
            return
        _check_no_surrogates(text, what, error)
        size += len(text)
        if size > limit:
            raise error(too_large)
        yield text


def _decoded(
    read: Callable[[int], bytes],
    name: str,
    limit: int,
    too_large: str,
    error: ErrorFactory,
    chunk_bytes: int,
    progress: Callable[[int], None] | None = None,
) -> Iterator[str]:
    decoder = codecs.getincrementaldecoder("utf-8")("strict")
    done = 0
    while True:
        data = read(chunk_bytes)
        try:
            text = decoder.decode(data, final=not data)
        except UnicodeDecodeError as e:
            raise error(
                f"{name} is not UTF-8 text (byte {done + e.start + 1:,} is not "
                "valid UTF-8): give a HAR file or a text log"
            ) from None
        done += len(data)
        if done > limit:  # st_size may lie (procfs, a file still growing)
            raise error(too_large)
        if progress is not None:
            progress(done)
        if text:
            yield text
        if not data:
            return
