"""The Scan tab's worker: one scan of a file or of pasted text on a thread of
the pool, read in chunks (store/reader.py) with Cancel looked at between two,
progress and the result carried to the GUI thread by queued signals."""

from __future__ import annotations

import threading
import time
from collections.abc import Iterator
from pathlib import Path

from PySide6.QtCore import QObject, QRunnable, Signal

from opentok_studio.core.errors import DecodeError
from opentok_studio.core.model import Credentials
from opentok_studio.core.scan import scan
from opentok_studio.store import reader

#: The largest file scanned (as the CLI: spec/cli.md, scan).
MAX_SCAN_BYTES = 1024 * 1024 * 1024
#: Read this much between two looks at the Cancel flag.
CHUNK_BYTES = reader.CHUNK_BYTES


class Cancelled(Exception):
    """Cancel was pressed: the chunk reader stops the scan."""


class Relay(QObject):
    """Carries a job's progress and result to the GUI thread (queued).

    Signals:
        progress(object, object): bytes read, file size (Python ints: a
            file's size overflows a C int).
        finished(object): the ScanResult, the StudioError, or None (cancelled).
    """

    progress = Signal(object, object)
    finished = Signal(object)


class ScanJob(QRunnable):
    """One scan of a file (``source`` a Path) or of pasted text (a str: it
    stays in memory, never written anywhere: it may hold live tokens)."""

    def __init__(
        self,
        relay: Relay,
        source: Path | str,
        credentials: Credentials | None,
        cancel: threading.Event,
    ) -> None:
        super().__init__()
        self._relay = relay
        self._source = source
        self._credentials = credentials
        self._cancel = cancel

    def _read(self) -> Iterator[str]:
        if isinstance(self._source, str):
            size = len(self._source)
            for start in range(0, size, CHUNK_BYTES):
                self._relay.progress.emit(min(start + CHUNK_BYTES, size), size)
                yield self._source[start : start + CHUNK_BYTES]
            return
        yield from reader.iter_text_chunks(
            self._source,
            what="file",
            limit=MAX_SCAN_BYTES,
            error=DecodeError,
            chunk_bytes=CHUNK_BYTES,
            progress=self._relay.progress.emit,
        )

    def _chunks(self) -> Iterator[str]:
        for chunk in self._read():
            if self._cancel.is_set():
                raise Cancelled
            yield chunk

    def run(self) -> None:
        result: object
        try:
            result = scan(
                self._chunks(),
                self._credentials,
                now=int(time.time()),
                named_har=isinstance(self._source, Path)
                and self._source.suffix.lower() == ".har",
            )
        except Cancelled:
            result = None
        except Exception as e:  # noqa: BLE001 - handed to the GUI thread, the Scan tab's _on_relay_finished
            result = e
        self._relay.finished.emit(result)
