"""Window start-up: `opentok-studio gui` to first paint vs a bare QMainWindow."""

from __future__ import annotations

import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

# The same measure for both: spawn -> first paint, stamped by the child.
BARE = """
import sys, time
from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtWidgets import QApplication, QMainWindow
class Quit(QObject):
    def eventFilter(self, obj, event):
        if event.type() == QEvent.Type.Paint:
            sys.stderr.write(f"first_paint={time.time():.6f}\\n")
            QTimer.singleShot(0, QApplication.quit)
        return False
app = QApplication([])
window = QMainWindow()
window.resize(1200, 760)
quit_filter = Quit()
window.installEventFilter(quit_filter)
window.show()
app.exec()
"""
RUNS = 11


def _stamps(argv: list[str], env: dict[str, str]) -> dict[str, float]:
    """Seconds from spawn to each stamp the child printed (first_paint, ready)."""
    start = time.time()
    done = subprocess.run(argv, env=env, capture_output=True, text=True, timeout=60)
    if done.returncode != 0:
        raise RuntimeError(f"{argv[:3]} exited {done.returncode}: {done.stderr}")
    stamps = {}
    for line in done.stderr.splitlines():
        key, sep, value = line.partition("=")
        if sep and key in ("first_paint", "ready"):
            stamps[key] = float(value) - start
    return stamps


def _time(argv: list[str], env: dict[str, str]) -> float:
    return _stamps(argv, env)["first_paint"]


def measure_ready(cli: str) -> list[float]:
    """Spawn -> every panel built and usable, for the report."""
    with tempfile.TemporaryDirectory(prefix="otstudio-gui-") as home:
        env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "XDG_CONFIG_HOME": home}
        return [_stamps([cli, "gui", "--quit-after-show"], env)["ready"]
                for _ in range(RUNS)]  # fmt: skip


def measure(cli: str) -> tuple[list[float], list[float]]:
    """Spawn -> first paint for ours and for the bare window, interleaved."""
    with tempfile.TemporaryDirectory(prefix="otstudio-gui-") as home:
        env = {**os.environ, "QT_QPA_PLATFORM": "offscreen",
               "XDG_CONFIG_HOME": str(Path(home))}  # fmt: skip
        ours_argv = [cli, "gui", "--quit-after-show"]
        bare_argv = [sys.executable, "-c", BARE]
        for argv in (ours_argv, bare_argv):
            _time(argv, env)  # warm caches, not counted
        ours, bare = [], []
        for _ in range(RUNS):
            ours.append(_time(ours_argv, env))
            bare.append(_time(bare_argv, env))
    return ours, bare


if __name__ == "__main__":
    ours, bare = measure(sys.argv[1])
    ready = measure_ready(sys.argv[1])
    print(
        f"first paint: ours {statistics.median(ours):.3f} s, "
        f"bare {statistics.median(bare):.3f} s; ours ready {statistics.median(ready):.3f} s"
    )
