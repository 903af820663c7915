"""write_file: whole or nothing, and never a stray temp file."""

from __future__ import annotations

import os
import stat

import pytest

from opentok_studio.store.atomic import write_file


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
