"""The Scan tab's worker: text or a file read in chunks, progress, Cancel
between chunks, and the result or the error handed over, never raised."""

from __future__ import annotations

import threading
from pathlib import Path

import pytest

from opentok_studio.core.scan import ScanResult
from opentok_studio.gui import scanjob
from opentok_studio.gui.scanjob import Relay, ScanJob
from tests.helpers import har


def _run(source: Path | str, cancel: threading.Event | None = None):  # type: ignore[no-untyped-def]
    relay = Relay()
    progress: list[tuple[int, int]] = []
    finished: list[object] = []
    relay.progress.connect(lambda done, total: progress.append((done, total)))
    relay.finished.connect(finished.append)
    ScanJob(relay, source, None, cancel or threading.Event()).run()  # this thread
    assert len(finished) == 1
    return progress, finished[0]


def test_pasted_text_is_read_in_chunks_with_progress(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(scanjob, "CHUNK_BYTES", 64)
    text, expected = har.console_log()
    progress, result = _run(text)
    assert isinstance(result, ScanResult)
    assert {t.token for t in result.tokens} == set(expected)
    assert progress[-1] == (len(text), len(text))
    assert len(progress) == -(-len(text) // 64)  # one report per chunk
    assert [done for done, _ in progress] == sorted(done for done, _ in progress)


def test_a_file_is_scanned_as_a_har_by_its_name(tmp_path: Path) -> None:
    path = tmp_path / "CALL.HAR"
    path.write_text(har.support_case("chrome").text(), encoding="utf-8")
    progress, result = _run(path)
    assert isinstance(result, ScanResult)
    assert result.source.value == "har"
    assert progress and progress[-1][0] == path.stat().st_size


def test_cancel_between_chunks_gives_none(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(scanjob, "CHUNK_BYTES", 16)
    cancel = threading.Event()
    cancel.set()
    _progress, result = _run("x" * 1000, cancel)
    assert result is None


def test_a_refused_file_is_handed_over_not_raised(tmp_path: Path) -> None:
    path = tmp_path / "log.txt"
    path.write_bytes(b"\xff\xfe not UTF-8")
    _progress, result = _run(path)
    assert isinstance(result, Exception)
    assert "UTF-8" in str(result)
