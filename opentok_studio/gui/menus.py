"""The window's menus: every action, its keys and its menu, in one place."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtGui import QAction, QActionGroup, QKeySequence, QShortcut
from PySide6.QtWidgets import QMainWindow, QMenu

from opentok_studio.gui.theme import Theme

#: A menu action's keys: the platform's standard ones, or sequences as text.
Keys = QKeySequence.StandardKey | Sequence[str]
THEMES = ((Theme.SYSTEM, "&System"), (Theme.LIGHT, "&Light"), (Theme.DARK, "&Dark"))


class WindowActions:
    """The actions of the File, Edit, View and Help menus; the window connects
    their ``triggered`` (``toggled`` for presenter) to its slots.

    Attributes:
        show_tab: one action per tab with a Ctrl+<n> shortcut, by tab index.
        themes: View > Theme, one checkable action per Theme.
        focus_session: Ctrl+L, to the form's session ID.
    """

    def __init__(
        self, window: QMainWindow, menus: Sequence[QMenu], theme: Theme
    ) -> None:
        self._window = window
        file_menu, edit, view, help_menu = menus
        self.open_file = self._add(
            file_menu, "&Open HAR or log…", QKeySequence.StandardKey.Open
        )
        # Ctrl+V where no text field takes it: a tab, a button, a table.
        self.paste_anything = QAction("Paste anywhere", window)
        self.paste_anything.setShortcuts(QKeySequence.StandardKey.Paste)
        window.addAction(self.paste_anything)
        self.import_profiles = self._add(file_menu, "&Import profiles…", [])
        self.export_profiles = self._add(file_menu, "&Export profiles…", [])
        file_menu.addSeparator()
        self.quit = self._add(file_menu, "&Quit", QKeySequence.StandardKey.Quit)
        self.generate = self._add(
            edit, "&Generate token", ["Ctrl+Return", "Ctrl+Enter"]
        )
        self.copy = self._add(edit, "&Copy token", ["Ctrl+Shift+C"])
        self.batch = self._add(edit, "&Batch of tokens…", ["Ctrl+B"])
        self.preferences = self._add(
            edit, "&Preferences…", QKeySequence.StandardKey.Preferences
        )
        self.presenter = self._add(view, "&Presenter mode", ["Ctrl+Shift+P"])
        self.presenter.setCheckable(True)
        self.show_tab = {
            index: self._add(view, name, [f"Ctrl+{index + 1}"])
            for index, name in (
                (0, "&Make token"),
                (1, "&Decode"),
                (2, "C&ompare"),
                (3, "H&istory"),
            )  # fmt: skip
        }
        themes = view.addMenu("&Theme")
        group = QActionGroup(window)
        self.themes: dict[Theme, QAction] = {}
        for value, label in THEMES:
            action = QAction(label, window, checkable=True)
            action.setChecked(theme is value)
            group.addAction(action)
            themes.addAction(action)
            self.themes[value] = action
        self.about = QAction("&About OpenTok Studio", window)
        help_menu.addAction(self.about)
        self.focus_session = QShortcut(QKeySequence("Ctrl+L"), window)

    def _add(self, menu: QMenu, label: str, keys: Keys) -> QAction:
        action = QAction(label, self._window)
        # setShortcuts, never setShortcut: PySide resolves setShortcut's
        # overloads through Qt's namespace (~12 ms of enums).
        if isinstance(keys, QKeySequence.StandardKey):
            action.setShortcuts(keys)
        else:
            action.setShortcuts([QKeySequence(k) for k in keys])
        menu.addAction(action)
        self._window.addAction(action)  # shortcuts work wherever focus is
        return action
