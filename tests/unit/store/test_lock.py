"""store/lock.py: an exclusive lock between processes on a lock file."""

from __future__ import annotations

import os
import stat
import sys
import threading
from pathlib import Path

import pytest

from opentok_studio.core.errors import StoreError
from opentok_studio.store.lock import file_lock


def test_creates_a_private_lock_file(tmp_path: Path) -> None:
    path = tmp_path / "sub" / "profiles.json.lock"
    with file_lock(path):
        assert path.is_file()
    assert path.exists()  # stays: deleting it would split the lock in two
    if sys.platform != "win32":
        assert stat.S_IMODE(path.stat().st_mode) == 0o600


def test_a_second_holder_waits(tmp_path: Path) -> None:
    path = tmp_path / "x.lock"
    order: list[str] = []
    inside = threading.Event()

    def other() -> None:
        inside.wait()
        with file_lock(path):
            order.append("other")

    thread = threading.Thread(target=other)
    thread.start()
    with file_lock(path):
        inside.set()
        thread.join(0.2)  # still waiting for us
        order.append("first")
    thread.join(5)
    assert order == ["first", "other"]


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="needs a FIFO")
def test_refuses_what_is_not_a_regular_file(tmp_path: Path) -> None:
    path = tmp_path / "fifo.lock"
    os.mkfifo(path)
    with pytest.raises(StoreError, match="not a regular file"), file_lock(path):
        pass
