"""A ticking QTimer: a stalled event loop shows as a long gap between ticks."""

from __future__ import annotations

import time

from PySide6.QtCore import QTimer


class Ticks:
    """A 10 ms QTimer's ticks: a stalled event loop shows as a long gap."""

    def __init__(self) -> None:
        self.times: list[float] = []
        self.timer = QTimer()
        self.timer.setInterval(10)
        self.timer.timeout.connect(lambda: self.times.append(time.perf_counter()))

    def wait_ticking(self, qtbot, n: int = 3) -> None:  # type: ignore[no-untyped-def]
        """Until n more ticks came: before a paste, so a stall inside it counts."""
        target = len(self.times) + n
        qtbot.waitUntil(lambda: len(self.times) >= target)

    @property
    def longest_gap(self) -> float:
        pairs = zip(self.times, self.times[1:], strict=False)
        return max((b - a for a, b in pairs), default=0.0)
