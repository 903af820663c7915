"""The window's menus: every action in its menu, with its keys."""

from __future__ import annotations

from PySide6.QtGui import QKeySequence

from opentok_studio.gui.mainwindow import MainWindow
from opentok_studio.gui.theme import Theme


def _menu_texts(window: MainWindow) -> dict[str, list[str]]:
    return {
        action.text(): [a.text() for a in action.menu().actions()]
        for action in window.menuBar().actions()
    }


def test_menus_hold_their_actions(window: MainWindow) -> None:
    menus = _menu_texts(window)
    assert menus["&File"] == [
        "&Open HAR or log…",
        "&Import profiles…",
        "&Export profiles…",
        "",
        "&Quit",
    ]
    assert menus["&Edit"] == ["&Generate token", "&Copy token",
                              "&Batch of tokens…", "&Preferences…"]  # fmt: skip
    assert menus["&View"][:3] == ["&Presenter mode", "&Make token", "&Decode"]
    assert menus["&Help"] == ["&About OpenTok Studio"]


def test_keys(window: MainWindow) -> None:
    def keys(action) -> list[str]:  # type: ignore[no-untyped-def]
        return [k.toString() for k in action.shortcuts()]

    assert keys(window.generate_action) == ["Ctrl+Return", "Ctrl+Enter"]
    assert keys(window.copy_action) == ["Ctrl+Shift+C"]
    assert keys(window.presenter_action) == ["Ctrl+Shift+P"]
    assert window.presenter_action.isCheckable()
    assert window._focus_session.key() == QKeySequence("Ctrl+L")


def test_theme_menu_checks_the_saved_theme(window: MainWindow) -> None:
    view = next(a.menu() for a in window.menuBar().actions() if a.text() == "&View")
    themes = next(a.menu() for a in view.actions() if a.text() == "&Theme")
    checked = [a.text() for a in themes.actions() if a.isChecked()]
    assert checked == [{Theme.SYSTEM: "&System", Theme.LIGHT: "&Light",
                        Theme.DARK: "&Dark"}[window.prefs.theme]]  # fmt: skip
