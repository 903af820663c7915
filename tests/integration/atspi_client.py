"""What a screen reader sees of the window: an AT-SPI client (tests/integration/test_atspi.py).

Run by the system ``/usr/bin/python3`` with Debian's ``python3-pyatspi`` (the
project's venv has no GObject bindings), with the test's DBUS_SESSION_BUS_ADDRESS.
It waits for the application named ``argv[1]`` on the accessibility bus, walks
what is showing of it and prints one JSON object on stdout; the test asserts.
"""

from __future__ import annotations

import json
import sys
import time
from typing import Any

import pyatspi
from gi.repository import Gio, GLib

#: A walk never needs more; a runaway tree (a huge table) stops here.
MAX_NODES = 3000
#: Roles whose children are cells or items: their count is enough.
NO_DESCENT = {pyatspi.ROLE_TABLE, pyatspi.ROLE_TREE_TABLE, pyatspi.ROLE_LIST,
              pyatspi.ROLE_TREE}  # fmt: skip
STATES = {
    "showing": pyatspi.STATE_SHOWING,
    "focusable": pyatspi.STATE_FOCUSABLE,
    "focused": pyatspi.STATE_FOCUSED,
    "enabled": pyatspi.STATE_ENABLED,
    "selected": pyatspi.STATE_SELECTED,
}


def registry_pid() -> int | None:
    """The registry daemon's PID: it detaches from the bus launcher, so the test
    asks the accessibility bus who owns the registry's name and ends it by PID."""
    try:
        session = Gio.bus_get_sync(Gio.BusType.SESSION, None)
        (address,) = session.call_sync(
            "org.a11y.Bus", "/org/a11y/bus", "org.a11y.Bus", "GetAddress",
            None, GLib.VariantType("(s)"), Gio.DBusCallFlags.NONE, 2000, None,
        ).unpack()  # fmt: skip
        flags = (
            Gio.DBusConnectionFlags.AUTHENTICATION_CLIENT
            | Gio.DBusConnectionFlags.MESSAGE_BUS_CONNECTION
        )
        bus = Gio.DBusConnection.new_for_address_sync(address, flags, None, None)
        (pid,) = bus.call_sync(
            "org.freedesktop.DBus", "/org/freedesktop/DBus", "org.freedesktop.DBus",
            "GetConnectionUnixProcessID", GLib.Variant("(s)", ("org.a11y.atspi.Registry",)),
            GLib.VariantType("(u)"), Gio.DBusCallFlags.NONE, 2000, None,
        ).unpack()  # fmt: skip
        bus.close_sync(None)
        return int(pid)
    except GLib.Error:
        return None


def find_app(name: str, wait: float) -> Any:
    """The application ``name`` once it shows a frame, or None after ``wait`` s."""
    deadline = time.monotonic() + wait
    while True:
        desktop = pyatspi.Registry.getDesktop(0)
        for app in desktop:
            if app is not None and app.name == name and app.childCount > 0:
                return app
        if time.monotonic() > deadline:
            return None
        time.sleep(0.1)


def text_of(node: Any) -> str | None:
    try:
        text = node.queryText()
    except NotImplementedError:
        return None
    return str(text.getText(0, min(text.characterCount, 2000)))


def keys_of(node: Any) -> list[str]:
    """The Action interface's key bindings: where Qt shows an Alt+letter."""
    try:
        action = node.queryAction()
    except NotImplementedError:
        return []
    return [k for i in range(action.nActions) if (k := action.getKeyBinding(i))]


def describe(node: Any, path: str) -> dict[str, object]:
    state = node.getState()
    labelled_by = [
        relation.getTarget(i).name
        for relation in node.getRelationSet()
        if relation.getRelationType() == pyatspi.RELATION_LABELLED_BY
        for i in range(relation.getNTargets())
    ]
    return {
        "path": path,
        "role": node.getRoleName(),
        "name": node.name,
        "description": node.description,
        "states": [key for key, value in STATES.items() if state.contains(value)],
        "labelled_by": labelled_by,
        "text": text_of(node),
        "keys": keys_of(node),
        "children": node.childCount,
    }


def walk(app: Any) -> list[dict[str, object]]:
    """Every showing object under the application's top-level windows."""
    found: list[dict[str, object]] = []
    stack = [(app.getChildAtIndex(i), str(i)) for i in range(app.childCount)]
    while stack and len(found) < MAX_NODES:
        node, path = stack.pop()
        if node is None:
            continue
        info = describe(node, path)
        found.append(info)
        if "showing" not in info["states"] or node.getRole() in NO_DESCENT:
            continue
        for i in reversed(range(node.childCount)):
            stack.append((node.getChildAtIndex(i), f"{path}/{i}"))
    return found


def main(argv: list[str]) -> int:
    name, wait = argv[1], float(argv[2])
    app = find_app(name, wait)
    report: dict[str, object] = {"registry_pid": registry_pid(), "app": None}
    if app is not None:
        report["app"] = {"name": app.name, "role": app.getRoleName()}
        report["nodes"] = walk(app)
    json.dump(report, sys.stdout)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
