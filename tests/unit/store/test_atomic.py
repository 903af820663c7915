"""write_file: whole or nothing, never a stray temp file, and never in place of
what is not a regular file."""

from __future__ import annotations

import os
import stat
import time
from pathlib import Path

import pytest

from opentok_studio.store.atomic import STALE_AFTER, write_file


def test_writes_and_sets_mode(tmp_path) -> None:
    target = tmp_path / "f.txt"
    write_file(target, "a\nb\n", mode=0o600)
    assert target.read_bytes() == b"a\nb\n"
    assert stat.S_IMODE(target.stat().st_mode) == 0o600


def test_failure_keeps_the_old_file_and_no_temp(tmp_path, monkeypatch) -> None:
    target = tmp_path / "f.txt"
    target.write_text("old")

    def broken(src, dst):  # type: ignore[no-untyped-def]
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "replace", broken)
    with pytest.raises(OSError, match="No space"):
        write_file(target, "new")
    assert target.read_text() == "old"
    assert [p.name for p in tmp_path.iterdir()] == ["f.txt"]


# -- what the writer does to what is already there (#13) -------------------------


def test_a_new_file_is_private(tmp_path) -> None:
    target = tmp_path / "tokens.txt"
    write_file(target, "t\n")
    assert stat.S_IMODE(target.stat().st_mode) == 0o600


@pytest.mark.skipif(os.geteuid() != 0, reason="giving a file away needs root")
def test_an_existing_file_keeps_its_mode_and_owner(tmp_path) -> None:
    target = tmp_path / "tokens.txt"
    target.write_text("old")
    target.chmod(0o640)
    os.chown(target, 4242, 4343)
    write_file(target, "new")
    status = target.stat()
    assert target.read_text() == "new"
    assert stat.S_IMODE(status.st_mode) == 0o640
    assert (status.st_uid, status.st_gid) == (4242, 4343)
    assert [p.name for p in tmp_path.iterdir()] == ["tokens.txt"]


def test_an_existing_file_keeps_its_mode(tmp_path) -> None:
    target = tmp_path / "tokens.txt"
    target.write_text("old")
    target.chmod(0o644)
    write_file(target, "new")
    assert stat.S_IMODE(target.stat().st_mode) == 0o644


def test_hard_links_all_see_the_new_text(tmp_path) -> None:
    target = tmp_path / "tokens.txt"
    target.write_text("old")
    other = tmp_path / "also.txt"
    os.link(target, other)
    write_file(target, "new\n")
    assert other.read_text() == "new\n"
    assert target.stat().st_nlink == 2
    assert os.path.samefile(target, other)


def test_a_symlink_is_followed_and_stays_a_link(tmp_path) -> None:
    real = tmp_path / "real.txt"
    real.write_text("old")
    link = tmp_path / "link.txt"
    link.symlink_to("real.txt")
    write_file(link, "new")
    assert link.is_symlink() and os.readlink(link) == "real.txt"
    assert real.read_text() == "new"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["link.txt", "real.txt"]


def test_a_fifo_is_written_to_not_replaced(tmp_path) -> None:
    fifo = tmp_path / "fifo"
    os.mkfifo(fifo)
    reader = os.open(fifo, os.O_RDONLY | os.O_NONBLOCK)  # a reader is waiting
    try:
        write_file(fifo, "tokens\n")
        assert os.read(reader, 100) == b"tokens\n"
    finally:
        os.close(reader)
    assert stat.S_ISFIFO(os.lstat(fifo).st_mode)
    assert [p.name for p in tmp_path.iterdir()] == ["fifo"]


def test_a_device_is_written_to_not_replaced(tmp_path) -> None:
    # A link to /dev/null: a regression replaces the link, never /dev/null.
    link = tmp_path / "null"
    link.symlink_to("/dev/null")
    write_file(link, "tokens\n")
    assert link.is_symlink() and stat.S_ISCHR(os.stat(link).st_mode)
    assert [p.name for p in tmp_path.iterdir()] == ["null"]


def test_an_open_descriptor_is_written_to_not_replaced(tmp_path) -> None:
    read_end, write_end = os.pipe()
    try:
        # /dev/stdout is such a link: /dev/stdout -> /proc/self/fd/1 -> a pipe.
        link = tmp_path / "out"
        link.symlink_to(f"/proc/self/fd/{write_end}")
        write_file(link, "via link\n")
        write_file(Path(f"/dev/fd/{write_end}"), "via /dev/fd\n")
        os.close(write_end)
        write_end = -1
        assert os.read(read_end, 100) == b"via link\nvia /dev/fd\n"
        assert link.is_symlink()
    finally:
        os.close(read_end)
        if write_end >= 0:
            os.close(write_end)


def test_stale_temp_files_of_ours_are_swept(tmp_path) -> None:
    target = tmp_path / "tokens.txt"
    old = tmp_path / ".tokens.txt.abcd1234.tmp"  # left by a SIGKILLed run
    fresh = tmp_path / ".tokens.txt.efgh5678.tmp"  # another run, still writing
    other = tmp_path / ".notes.txt.abcd1234.tmp"  # not for this name
    for path in (old, fresh, other):
        path.write_text("live tokens")
    long_ago = time.time() - STALE_AFTER - 60
    os.utime(old, (long_ago, long_ago))
    os.utime(other, (long_ago, long_ago))
    write_file(target, "new")
    names = sorted(p.name for p in tmp_path.iterdir())
    assert names == [other.name, fresh.name, "tokens.txt"]
