"""The bounded reader: regular files only, never blocking, never past the limit (#13)."""

from __future__ import annotations

import io
import os
import socket
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from opentok_studio.core.errors import CredentialsError, StoreError, StudioError
from opentok_studio.store.reader import read_bytes, read_line, read_stream, read_text


def special(kind: str, folder: Path) -> Path:
    """A file that is not a regular one: each would hang or never end a plain read."""
    if kind in ("/dev/zero", "/dev/urandom", "/dev/null"):
        return Path(kind)
    path = folder / kind
    if kind == "fifo":
        if not path.exists():
            os.mkfifo(path)
    elif kind == "folder":
        path.mkdir(exist_ok=True)
    elif kind == "socket" and not path.exists():
        with socket.socket(socket.AF_UNIX) as s:
            s.bind(str(path))
    return path


KINDS = ["/dev/zero", "/dev/urandom", "/dev/null", "fifo", "folder", "socket"]


@settings(max_examples=40, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    kind=st.sampled_from(KINDS),
    via_symlink=st.booleans(),
    error=st.sampled_from([CredentialsError, StoreError]),
)
def test_special_files_are_refused_without_reading(
    tmp_path: Path, kind: str, via_symlink: bool, error: type[StudioError]
) -> None:
    target = special(kind, tmp_path)
    path = target
    if via_symlink:
        path = tmp_path / f"link-{kind.strip('/').replace('/', '-')}"
        if not path.is_symlink():
            path.symlink_to(target)
    # A FIFO with no writer would block open(); /dev/zero would never end.
    with pytest.raises(error, match=r"not a regular file|is a folder") as caught:
        read_bytes(path, what="private key file", limit=64 * 1024, error=error)
    assert str(path) in str(caught.value)


def test_limit_is_exact(tmp_path: Path) -> None:
    path = tmp_path / "f"
    path.write_bytes(b"x" * 100)
    assert read_bytes(path, what="f", limit=100, error=StoreError) == b"x" * 100
    with pytest.raises(StoreError, match="larger than 99 bytes"):
        read_bytes(path, what="f", limit=99, error=StoreError)


def test_a_file_larger_than_its_size_says_is_still_bounded(tmp_path: Path) -> None:
    # /proc files report size 0 and are regular: the read stops at limit + 1.
    status = Path("/proc/self/status")
    if not status.is_file():
        pytest.skip("no procfs")
    with pytest.raises(StoreError, match="larger than 10 bytes"):
        read_bytes(status, what="f", limit=10, error=StoreError)


def test_missing_and_utf8(tmp_path: Path) -> None:
    with pytest.raises(StoreError, match="does not exist"):
        read_text(tmp_path / "nope", what="f", limit=10, error=StoreError)
    bad = tmp_path / "bad"
    bad.write_bytes(b"ok\xff\xfe")
    with pytest.raises(StoreError, match=r"not UTF-8 text \(byte 3"):
        read_text(bad, what="f", limit=10, error=StoreError)
    good = tmp_path / "good"
    good.write_text("é\n", encoding="utf-8")
    assert read_text(good, what="f", limit=10, error=StoreError) == "é\n"


class Endless(io.RawIOBase):
    """stdin that never ends: counts what was taken from it."""

    def __init__(self, byte: bytes = b"\0") -> None:
        self.byte = byte
        self.taken = 0

    def readable(self) -> bool:
        return True

    def readinto(self, buffer) -> int:  # type: ignore[no-untyped-def]
        if self.taken > 64 * 1024 * 1024:
            raise AssertionError("unbounded read")
        buffer[:] = self.byte * len(buffer)
        self.taken += len(buffer)
        return len(buffer)


def test_stream_reads_are_bounded() -> None:
    raw = Endless(b"a")
    stream = io.TextIOWrapper(io.BufferedReader(raw), encoding="utf-8")
    with pytest.raises(StoreError, match="more than 1,000 characters"):
        read_stream(stream, what="stdin", limit_chars=1000, error=StoreError)
    assert raw.taken < 64 * 1024
    line = io.TextIOWrapper(io.BufferedReader(Endless(b"b")), encoding="utf-8")
    with pytest.raises(StoreError, match="longer than 10 characters"):
        read_line(line, what="secret", limit_chars=10, error=StoreError)


@pytest.mark.parametrize("errors", ["strict", "surrogateescape"])
def test_stream_not_utf8(errors: str) -> None:
    stream = io.TextIOWrapper(
        io.BytesIO(b"eyJ\xff\xfe"), encoding="utf-8", errors=errors
    )
    with pytest.raises(StoreError, match="stdin is not UTF-8 text"):
        read_stream(stream, what="stdin", limit_chars=100, error=StoreError)
    plain = io.StringIO("eyJ\udcff")  # what surrogateescape makes of a bad byte
    with pytest.raises(StoreError, match="not UTF-8"):
        read_stream(plain, what="stdin", limit_chars=100, error=StoreError)


def test_stream_within_limit() -> None:
    text = "é" * 10
    stream = io.TextIOWrapper(io.BytesIO(text.encode()), encoding="utf-8")
    assert read_stream(stream, what="stdin", limit_chars=10, error=StoreError) == text
    assert read_line(io.StringIO("s3cret\r\nmore"), what="s", limit_chars=6,
                     error=StoreError) == "s3cret"  # fmt: skip
