"""asyncio inside the running Qt loop (qasync), made on first use so neither
qasync nor asyncio's loop is on the path to the window's first paint."""

from __future__ import annotations

import asyncio

from PySide6.QtWidgets import QApplication


def ensure_loop() -> asyncio.AbstractEventLoop:
    """The qasync loop that runs coroutines on Qt's own event loop."""
    try:
        loop = asyncio.get_event_loop_policy().get_event_loop()
    except RuntimeError:
        loop = None
    if loop is not None and type(loop).__module__.startswith("qasync"):
        return loop
    import qasync  # type: ignore[import-untyped]  # binds to the PySide6 loaded first

    app = QApplication.instance()
    qloop: asyncio.AbstractEventLoop = qasync.QEventLoop(app, already_running=True)
    asyncio.set_event_loop(qloop)
    return qloop
