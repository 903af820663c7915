"""gui/clipboard.py: a concealed copy, cleared after its time only if still ours.

The one-second timer is driven by calling its slot: no test waits for a second.
"""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from PySide6.QtCore import SIGNAL
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QApplication

from opentok_studio.gui.clipboard import ClipboardGuard
from tests.helpers import vectors

TOKEN = vectors.load("tokens")["cases"][0]["token"]

#: The concealment hints, as keepassxc sets them (src/gui/Clipboard.cpp).
CONCEALED = {
    "x-kde-passwordManagerHint": b"secret",
    "application/x-nspasteboard-concealed-type": b"secret",
    "ExcludeClipboardContentFromMonitorProcessing": b"\x01",
    "CanIncludeInClipboardHistory": b"\x00\x00\x00\x00",
    "CanUploadToCloudClipboard": b"\x00\x00\x00\x00",
}


@pytest.fixture
def guard(qtbot) -> Iterator[ClipboardGuard]:  # type: ignore[no-untyped-def]
    g = ClipboardGuard()
    yield g
    g.clear_if_ours()
    QGuiApplication.clipboard().clear()


class Recorded:
    """What a guard's signals said, in order."""

    def __init__(self, guard: ClipboardGuard) -> None:
        self.ticks: list[int] = []
        self.cleared = 0
        guard.tick.connect(self.ticks.append)
        guard.cleared.connect(self._on_cleared)

    def _on_cleared(self) -> None:
        self.cleared += 1


def _text() -> str:
    return QGuiApplication.clipboard().text()


def test_copy_is_concealed_from_clipboard_managers(guard: ClipboardGuard) -> None:
    guard.copy(TOKEN, 30)
    data = QGuiApplication.clipboard().mimeData()
    assert data.text() == TOKEN
    for mime, value in CONCEALED.items():
        assert data.data(mime).data() == value, mime


def test_copy_starts_a_one_second_countdown(guard: ClipboardGuard) -> None:
    seen = Recorded(guard)
    guard.copy(TOKEN, 30)
    assert guard.pending
    assert guard._timer.interval() == 1000  # tick(int) counts seconds
    assert seen.ticks == [30]


def test_cleared_when_the_time_is_up_and_it_is_still_ours(
    guard: ClipboardGuard,
) -> None:
    seen = Recorded(guard)
    guard.copy(TOKEN, 3)
    guard._on_timer_timeout()
    guard._on_timer_timeout()
    assert _text() == TOKEN and seen.cleared == 0 and guard.pending
    guard._on_timer_timeout()
    assert _text() == ""
    assert seen.ticks == [3, 2, 1]
    assert seen.cleared == 1
    assert not guard.pending


def test_the_running_timer_clears_it(qtbot, guard: ClipboardGuard) -> None:
    guard._timer.setInterval(1)  # the wiring, not the second
    with qtbot.waitSignal(guard.cleared, timeout=2000):
        guard.copy(TOKEN, 2)
    assert _text() == ""
    assert not guard.pending


def test_something_else_copied_is_left_alone(guard: ClipboardGuard) -> None:
    seen = Recorded(guard)
    guard.copy(TOKEN, 3)
    QGuiApplication.clipboard().setText("the user's own text")
    guard._on_timer_timeout()
    assert not guard.pending  # it looked once, then let go
    assert seen.ticks == [3, 0]
    for _ in range(3):
        guard._on_timer_timeout()
    assert not guard.clear_if_ours()
    assert _text() == "the user's own text"
    assert seen.cleared == 0


def test_replaced_on_the_last_second_is_left_alone(guard: ClipboardGuard) -> None:
    seen = Recorded(guard)
    guard.copy(TOKEN, 1)
    QGuiApplication.clipboard().setText("the user's own text")
    guard._on_timer_timeout()
    assert _text() == "the user's own text"
    assert seen.cleared == 0 and not guard.pending


def test_zero_seconds_never_counts_down(guard: ClipboardGuard) -> None:
    seen = Recorded(guard)
    guard.copy(TOKEN, 30)
    guard.copy(TOKEN, 0)  # also stops an earlier countdown
    assert not guard.pending
    assert seen.ticks == [30]
    assert _text() == TOKEN


def test_clear_if_ours_clears_once(guard: ClipboardGuard) -> None:
    seen = Recorded(guard)
    guard.copy(TOKEN, 30)
    assert guard.clear_if_ours()
    assert _text() == "" and seen.cleared == 1 and not guard.pending
    QGuiApplication.clipboard().setText(TOKEN)  # the user copied it again
    assert not guard.clear_if_ours()
    assert _text() == TOKEN


def test_a_newer_copy_is_the_one_cleared(guard: ClipboardGuard) -> None:
    guard.copy("first", 30)
    guard.copy(TOKEN, 2)
    guard._on_timer_timeout()
    guard._on_timer_timeout()
    assert _text() == ""


def test_quitting_clears_only_our_copy(qtbot) -> None:  # type: ignore[no-untyped-def]
    app = QApplication.instance()
    receivers = app.receivers(SIGNAL("aboutToQuit()"))
    guard = ClipboardGuard()
    assert app.receivers(SIGNAL("aboutToQuit()")) == receivers + 1
    guard.copy(TOKEN, 600)
    guard._on_app_about_to_quit()
    assert _text() == ""
    guard.copy(TOKEN, 600)
    QGuiApplication.clipboard().setText("the user's own text")
    guard._on_app_about_to_quit()
    assert _text() == "the user's own text"
    QGuiApplication.clipboard().clear()
