"""gui/asyncloop.py: one qasync loop on Qt's running loop, made on first use."""

from __future__ import annotations

import asyncio
from collections.abc import Iterator

import pytest
import qasync
from PySide6.QtWidgets import QApplication

from opentok_studio.gui.asyncloop import ensure_loop


class Made:
    """Stands in for qasync.QEventLoop: records the call, returns the real loop."""

    def __init__(self, loop: asyncio.AbstractEventLoop) -> None:
        self.loop = loop
        self.calls: list[tuple[object, dict[str, object]]] = []

    def __call__(self, app: object, **kwargs: object) -> asyncio.AbstractEventLoop:
        self.calls.append((app, kwargs))
        return self.loop


@pytest.fixture
def made(qloop, monkeypatch) -> Made:  # type: ignore[no-untyped-def]
    # A second real QEventLoop would hook itself to aboutToQuit for the rest
    # of the run: the session's loop stands in for the one ensure_loop makes.
    m = Made(qloop)
    monkeypatch.setattr(qasync, "QEventLoop", m)
    return m


@pytest.fixture
def plain() -> Iterator[asyncio.AbstractEventLoop]:
    loop = asyncio.new_event_loop()
    yield loop
    loop.close()


def test_the_current_qasync_loop_is_reused(qloop, made: Made) -> None:  # type: ignore[no-untyped-def]
    assert type(qloop).__module__.startswith("qasync")
    assert ensure_loop() is qloop
    assert made.calls == []


def test_a_plain_asyncio_loop_is_replaced(
    qloop, made: Made, plain: asyncio.AbstractEventLoop
) -> None:  # type: ignore[no-untyped-def]
    asyncio.set_event_loop(plain)
    loop = ensure_loop()
    assert loop is qloop
    assert made.calls == [(QApplication.instance(), {"already_running": True})]
    assert asyncio.get_event_loop_policy().get_event_loop() is qloop


def test_no_loop_at_all_makes_one(qloop, made: Made) -> None:  # type: ignore[no-untyped-def]
    asyncio.events._set_running_loop(None)
    asyncio.set_event_loop(None)  # get_event_loop() now raises RuntimeError
    with pytest.raises(RuntimeError):
        asyncio.get_event_loop_policy().get_event_loop()
    assert ensure_loop() is qloop
    assert len(made.calls) == 1
    assert asyncio.get_event_loop_policy().get_event_loop() is qloop


def test_coroutines_run_on_the_qt_loop(qtbot) -> None:  # type: ignore[no-untyped-def]
    loop = ensure_loop()

    async def answer() -> int:
        await asyncio.sleep(0)
        return 42

    task = loop.create_task(answer())
    # Only Qt's event loop turns here: qtbot spins it, not asyncio.
    qtbot.waitUntil(task.done, timeout=2000)
    assert task.result() == 42
