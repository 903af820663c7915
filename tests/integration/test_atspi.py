"""The window over the real Linux accessibility bus, as a screen reader sees it (#15).

tests/unit/gui/test_accessibility.py asks Qt's QAccessible in-process; this test
starts the app for real (private Xvfb, D-Bus session and AT-SPI bus, all ended
by PID) and reads it with an AT-SPI client, tests/integration/atspi_client.py,
run by the system python3 with pyatspi. Keys come from xdotool.
Debian: xvfb dbus at-spi2-core python3-pyatspi gir1.2-atspi-2.0 dbus-x11 xdotool
(`make test-atspi`; ci-recipe.md, "The window seen by assistive technology").
"""

from __future__ import annotations

import json
import os
import select
import shutil
import signal
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest

from tests.helpers import vectors

pytestmark = pytest.mark.atspi

ROOT = Path(__file__).resolve().parents[2]
CLIENT = Path(__file__).with_name("atspi_client.py")
#: pyatspi is a Debian package for the system interpreter, not a pip one.
SYSTEM_PYTHON = "/usr/bin/python3"
LAUNCHER = "/usr/libexec/at-spi-bus-launcher"
APT = "apt-get install xvfb dbus at-spi2-core python3-pyatspi gir1.2-atspi-2.0 dbus-x11 xdotool"  # noqa: E501
TITLE = "OpenTok Studio"
#: The app shows its window in about 1 s here; a cold CI machine gets more.
APPEAR_S = 20.0
#: What a keyboard user reaches or a screen reader announces as a control.
CONTROL_ROLES = {"push button", "toggle button", "check box", "radio button",
                 "combo box", "text", "entry", "password text", "spin button",
                 "page tab", "page tab list", "table", "tree table", "list", "tree",
                 "slider", "menu item"}  # fmt: skip
#: The main window's tabs and their Alt letters (gui/mainwindow.py); the one
#: shown at start comes last, so that each press changes the tab.
TABS = [("Decode", "d"), ("Compare", "o"), ("History", "i"), ("Scan", "n"),
        ("Make token", "m")]  # fmt: skip
#: Roles that tell a screen reader nothing about what a control does.
NO_ROLES = {"unknown", "filler", "invalid", "panel"}
#: One JSON object from atspi_client.py, or one of its nodes.
Report = dict[str, Any]


@dataclass
class Desktop:
    """A private X display, session bus and accessibility bus, and the app on them.

    Attributes:
        env: the environment the app and the client run with.
        log: the app's stdout and stderr.
        xdotool_path: where xdotool is.
        procs: what was started, in start order (ended in reverse).
        registry_pid: the AT-SPI registry daemon, started by the bus itself.
    """

    env: dict[str, str]
    log: Path
    xdotool_path: str
    procs: list[subprocess.Popen[bytes]] = field(default_factory=list)
    registry_pid: int | None = None

    def snapshot(self, wait: float = 0.0) -> Report:
        """What the accessibility bus shows of the app now (atspi_client.py)."""
        env = {k: v for k, v in self.env.items()
               if k not in ("PYTHONPATH", "PYTHONHOME", "VIRTUAL_ENV")}  # fmt: skip
        done = subprocess.run(
            [SYSTEM_PYTHON, str(CLIENT), TITLE, str(wait)],
            env=env, capture_output=True, text=True, timeout=wait + 30,
        )  # fmt: skip
        assert done.returncode == 0, done.stderr
        report = json.loads(done.stdout)
        self.registry_pid = report["registry_pid"] or self.registry_pid
        return report

    def until(
        self, holds: Callable[[Report], bool], what: str, timeout: float = 5.0
    ) -> Report:
        """The first snapshot for which ``holds`` is true; fails after ``timeout``."""
        deadline = time.monotonic() + timeout
        while True:
            report = self.snapshot()
            if holds(report):
                return report
            if time.monotonic() > deadline:
                pytest.fail(f"{what}: not seen on the bus within {timeout} s\n"
                            f"{summary(report)}\n{self.tail()}")  # fmt: skip
            time.sleep(0.1)

    def xdotool(self, *args: str) -> str:
        done = subprocess.run(
            [self.xdotool_path, *args], env=self.env, capture_output=True, text=True,
            timeout=15,
        )  # fmt: skip
        assert done.returncode == 0, f"xdotool {args}: {done.stderr}"
        return done.stdout

    def tail(self) -> str:
        return "app log:\n" + self.log.read_text(errors="replace")[-2000:]


def summary(report: Report) -> str:
    return "\n".join(
        f"{node['path']:>12} {node['role']} {node['name']!r} {node['states']}"
        for node in report.get("nodes", [])
    )


def _read_line(stream: int, timeout: float, what: str) -> str:
    """One line a daemon prints when ready (its display or bus address)."""
    data = b""
    deadline = time.monotonic() + timeout
    while not data.endswith(b"\n"):
        left = deadline - time.monotonic()
        ready, _, _ = select.select([stream], [], [], max(left, 0))
        chunk = os.read(stream, 256) if ready else b""
        if not chunk:
            pytest.fail(f"{what} did not start within {timeout} s")
        data += chunk
    return data.decode().strip()


def _tools() -> dict[str, str]:
    """The full path of each program the test starts; fails naming the
    Debian packages when one is missing."""
    found = {
        name: shutil.which(name) or "" for name in ("Xvfb", "dbus-daemon", "xdotool")
    }
    missing = [name for name, path in found.items() if not path]
    missing += [
        path for path in (SYSTEM_PYTHON, LAUNCHER) if not os.access(path, os.X_OK)
    ]
    if not missing:
        probe = subprocess.run([SYSTEM_PYTHON, "-c", "import pyatspi"],
                               capture_output=True, timeout=30)  # fmt: skip
        if probe.returncode:
            missing.append(f"pyatspi for {SYSTEM_PYTHON}")
    if missing:
        pytest.fail(f"the AT-SPI test needs {', '.join(missing)}: {APT}")
    return found


def _end(pid: int) -> None:
    """SIGTERM, then SIGKILL after 3 s, to one process we started."""
    try:
        os.kill(pid, signal.SIGTERM)
        deadline = time.monotonic() + 3
        while time.monotonic() < deadline:
            os.kill(pid, 0)  # raises once it is gone
            if Path(f"/proc/{pid}/stat").read_text().split()[2] == "Z":
                return  # a zombie for its parent to reap: already ended
            time.sleep(0.05)
        os.kill(pid, signal.SIGKILL)
    except (ProcessLookupError, FileNotFoundError):
        pass


@pytest.fixture(scope="module")
def desktop(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Desktop]:
    tools = _tools()
    home = tmp_path_factory.mktemp("atspi")
    (home / "run").mkdir(mode=0o700)
    env = {k: v for k, v in os.environ.items() if k != "WAYLAND_DISPLAY"}
    env.update(HOME=str(home), XDG_CONFIG_HOME=str(home / "config"),
               XDG_DATA_HOME=str(home / "data"), XDG_CACHE_HOME=str(home / "cache"),
               XDG_RUNTIME_DIR=str(home / "run"))  # fmt: skip
    log = home / "app.log"
    desk = Desktop(env, log, tools["xdotool"])
    try:
        # Xvfb picks a free display itself and writes its number on the pipe.
        read_end, write_end = os.pipe()
        try:
            desk.procs.append(subprocess.Popen(
                [tools["Xvfb"], "-displayfd", str(write_end), "-screen", "0",
                 "1280x800x24", "-nolisten", "tcp"],
                pass_fds=(write_end,), stdout=subprocess.DEVNULL,
                stderr=subprocess.DEVNULL, env=env,
            ))  # fmt: skip
            os.close(write_end)
            env["DISPLAY"] = ":" + _read_line(read_end, 10, "Xvfb")
        finally:
            os.close(read_end)
        bus = subprocess.Popen(
            [tools["dbus-daemon"], "--session", "--nofork", "--print-address=1"],
            stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, env=env,
        )  # fmt: skip
        desk.procs.append(bus)
        assert bus.stdout is not None
        env["DBUS_SESSION_BUS_ADDRESS"] = _read_line(bus.stdout.fileno(), 10, "dbus")
        desk.procs.append(subprocess.Popen(
            [LAUNCHER, "--launch-immediately"], env=env,
            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
        ))  # fmt: skip
        app_env = {
            **env,
            "QT_LINUX_ACCESSIBILITY_ALWAYS_ON": "1",
            "QT_QPA_PLATFORM": "xcb",
            # this checkout's code, whichever venv runs the test
            "PYTHONPATH": str(ROOT),
            # nothing may start a keyring daemon on the private bus
            "PYTHON_KEYRING_BACKEND": "keyring.backends.fail.Keyring",
        }
        with log.open("wb") as out:
            desk.procs.append(subprocess.Popen(
                [sys.executable, "-m", "opentok_studio", "gui"], env=app_env,
                stdout=out, stderr=subprocess.STDOUT, cwd=home,
            ))  # fmt: skip
        report = desk.snapshot(wait=APPEAR_S)
        if report["app"] is None:
            pytest.fail(f"{TITLE} did not appear on the accessibility bus within "
                        f"{APPEAR_S} s\n{desk.tail()}")  # fmt: skip
        yield desk
    finally:
        # The registry daemon detached from the launcher: its PID came from
        # the bus (were it unknown, it still leaves with the session bus).
        # Then the app, the buses and the display, newest first.
        if desk.registry_pid:
            _end(desk.registry_pid)
        for proc in reversed(desk.procs):
            _end(proc.pid)
            proc.wait(timeout=5)
            if proc.stdout is not None:
                proc.stdout.close()


def focused(report: Report) -> list[Report]:
    """The objects that say they have the keyboard focus. Qt also marks the
    current page tab focused wherever the focus is: not counted."""
    return [node for node in report["nodes"]
            if "focused" in node["states"] and node["role"] != "page tab"]  # fmt: skip


def window(desk: Desktop) -> str:
    """The main window's X id, focused: with no window manager it never
    becomes active by itself, and keys would go nowhere."""
    wid = desk.xdotool("search", "--sync", "--onlyvisible", "--name",
                       f"^{TITLE}$").split()[0]  # fmt: skip
    desk.xdotool("windowfocus", "--sync", wid)
    return wid


def test_the_app_and_its_window_are_on_the_bus(desktop: Desktop) -> None:
    report = desktop.snapshot()
    assert report["app"] == {"name": TITLE, "role": "application"}
    frames = [n for n in report["nodes"] if n["path"].count("/") == 0]
    assert [(f["role"], f["name"]) for f in frames] == [("frame", TITLE)]
    assert "showing" in frames[0]["states"]
    assert report["registry_pid"], "the AT-SPI registry is not on the bus"


def assert_named(report: Report, where: str) -> set[str]:
    """Every showing control has a name and a role; returns the roles seen."""
    controls = [
        node for node in report["nodes"]
        if "showing" in node["states"]
        and (node["role"] in CONTROL_ROLES
             # a control Qt cannot describe still takes the focus
             or ("focusable" in node["states"] and node["role"] in {"unknown", "invalid"}))
    ]  # fmt: skip
    bad = [
        f"{n['path']} {n['role']} name={n['name']!r}"
        for n in controls
        if not n["name"].strip() or n["role"] in NO_ROLES
        # on Linux Qt names a combo box by its current text; a screen reader
        # says its label (the labelled-by relation) first
        or (n["role"] == "combo box" and not any(s.strip() for s in n["labelled_by"]))
    ]  # fmt: skip
    listed = "\n".join(bad)
    assert not bad, f"{where}: no accessible name or role on the bus:\n{listed}"
    return {node["role"] for node in controls}


def settled(desk: Desktop, holds: Callable[[Report], bool], what: str) -> Report:
    """A snapshot for which ``holds`` is true and that the next one repeats: a
    lazy tab builds its page on a later turn of Qt's loop."""
    seen: list[list[tuple[str, str, str]]] = []

    def stable(report: Report) -> bool:
        shape = [(n["path"], n["role"], n["name"]) for n in report["nodes"]]
        same = bool(seen) and seen[-1] == shape
        seen.append(shape)
        return holds(report) and same

    return desk.until(stable, what)


def named_focus(report: Report) -> list[Report]:
    """Focused controls with a name. Qt also says "focused" of a container
    whose focus proxy has the focus: those are not counted."""
    return [n for n in focused(report)
            if n["role"] in CONTROL_ROLES and n["name"].strip()]  # fmt: skip


def selected_tab(report: Report) -> list[str]:
    return [n["name"] for n in report["nodes"]
            if n["role"] == "page tab" and "selected" in n["states"]]  # fmt: skip


@pytest.mark.parametrize(("tab", "letter"), TABS)
def test_each_tab_opens_by_its_alt_letter_and_names_its_controls(
    desktop: Desktop, tab: str, letter: str
) -> None:
    window(desktop)
    desktop.xdotool("key", f"alt+{letter}")
    # The tab is selected and the focus rests on a control a screen reader can
    # name (on the Scan tab it stayed on the unnamed page: gui/mainwindow.py).
    report = settled(
        desktop,
        lambda r: selected_tab(r) == [tab] and named_focus(r),
        f"Alt+{letter} opening {tab}, the focus on a named control",
    )
    (page_tab,) = [n for n in report["nodes"]
                   if n["role"] == "page tab" and n["name"] == tab]  # fmt: skip
    assert f"Alt+{letter.upper()}" in page_tab["keys"]
    roles = assert_named(report, f"the {tab} tab")
    if tab == "Make token":  # its kinds of control were all looked at
        assert {"push button", "check box", "combo box", "text", "password text",
                "page tab", "menu item"} <= roles, roles  # fmt: skip


def test_alt_letters_move_the_focus(desktop: Desktop) -> None:
    window(desktop)
    desktop.xdotool("key", "alt+y")  # "API ke&y:"
    desktop.until(
        lambda r: [(n["role"], n["name"]) for n in focused(r)] == [("text", "API key:")],
        "Alt+Y focusing the API key field",
    )  # fmt: skip
    desktop.xdotool("key", "alt+c")  # "API se&cret:"
    desktop.until(
        lambda r: [(n["role"], n["name"]) for n in focused(r)]
        == [("password text", "API secret:")],
        "Alt+C focusing the API secret field",
    )  # fmt: skip


def test_a_typed_secret_never_crosses_the_bus(desktop: Desktop) -> None:
    secret = vectors.API_SECRET
    window(desktop)
    desktop.xdotool("key", "alt+c")
    desktop.until(
        lambda r: [n["role"] for n in focused(r)] == ["password text"],
        "the API secret field taking the focus",
    )  # fmt: skip
    desktop.xdotool("key", "ctrl+a", "BackSpace")
    desktop.xdotool("type", "--delay", "2", secret)

    def typed(report: Report) -> bool:
        boxes = [n for n in report["nodes"] if n["role"] == "password text"]
        return len(boxes) == 1 and len(boxes[0]["text"] or "") == len(secret)

    # the Text interface gives one mask character per typed one, never the text
    report = desktop.until(typed, "the typed secret's length in the field")
    (box,) = [n for n in report["nodes"] if n["role"] == "password text"]
    assert box["name"] == "API secret:"
    assert set(box["text"]) <= {"●", "*", "•"}, "the secret field's text is clear"
    leaks = [
        f"{n['path']} {n['role']} {n['name']!r}"
        for n in report["nodes"]
        for value in (n["name"], n["description"], n["text"] or "")
        if secret in value or secret[-16:] in value
    ]
    assert not leaks, "the secret is readable over the bus:\n" + "\n".join(leaks)
