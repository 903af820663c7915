"""gui/decodeworker.py: calls off the GUI thread, only the newest result back."""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterator

import pytest
from PySide6.QtCore import QCoreApplication

from opentok_studio.core.errors import DecodeError
from opentok_studio.gui import decodeworker
from opentok_studio.gui.decodeworker import BackgroundRunner


class Gate:
    """Holds the one worker thread inside a call until the test opens it, so a
    later submission is certain to overtake the held one."""

    def __init__(self) -> None:
        self.entered = threading.Event()
        self._open = threading.Event()

    def held(self, value: object) -> Callable[[], object]:
        def call() -> object:
            self.entered.set()
            self._open.wait(10)  # never hangs the shared pool for good
            return value

        return call

    def open(self) -> None:
        self._open.set()


@pytest.fixture
def gate() -> Iterator[Gate]:
    g = Gate()
    yield g
    g.open()
    assert decodeworker.wait_for_idle()


@pytest.fixture
def runner(qtbot) -> BackgroundRunner:  # type: ignore[no-untyped-def]
    return BackgroundRunner()


def _collect(runner: BackgroundRunner) -> list[object]:
    seen: list[object] = []
    runner.resultReady.connect(seen.append)
    return seen


# -- moved from test_decodetab_large.py ---------------------------------------------


def test_runner_drops_what_a_newer_call_overtook(qtbot) -> None:
    runner = BackgroundRunner()
    seen: list[object] = []
    runner.resultReady.connect(seen.append)
    runner.submit(lambda: "first")
    with qtbot.waitSignal(runner.resultReady, timeout=5000):
        runner.submit(lambda: "second")
    assert decodeworker.wait_for_idle()
    QCoreApplication.processEvents()
    assert seen == ["second"]


def test_runner_hands_studio_errors_over(qtbot) -> None:
    runner = BackgroundRunner()

    def fail() -> None:
        raise DecodeError("nothing to decode")

    with qtbot.waitSignal(runner.resultReady, timeout=5000) as blocker:
        runner.submit(fail)
    assert isinstance(blocker.args[0], DecodeError)


def test_runner_bug_reaches_the_gui_thread(qtbot) -> None:
    runner = BackgroundRunner()

    def bug() -> None:
        raise ZeroDivisionError("a bug")

    with qtbot.captureExceptions() as caught:
        runner.submit(bug)
        qtbot.waitUntil(lambda: bool(caught), timeout=5000)
    assert isinstance(caught[0][1], ZeroDivisionError)


# -- the generation counter ----------------------------------------------------------


def test_a_result_that_finishes_after_a_newer_submit_is_dropped(
    qtbot, runner: BackgroundRunner, gate: Gate
) -> None:
    seen = _collect(runner)
    runner.submit(gate.held("stale"))
    assert gate.entered.wait(5)  # running: its generation is already taken
    runner.submit(lambda: "newest")
    with qtbot.waitSignal(runner.resultReady, timeout=5000) as blocker:
        gate.open()
    assert blocker.args == ["newest"]
    assert seen == ["newest"]  # the stale one finished first and was not shown


def test_an_overtaken_call_still_queued_never_runs(
    qtbot, runner: BackgroundRunner, gate: Gate
) -> None:
    ran: list[str] = []
    seen = _collect(runner)
    runner.submit(gate.held("held"))
    assert gate.entered.wait(5)  # the one worker is busy: the next ones queue
    runner.submit(lambda: ran.append("queued") or "queued")
    runner.submit(lambda: ran.append("last") or "last")
    with qtbot.waitSignal(runner.resultReady, timeout=5000):
        gate.open()
    assert ran == ["last"]
    assert seen == ["last"]


def test_cancel_drops_the_call_in_flight(
    qtbot, runner: BackgroundRunner, gate: Gate
) -> None:
    seen = _collect(runner)
    runner.submit(gate.held("cancelled"))
    assert runner.busy
    assert gate.entered.wait(5)
    runner.cancel()
    assert not runner.busy
    gate.open()
    # One worker, first in first out: once this result is in, the cancelled
    # one was delivered before it (and dropped).
    with qtbot.waitSignal(runner.resultReady, timeout=5000):
        runner.submit(lambda: "after")
    assert seen == ["after"]


def test_run_here_answers_now_and_drops_the_call_in_flight(
    qtbot, runner: BackgroundRunner, gate: Gate
) -> None:
    seen = _collect(runner)
    runner.submit(gate.held("late"))
    assert gate.entered.wait(5)
    assert runner.run_here(lambda: "small input") == "small input"
    assert not runner.busy
    gate.open()
    with qtbot.waitSignal(runner.resultReady, timeout=5000):
        runner.submit(lambda: "after")
    assert seen == ["after"]


def test_run_here_returns_a_studio_error_and_raises_a_bug(
    runner: BackgroundRunner,
) -> None:
    def fail() -> None:
        raise DecodeError("nothing to decode")

    def bug() -> None:
        raise ZeroDivisionError("a bug")

    result = runner.run_here(fail)
    assert isinstance(result, DecodeError) and "nothing to decode" in str(result)
    with pytest.raises(ZeroDivisionError, match="a bug"):
        runner.run_here(bug)


def test_busy_until_the_result_is_delivered(qtbot, runner: BackgroundRunner) -> None:
    assert not runner.busy
    with qtbot.waitSignal(runner.resultReady, timeout=5000) as blocker:
        runner.submit(lambda: 42)
        assert runner.busy
    assert blocker.args == [42]
    assert not runner.busy


def test_a_result_reaches_only_its_own_runner(qtbot) -> None:
    mine, other = BackgroundRunner(), BackgroundRunner()
    seen_other = _collect(other)
    with qtbot.waitSignal(other.resultReady, timeout=5000):
        other.submit(lambda: "for other")
    # Both now at the same generation: only the runner id tells them apart.
    with qtbot.waitSignal(mine.resultReady, timeout=5000) as blocker:
        mine.submit(lambda: "for mine")
    assert blocker.args == ["for mine"]
    assert seen_other == ["for other"]


def test_a_result_comes_back_on_the_gui_thread(qtbot, runner: BackgroundRunner) -> None:
    worker: list[threading.Thread] = []
    delivered: list[threading.Thread] = []
    runner.resultReady.connect(lambda _: delivered.append(threading.current_thread()))
    with qtbot.waitSignal(runner.resultReady, timeout=5000):
        runner.submit(lambda: worker.append(threading.current_thread()))
    assert worker[0] is not threading.main_thread()
    assert delivered == [threading.main_thread()]


def test_wait_for_idle_is_true_once_every_call_is_done(
    qtbot, runner: BackgroundRunner
) -> None:
    with qtbot.waitSignal(runner.resultReady, timeout=5000):
        runner.submit(lambda: "done")
    assert decodeworker.wait_for_idle(1000)
