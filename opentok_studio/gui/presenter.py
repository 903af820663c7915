"""Presenter mode for the main window: a projector's large type, no account
identifier on screen, the QR code of the join link, and on leaving the exact
window the user had (#15). Fonts scale in gui/theme.py; texts are redacted
by gui/redact.py; this module sequences the two over the window's panels.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtWidgets import QApplication, QWidget

from opentok_studio.gui import redact, theme
from opentok_studio.gui.mainwindow import COMPARE_TAB, DECODE_TAB
from opentok_studio.gui.widgets import HintLabel

if TYPE_CHECKING:
    from PySide6.QtCore import QRect, Qt

    from opentok_studio.gui.mainwindow import MainWindow


class PresenterMode:
    """Enters and leaves presenter mode on a built MainWindow.

    Attributes:
        on: presenter mode is on.
    """

    def __init__(self, window: MainWindow) -> None:
        self._window = window
        self.on = False
        #: (windowState(), geometry()) when presenter mode began.
        self._normal_geometry: tuple[Qt.WindowState, QRect] | None = None

    def set(self, on: bool) -> None:
        """Projector mode: large type, profile names only, no identifier of the
        account, the token with a big QR code of the join link, the form without
        scrolling. Leaving restores the fonts, then the exact geometry (#15)."""
        if on == self.on:
            return
        self.on = on
        w = self._window
        if on:  # saved before anything grows
            self._normal_geometry = (w.windowState(), w.geometry())
        app = QApplication.instance()
        redact.set_presenter(on)
        self.update_identifiers()
        if isinstance(app, QApplication):
            theme.set_presenter(app, on, w.prefs.theme)
        w.credentials.set_presenter(on)
        w.make_tab.set_presenter(on)
        w.restyle()
        self._show_redacted()
        w.statusBar().showMessage(
            "Presenter mode: secrets hidden; Ctrl+Shift+P to leave." if on else ""
        )
        if not on and self._normal_geometry is not None:
            state, geometry = self._normal_geometry
            self._normal_geometry = None
            # The fonts are back: let the layouts take their old minimum sizes
            # before the window takes its old geometry, or it keeps the larger.
            if isinstance(app, QApplication):
                app.sendPostedEvents()
            for widget in (w.centralWidget(), w):
                layout = widget.layout() if widget is not None else None
                if layout is not None:
                    layout.invalidate()
                    layout.activate()
            # Qt's namespace costs start-up time (~12 ms): only when used.
            from PySide6.QtCore import Qt

            # The client rectangle, not restoreGeometry(): that one guesses
            # the frame and put the window 25 px lower under Xvfb.
            w.setWindowState(state)
            if not state & (
                Qt.WindowState.WindowMaximized | Qt.WindowState.WindowFullScreen
            ):
                w.setGeometry(geometry)
            theme.reset_scroll_bars(w.findChildren(QWidget))

    def update_identifiers(self) -> None:
        """What presenter mode must not show: the key or application ID, the
        secret and the private key's path (gui/redact.py)."""
        c = self._window.credentials
        redact.set_identifiers(
            api_key=c.api_key.text(),
            application_id=c.application_id.text(),
            secrets=(c.api_secret.text(), c.key_path.text()),
        )

    def _show_redacted(self) -> None:
        # Every text from the core is drawn again, redacted or in full.
        w = self._window
        for label in w.findChildren(HintLabel):
            if label.isVisibleTo(w) or label.raw_text:
                visible = label.isVisibleTo(label.parentWidget() or w)
                label.reshow()
                label.setVisible(visible)
        w.make_tab.validate()
        w.result.redraw_view()
        for index in (DECODE_TAB, COMPARE_TAB):
            tab = w.tabs.built(index)
            if tab is not None:
                tab.refresh()  # type: ignore[attr-defined]
