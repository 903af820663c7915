"""Window start-up: `opentok-studio gui` to first paint vs a bare QMainWindow."""

from __future__ import annotations

import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

# The same measure for both: construct, show, quit after the first paint.
BARE = """
from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtWidgets import QApplication, QMainWindow
class Quit(QObject):
    def eventFilter(self, obj, event):
        if event.type() == QEvent.Type.Paint:
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


def _time(argv: list[str], env: dict[str, str]) -> float:
    start = time.perf_counter()
    done = subprocess.run(argv, env=env, capture_output=True, text=True, timeout=60)
    elapsed = time.perf_counter() - start
    if done.returncode != 0:
        raise RuntimeError(f"{argv[:3]} exited {done.returncode}: {done.stderr}")
    return elapsed


def measure(cli: str) -> tuple[list[float], list[float]]:
    """Seconds per run for ours and for the bare window, interleaved."""
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
    print(f"ours {statistics.median(ours):.3f} s, bare {statistics.median(bare):.3f} s")
