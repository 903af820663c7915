"""The window's responsiveness (#14): decodes per keystroke, key-to-hint time,
first paint and peak memory against a bare QMainWindow.

1. keystrokes: 10 characters typed into the Make tab's connection data (one
   key event each, as ``QTest.keyClicks`` sends them) while the Decode and
   Compare tabs hold tokens; counts the decodes each tab ran (target: at most
   one debounced decode per visible tab, and none in a hidden one whose input
   did not change) and times each key event until the form's hints are updated
   (target: median under one 16 ms frame).
2. memory: peak RSS of ``opentok-studio gui --quit-after-show`` (every panel
   built) against the bare window of benchmarks/startup.py (target <= 1.3x).
   First paint against the same bare window is benchmarks/startup.py.

Run alone: ``.venv/bin/python benchmarks/gui.py [CLI]``; ``make bench`` runs it
with the others.
"""

from __future__ import annotations

import contextlib
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Iterator
from typing import Any

from child import child_json

#: One frame at 60 Hz: a key press must show its hint within it.
FRAME = 0.016
TYPED = "name=Ann42"
MEMORY_RUNS = 5


def _keystroke_child() -> None:
    """In a fresh process: type into the Make tab, count decodes per tab."""
    from PySide6.QtCore import QSettings
    from PySide6.QtTest import QTest
    from PySide6.QtWidgets import QApplication

    app = QApplication([])
    from opentok_studio.core.decoder import decode
    from opentok_studio.core.model import ProjectCredentials, TokenRequest
    from opentok_studio.core.signer import make_token
    from opentok_studio.gui import comparetab, decodetab
    from opentok_studio.gui.mainwindow import MainWindow
    from opentok_studio.gui.prefs import Prefs

    key = "46123457"
    secret = "test-secret-0123456789abcdef0123456789abcdef"  # noqa: S105 - test value
    sid = "1_MX40NjEyMzQ1N35-MTc5MzQ5MTIwMDAwMH5RMmhoY0dWeWIyNWxWR1Z6ZEZObGN3flB-"
    counts = {"decode": 0, "compare": 0}

    def counting(tab: str) -> Callable[..., Any]:
        def wrapped(*args: Any, **kwargs: Any) -> Any:
            counts[tab] += 1
            return decode(*args, **kwargs)

        return wrapped

    decodetab.decode = counting("decode")  # type: ignore[attr-defined]
    comparetab.decode = counting("compare")  # type: ignore[attr-defined]
    ini = os.path.join(tempfile.mkdtemp(prefix="otstudio-bench-"), "s.ini")
    window = MainWindow(Prefs(QSettings(ini, QSettings.Format.IniFormat)))
    window.show()
    window.credentials.set_project(key, secret)
    window.form.session_id.setText(sid)
    credentials = ProjectCredentials(key, secret)
    now = int(time.time())
    tokens = [
        make_token(TokenRequest(session_id=sid, data=d), credentials, now=now)
        for d in ("a", "b")
    ]

    def spin(seconds: float) -> None:
        end = time.perf_counter() + seconds
        while time.perf_counter() < end:
            app.processEvents()
            time.sleep(0.001)

    window.tabs.setCurrentIndex(1)
    window.decode_tab.set_text(tokens[0])
    spin(0.3)
    window.tabs.setCurrentIndex(2)
    window.compare_tab.a.setPlainText(tokens[0])
    window.compare_tab.b.setPlainText(tokens[1])
    spin(0.3)
    window.tabs.setCurrentIndex(0)
    spin(0.3)
    field = window.form.data
    field.setFocus()
    counts.update(decode=0, compare=0)
    latencies = []
    for ch in TYPED:
        start = time.perf_counter()
        QTest.keyClick(field, ch)
        # keyClick returns once the key event was handled: the counter and
        # the hints are set by then (validation runs in the textChanged slot).
        latencies.append(time.perf_counter() - start)
        spin(0.02)  # a brisk typist: ~50 ms between keys, inside the debounce
    spin(0.5)  # let every debounce fire
    assert window.form.data_counter.text().startswith(f"{len(TYPED)} /")
    window.close()
    out = {"decodes": counts, "latencies": latencies, "typed": len(TYPED)}
    sys.stdout.write(json.dumps(out) + "\n")


def keystrokes() -> dict[str, Any]:
    """Decodes per tab and key-to-hint times, measured in a child process."""
    return child_json(__file__, "keystroke-child", timeout=300)


#: Runs a program and, at its exit, prints its own peak RSS (VmHWM). Not
#: ru_maxrss: a forked child starts with its parent's pages counted, and that
#: high-water mark survives exec, flooring every child at this process's size.
HWM = """
import atexit, sys
def _hwm():
    for line in open("/proc/self/status"):
        if line.startswith("VmHWM:"):
            sys.__stderr__.write("hwm_kib=" + line.split()[1] + "\\n")
atexit.register(_hwm)
if sys.argv[1] == "--code":
    exec(compile(sys.argv[2], "<bare>", "exec"))
else:
    from opentok_studio.cli import main
    sys.exit(main(sys.argv[1:]))
"""


def _peak_rss(argv: list[str], env: dict[str, str]) -> float:
    """Peak resident memory of one run (``argv`` after the interpreter), MiB."""
    done = subprocess.run(  # noqa: S603 - our own interpreter and code
        [sys.executable, "-c", HWM, *argv], env=env, capture_output=True, text=True
    )
    if done.returncode != 0:
        raise RuntimeError(f"{argv[:3]} exited {done.returncode}: {done.stderr[-300:]}")
    kib = [line for line in done.stderr.splitlines() if line.startswith("hwm_kib=")]
    return int(kib[-1].split("=")[1]) / 1024


def memory(cli: str, platform: str = "offscreen") -> tuple[list[float], list[float]]:
    """Peak RSS (MiB) of ours (every panel built) and of the bare window, on
    Qt's ``platform`` (xcb: the caller runs an X server in DISPLAY)."""
    from startup import BARE

    with tempfile.TemporaryDirectory(prefix="otstudio-gui-") as home:
        env = {**os.environ, "QT_QPA_PLATFORM": platform, "XDG_CONFIG_HOME": home}
        ours, bare = [], []
        for _ in range(MEMORY_RUNS):
            ours.append(_peak_rss(["gui", "--quit-after-show"], env))
            bare.append(_peak_rss(["--code", BARE], env))
    return ours, bare


def main(cli: str) -> int:
    keys = keystrokes()
    lat = keys["latencies"]
    print(
        f"typed {keys['typed']} characters in the Make tab: decodes "
        f"Decode tab {keys['decodes']['decode']}, Compare tab "
        f"{keys['decodes']['compare']}; key to hint median "
        f"{statistics.median(lat) * 1000:.1f} ms, max {max(lat) * 1000:.1f} ms"
    )
    for platform in ("offscreen", "xcb"):
        with display(platform) as ok:
            if not ok:
                print("peak RSS under Xvfb (xcb): not measured, no Xvfb here")
                continue
            ours, bare = memory(cli, platform)
        print(
            f"peak RSS ({platform}): ours {statistics.median(ours):.1f} MiB, bare "
            f"{statistics.median(bare):.1f} MiB "
            f"({statistics.median(ours) / statistics.median(bare):.2f}x)"
        )
    return 0


@contextlib.contextmanager
def display(platform: str) -> Iterator[bool]:
    """An Xvfb for the xcb platform (a real display's code paths); nothing
    for offscreen. Yields whether the platform can run."""
    if platform != "xcb":
        yield True
        return
    xvfb = shutil.which("Xvfb")
    if xvfb is None:
        yield False
        return
    display = f":{90 + os.getpid() % 50}"
    server = subprocess.Popen(  # noqa: S603 - a fixed program
        [xvfb, display, "-screen", "0", "1600x1000x24", "-nolisten", "tcp"],
        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
    )  # fmt: skip
    old = os.environ.get("DISPLAY")
    os.environ["DISPLAY"] = display
    try:
        time.sleep(1.0)  # the server's socket; the runs below need it
        yield server.poll() is None
    finally:
        server.terminate()
        server.wait(10)
        if old is None:
            os.environ.pop("DISPLAY", None)
        else:
            os.environ["DISPLAY"] = old


if __name__ == "__main__":
    sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
    if sys.argv[1:] == ["keystroke-child"]:
        _keystroke_child()
        sys.exit(0)
    default = os.path.join(os.path.dirname(sys.executable), "opentok-studio")
    sys.exit(main(sys.argv[1] if len(sys.argv) > 1 else default))
