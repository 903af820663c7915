"""Run a pure-core call off the GUI thread; only the newest result comes back.

A megabyte pasted into the Decode tab must not freeze the window (hardening
#13, finding 1): the decode runs on a worker thread and its result returns by
a queued signal. Each submission bumps a generation counter, so a slow result
that a newer one has overtaken is dropped, never shown.
"""

from __future__ import annotations

import itertools
from collections.abc import Callable

from PySide6.QtCore import (
    QCoreApplication,
    QObject,
    QRunnable,
    QThreadPool,
    Signal,
    Slot,
)

from opentok_studio.core.errors import StudioError


class _Relay(QObject):
    """Carries results from worker threads to the GUI thread (queued).

    One for the whole process, never deleted: a job finishing after its
    runner (or window) is gone still has a live object to emit from, and Qt
    has already disconnected the dead receiver.

    Signals:
        finished(int, int, object): runner id, generation, result or error.
    """

    finished = Signal(int, int, object)


_relay: _Relay | None = None
_pool: QThreadPool | None = None
_network_pool: QThreadPool | None = None
_ids = itertools.count(1)
#: Network calls at once (vault reads): each may wait out a vault's timeouts.
NETWORK_THREADS = 4


def _shared(network: bool = False) -> tuple[_Relay, QThreadPool]:
    global _relay, _pool, _network_pool  # noqa: PLW0603 - created lazily on the GUI thread
    if _relay is None or _pool is None or _network_pool is None:
        _relay = _Relay()
        _pool = QThreadPool()
        # One worker: decodes are short, and stale queued ones never run.
        _pool.setMaxThreadCount(1)
        # Apart from the decodes: a vault that never answers holds its thread
        # for its timeouts (walk-through: 10 s a profile), and a paste must
        # still decode meanwhile.
        _network_pool = QThreadPool()
        _network_pool.setMaxThreadCount(NETWORK_THREADS)
        app = QCoreApplication.instance()
        if app is not None:
            # Finish a running decode while Python is whole, not at its exit.
            app.aboutToQuit.connect(wait_for_idle)
    return _relay, (_network_pool if network else _pool)


class _Generation:
    """The newest submission's number, shared with the jobs (plain Python, so a
    worker thread may read it without touching a QObject)."""

    __slots__ = ("value",)

    def __init__(self) -> None:
        self.value = 0


class _Job(QRunnable):
    def __init__(
        self,
        relay: _Relay,
        runner: int,
        current: _Generation,
        fn: Callable[[], object],
    ) -> None:
        super().__init__()
        self._relay = relay
        self._runner = runner
        self._current = current
        self._generation = current.value
        self._fn = fn

    def run(self) -> None:
        if self._current.value != self._generation:
            return  # overtaken while queued: not worth running
        try:
            result: object = self._fn()
        except Exception as e:  # noqa: BLE001 - handed to the GUI thread, see _on_finished
            result = e
        self._relay.finished.emit(self._runner, self._generation, result)


class BackgroundRunner(QObject):
    """Runs one call at a time on a worker thread and reports the newest.

    Signals:
        resultReady(object): what the newest call returned, or the
            StudioError it raised.
    """

    resultReady = Signal(object)

    def __init__(self, parent: QObject | None = None, *, network: bool = False) -> None:
        """Args:
        network: the calls wait on the network (a vault): they run on their
            own threads, never queued behind or ahead of a decode.
        """
        super().__init__(parent)
        self._id = next(_ids)
        self._network = network
        self._current = _Generation()
        self._busy = False
        relay, _ = _shared(network)
        relay.finished.connect(self._on_relay_finished)

    @property
    def busy(self) -> bool:
        """A call is running or queued whose result will be delivered."""
        return self._busy

    def submit(self, fn: Callable[[], object]) -> None:
        """Run ``fn()`` (pure: no Qt, no widgets) off the GUI thread; any
        earlier call's result is dropped, and an earlier call still queued
        never runs."""
        self._current.value += 1
        self._busy = True
        relay, pool = _shared(self._network)
        pool.start(_Job(relay, self._id, self._current, fn))

    def run_here(self, fn: Callable[[], object]) -> object:
        """Run ``fn()`` now, on this thread (small input: no worker needed);
        an earlier call's late result is dropped. Returns what ``fn``
        returned, or the StudioError it raised."""
        self.cancel()
        try:
            return fn()
        except StudioError as e:
            return e

    def cancel(self) -> None:
        """Drop the result of any call in flight (a newer answer was shown)."""
        self._current.value += 1
        self._busy = False

    @Slot(int, int, object)
    def _on_relay_finished(self, runner: int, generation: int, result: object) -> None:
        if runner != self._id or generation != self._current.value:
            return
        self._busy = False
        if isinstance(result, Exception) and not isinstance(result, StudioError):
            raise result  # a bug: its traceback goes to sys.excepthook, as on the GUI thread
        self.resultReady.emit(result)


def wait_for_idle(msecs: int = 5000) -> bool:
    """Block until no call runs (tests, application shutdown)."""
    if _pool is None or _network_pool is None:
        return True
    return _pool.waitForDone(msecs) and _network_pool.waitForDone(msecs)
