"""A main window with its settings in a temporary file, never the user's."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QSettings

from opentok_studio.gui.mainwindow import MainWindow
from opentok_studio.gui.prefs import Prefs
from tests.helpers import vectors
from tests.helpers.ticks import Ticks


@pytest.fixture
def prefs(isolated: Path) -> Prefs:
    # Under the session's app_home, so the end-of-run secret scan reads it.
    ini = isolated / "settings.ini"
    return Prefs(QSettings(str(ini), QSettings.Format.IniFormat))


@pytest.fixture
def window(qtbot, prefs: Prefs) -> Iterator[MainWindow]:
    win = MainWindow(prefs)
    qtbot.addWidget(win)
    win.show()
    qtbot.waitExposed(win)
    yield win
    win.close()


@pytest.fixture
def ready(window: MainWindow) -> MainWindow:
    """A window with project credentials and a session of that project."""
    window.credentials.set_project(vectors.API_KEY, vectors.API_SECRET)
    window.form.session_id.setText(vectors.SID)
    return window


@pytest.fixture(scope="session")
def qloop(qapp):  # type: ignore[no-untyped-def]
    """One qasync loop on the running Qt loop, never stopped (ci-recipe.md)."""
    import asyncio

    from opentok_studio.gui.asyncloop import ensure_loop

    loop = ensure_loop()
    # qasync marks itself the running loop for good; only window tests want
    # that, the CLI's asyncio.run in other tests must not see it.
    asyncio.events._set_running_loop(None)
    asyncio.set_event_loop(None)
    return loop


@pytest.fixture(autouse=True)
def _async_loop(qloop):  # type: ignore[no-untyped-def]
    """The qasync loop for window tests; none left set for the asyncio.run users."""
    import asyncio

    asyncio.set_event_loop(qloop)
    asyncio.events._set_running_loop(qloop)
    yield qloop
    for task in asyncio.all_tasks(qloop):
        task.cancel()
    asyncio.events._set_running_loop(None)
    asyncio.set_event_loop(None)


@pytest.fixture
def ticks(qapp) -> Iterator[Ticks]:  # type: ignore[no-untyped-def]
    """A 10 ms timer, ticking for the test."""
    t = Ticks()
    t.timer.start()
    yield t
    t.timer.stop()
