"""Hostile input (hardening #13): 1 MB pastes through the core and the window.

1. core: decode time of ~1 MB texts built to make a backtracking pattern
   rescan (long base64 runs, many ``eyJ`` / ``T1==`` starts, many ``%``),
   next to the same text at 1/4 the size: linear code grows ~4x.
   For scale, the old extraction pattern on a 30 KB ``eyJ`` run.
2. window: each text pasted into the Decode tab (clipboard + paste, offscreen),
   a 5 ms QTimer ticking meanwhile; reports the time until the diagnosis is
   shown and the longest gap between two ticks (target: < 100 ms).

Run alone: ``.venv/bin/python benchmarks/hostile.py``; ``make bench`` runs it
with the others.
"""

from __future__ import annotations

import contextlib
import json
import os
import re
import statistics
import sys
import tempfile
import time
from collections.abc import Callable

from child import child_json

MB = 1_000_000
#: The texts, each about ``n`` characters (capped under the decoder's limit).
FAMILIES: dict[str, Callable[[int], str]] = {
    "eyJ run (the issue's repro)": lambda n: "x " + "eyJ" * ((n - 2) // 3),
    "eyJ run, one word": lambda n: "eyJ" * (n // 3),
    "eyJ lines": lambda n: "eyJ\n" * (n // 4),
    "T1== run": lambda n: "x " + "T1==" * ((n - 2) // 4),
    "percent signs": lambda n: "x " + "%" * (n - 2),
    "percent escapes": lambda n: "x eyJ" + "%3D" * ((n - 5) // 3),
    "query pairs": lambda n: "x " + "?a&b" * ((n - 2) // 4),
    "huge JWT": lambda n: "eyJhbGciOiJIUzI1NiJ9." + "A" * (n - 30) + ".c2ln",
    "huge JWT, readable data": lambda n: _readable_jwt(n),
}


def _readable_jwt(n: int) -> str:
    """A JWT whose payload decodes: connection data of ~3/4 n characters."""
    import base64

    data = "d" * (n * 3 // 4 - 100)
    payload = json.dumps({"session_id": "1_MX4xfn4", "connection_data": data})
    body = base64.urlsafe_b64encode(payload.encode()).rstrip(b"=").decode()
    return f"eyJhbGciOiJIUzI1NiJ9.{body}.c2ln"


OLD_JWT_IN_TEXT = re.compile(r"eyJ[A-Za-z0-9_-]*(?:\.[A-Za-z0-9_-]*){1,2}")
#: The Decode tab's target: the event loop never stalls longer than this.
GAP_TARGET = 0.100


def _decode_seconds(text: str, runs: int = 3) -> float:
    from opentok_studio.core import StudioError, decode

    samples = []
    for _ in range(runs):
        start = time.perf_counter()
        with contextlib.suppress(StudioError):
            decode(text, None, now=0)
        samples.append(time.perf_counter() - start)
    return statistics.median(samples)


def core() -> dict[str, dict[str, float]]:
    """Per family: seconds at 250 KB and at 1 MB, and their ratio."""
    out = {}
    for name, make in FAMILIES.items():
        small, large = _decode_seconds(make(MB // 4)), _decode_seconds(make(MB - 10))
        out[name] = {"quarter": small, "whole": large, "growth": large / small}
    return out


def old_pattern_30k() -> float:
    """Seconds the pre-fix pattern takes on a 30 KB eyJ run (it never
    finished on 1 MB); for the before/after line."""
    text = "x " + "eyJ" * 10_000
    start = time.perf_counter()
    list(OLD_JWT_IN_TEXT.finditer(text))
    return time.perf_counter() - start


def _gui_child() -> None:
    """In a fresh process: paste each text into the Decode tab, measure."""
    from PySide6.QtCore import QSettings, QTimer
    from PySide6.QtGui import QGuiApplication
    from PySide6.QtWidgets import QApplication

    app = QApplication([])
    from opentok_studio.gui.mainwindow import MainWindow
    from opentok_studio.gui.prefs import Prefs

    ini = os.path.join(tempfile.mkdtemp(prefix="otstudio-bench-"), "s.ini")
    window = MainWindow(Prefs(QSettings(ini, QSettings.Format.IniFormat)))
    window.show()
    tab = window.decode_tab
    window.tabs.setCurrentWidget(tab)
    ticks: list[float] = []
    timer = QTimer()
    timer.setInterval(5)
    timer.timeout.connect(lambda: ticks.append(time.perf_counter()))
    timer.start()
    results = {}

    def spin(seconds: float, until: Callable[[], bool] = lambda: False) -> None:
        end = time.perf_counter() + seconds
        while time.perf_counter() < end and not until():
            app.processEvents()
            time.sleep(0.001)

    for name, make in FAMILIES.items():
        text = make(MB - 10)
        tab.set_text("")
        spin(0.3)
        QGuiApplication.clipboard().setText(text)
        spin(0.2)
        ticks.clear()
        start = time.perf_counter()
        tab.input.setFocus()
        tab.input.paste()
        # The diagnosis is shown when the decode is done and the view left
        # its "Decoding ..." placeholder.
        spin(60, lambda: not tab.busy and "Decoding" not in tab.view.text())
        shown = time.perf_counter() - start
        spin(0.3)  # and the paint after it
        gaps = [b - a for a, b in zip(ticks, ticks[1:], strict=False)]
        results[name] = {
            "shown_after": shown,
            "max_gap": max(gaps, default=0.0),
            "ticks": len(ticks),
            "diagnosis": tab.input_hint.text()[:60] or tab.view.text()[:60],
        }
    window.close()
    sys.stdout.write(json.dumps(results) + "\n")


def window() -> dict[str, dict[str, object]]:
    """The Decode tab under each 1 MB paste, measured in a child process."""
    return child_json(__file__, "gui-child", timeout=600)


def main() -> int:
    print(f"old pattern, 30 KB eyJ run: {old_pattern_30k():.2f} s (1 MB: never ends)")
    print("core decode, ~1 MB hostile text (median of 3):")
    for name, row in core().items():
        print(
            f"  {name:28} 250 KB {row['quarter'] * 1000:7.1f} ms   1 MB "
            f"{row['whole'] * 1000:7.1f} ms   growth {row['growth']:.1f}x"
        )
    print("Decode tab, 1 MB pasted (5 ms QTimer):")
    for name, row in window().items():
        print(
            f"  {name:28} diagnosis after {row['shown_after'] * 1000:6.0f} ms   "
            f"longest stall {row['max_gap'] * 1000:5.0f} ms   {row['diagnosis']!r}"
        )
    return 0


if __name__ == "__main__":
    if sys.argv[1:] == ["gui-child"]:
        _gui_child()
        sys.exit(0)
    sys.exit(main())
