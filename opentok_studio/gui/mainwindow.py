"""The main window: credentials on top, Make token and Decode tabs, menus, status bar."""

from __future__ import annotations

import time

from PySide6.QtCore import Qt, Slot
from PySide6.QtGui import QAction, QActionGroup, QCloseEvent, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QApplication,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QMainWindow,
    QMessageBox,
    QSpinBox,
    QSplitter,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from opentok_studio import __version__
from opentok_studio.core.decoder import decode
from opentok_studio.core.errors import StudioError
from opentok_studio.core.model import ApplicationCredentials
from opentok_studio.core.signer import make_token, request_errors
from opentok_studio.core.timeparse import format_relative
from opentok_studio.gui import theme
from opentok_studio.gui.clipboard import ClipboardGuard
from opentok_studio.gui.credentials import CredentialsPanel
from opentok_studio.gui.decodetab import DecodeTab
from opentok_studio.gui.prefs import Prefs
from opentok_studio.gui.result import ResultPane
from opentok_studio.gui.tokenform import TokenForm

TITLE = "OpenTok Studio"
MAKE_TAB, DECODE_TAB = 0, 1


class MainWindow(QMainWindow):
    """Composes the panels; every token rule stays in the core."""

    def __init__(self, prefs: Prefs, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.prefs = prefs
        self.setWindowTitle(TITLE)
        self.clipboard = ClipboardGuard(self)

        self.credentials = CredentialsPanel()
        self.form = TokenForm()
        self.result = ResultPane()
        self.decode_tab = DecodeTab()
        self.split = QSplitter(Qt.Orientation.Horizontal)
        self.split.addWidget(self.form)
        self.split.addWidget(self.result)
        self.split.setStretchFactor(0, 1)
        self.split.setStretchFactor(1, 1)
        self.split.setChildrenCollapsible(False)
        self.split.setSizes([450, 550])
        self.tabs = QTabWidget()
        self.tabs.addTab(self.split, "&Make token")
        self.tabs.addTab(self.decode_tab, "&Decode")
        central = QWidget()
        layout = QVBoxLayout(central)
        layout.addWidget(self.credentials)
        layout.addWidget(self.tabs, 1)
        self.setCentralWidget(central)
        self.statusBar().showMessage("Ready: enter credentials and a session ID.")

        index = self.form.format.findData(prefs.token_format)
        self.form.format.setCurrentIndex(max(0, index))
        self.tabs.setCurrentIndex(prefs.tab if prefs.tab in (0, 1) else 0)
        geometry = prefs.geometry()
        if geometry is None or not self.restoreGeometry(geometry):
            self.resize(1200, 760)

        self._build_menus()
        self.credentials.credentialsChanged.connect(self._on_inputs_changed)
        self.form.requestChanged.connect(self._on_inputs_changed)
        self.form.generateRequested.connect(self.generate)
        self.result.copyRequested.connect(self.copy_token)
        self.clipboard.tick.connect(self._on_clipboard_tick)
        self.clipboard.cleared.connect(self._on_clipboard_cleared)
        self.decode_tab.decoded.connect(self._on_decode_tab_decoded)
        self.setTabOrder(self.credentials.kind, self.credentials.api_key)
        self.setTabOrder(self.credentials.api_key, self.credentials.api_secret)
        self.setTabOrder(self.credentials.api_secret, self.credentials.reveal)
        self.setTabOrder(self.credentials.reveal, self.tabs)
        self._on_inputs_changed()

    # -- menus and shortcuts --------------------------------------------------

    def _build_menus(self) -> None:
        file_menu = self.menuBar().addMenu("&File")
        quit_action = QAction("&Quit", self)
        quit_action.setShortcut(QKeySequence.StandardKey.Quit)
        quit_action.triggered.connect(self.close)
        file_menu.addAction(quit_action)

        edit = self.menuBar().addMenu("&Edit")
        self.generate_action = QAction("&Generate token", self)
        self.generate_action.setShortcuts(
            [QKeySequence("Ctrl+Return"), QKeySequence("Ctrl+Enter")]
        )
        self.generate_action.triggered.connect(self.generate)
        self.copy_action = QAction("&Copy token", self)
        self.copy_action.setShortcut(QKeySequence("Ctrl+Shift+C"))
        self.copy_action.triggered.connect(self.copy_token)
        prefs_action = QAction("&Preferences…", self)
        prefs_action.setShortcut(QKeySequence.StandardKey.Preferences)
        prefs_action.triggered.connect(self.edit_preferences)
        for action in (self.generate_action, self.copy_action, prefs_action):
            edit.addAction(action)
            self.addAction(action)  # shortcuts work wherever focus is

        view = self.menuBar().addMenu("&View")
        for index, name in ((MAKE_TAB, "&Make token"), (DECODE_TAB, "&Decode")):
            action = QAction(name, self)
            action.setShortcut(QKeySequence(f"Ctrl+{index + 1}"))
            action.triggered.connect(
                lambda _=False, i=index: self.tabs.setCurrentIndex(i)
            )
            view.addAction(action)
            self.addAction(action)
        themes = view.addMenu("&Theme")
        group = QActionGroup(self)
        for value, label in ((theme.Theme.SYSTEM, "&System"),
                             (theme.Theme.LIGHT, "&Light"), (theme.Theme.DARK, "&Dark")):  # fmt: skip
            action = QAction(label, self, checkable=True)
            action.setChecked(self.prefs.theme is value)
            action.triggered.connect(lambda _=False, v=value: self.set_theme(v))
            group.addAction(action)
            themes.addAction(action)

        help_menu = self.menuBar().addMenu("&Help")
        about = QAction("&About OpenTok Studio", self)
        about.triggered.connect(self._on_about_triggered)
        help_menu.addAction(about)
        self._escape = QShortcut(QKeySequence("Ctrl+L"), self)
        self._escape.activated.connect(self.form.session_id.setFocus)

    # -- actions --------------------------------------------------------------

    @Slot()
    def generate(self) -> None:
        """Make a token from the form; problems go next to the fields."""
        self.tabs.setCurrentIndex(MAKE_TAB)
        self._on_inputs_changed()
        credentials = self.credentials.credentials()
        if credentials is None or not self.form.generate.isEnabled():
            self.statusBar().showMessage(self.form.reason.text() or "Not ready.")
            return
        now = int(time.time())
        try:
            token = make_token(self.form.request(), credentials, now=now)
        except StudioError as e:
            self.form.reason.show_state("error", str(e))
            self.statusBar().showMessage(f"Not generated: {e}")
            return
        decoded = decode(token, credentials, now=now)
        self.result.show_token(token, decoded)
        kind = "T1" if decoded.format == "t1" else f"JWT ({decoded.alg})"
        when = format_relative(decoded.expires_at or now, now)
        self.statusBar().showMessage(f"Generated a {kind} token; it expires {when}.")

    @Slot()
    def copy_token(self) -> None:
        token = self.result.current_token()
        if not token:
            self.statusBar().showMessage("Nothing to copy yet: generate a token first.")
            return
        seconds = self.prefs.clipboard_seconds
        self.clipboard.copy(token, seconds)
        if seconds == 0:
            self.result.set_feedback("Copied. (Automatic clearing is off.)")
        self.statusBar().showMessage("Token copied to the clipboard.")

    @Slot()
    def edit_preferences(self) -> None:
        dialog = PreferencesDialog(self.prefs, self)
        if dialog.exec() == QDialog.DialogCode.Accepted:
            dialog.save()
            self.set_theme(self.prefs.theme)

    def set_theme(self, value: theme.Theme) -> None:
        self.prefs.theme = value
        app = QApplication.instance()
        if isinstance(app, QApplication):
            theme.apply(app, value)
        self._on_inputs_changed()  # state colours follow the palette

    # -- slots ----------------------------------------------------------------

    @Slot()
    def _on_inputs_changed(self) -> None:
        identity = self.credentials.identity()
        now = int(time.time())
        errors = request_errors(self.form.request(), identity, now)
        self.form.set_for_application(isinstance(identity, ApplicationCredentials))
        self.form.show_validation(errors, identity, self.credentials.missing())
        self.generate_action.setEnabled(self.form.generate.isEnabled())
        self.decode_tab.set_credentials(identity)

    @Slot(int)
    def _on_clipboard_tick(self, left: int) -> None:
        if left > 0:
            self.result.set_feedback(f"Copied ✓ The clipboard clears in {left} s.")
        else:
            self.result.set_feedback("Clipboard changed since: not cleared by us.")

    @Slot()
    def _on_clipboard_cleared(self) -> None:
        self.result.set_feedback("Clipboard cleared.")
        self.statusBar().showMessage("The copied token was cleared from the clipboard.")

    @Slot(object)
    def _on_decode_tab_decoded(self, decoded: object) -> None:
        problems = getattr(decoded, "problems", ())
        self.statusBar().showMessage(
            f"Decoded: {len(problems)} problem(s)."
            if problems
            else "Decoded: no problems."
        )

    @Slot()
    def _on_about_triggered(self) -> None:
        QMessageBox.about(
            self,
            "About OpenTok Studio",
            f"OpenTok Studio {__version__}\nMake, decode and explain OpenTok and "
            "Vonage Video tokens. Tokens are signed locally; nothing is sent.",
        )

    def closeEvent(self, event: QCloseEvent) -> None:  # noqa: N802 - Qt override
        self.prefs.set_geometry(self.saveGeometry())
        self.prefs.tab = self.tabs.currentIndex()
        self.prefs.token_format = str(self.form.format.currentData())
        self.prefs.sync()
        self.clipboard.clear_if_ours()
        super().closeEvent(event)


class PreferencesDialog(QDialog):
    """Non-secret preferences: clipboard clearing and theme."""

    def __init__(self, prefs: Prefs, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Preferences")
        self.prefs = prefs
        self.seconds = QSpinBox()
        self.seconds.setRange(0, 3600)
        self.seconds.setSuffix(" s")
        self.seconds.setSpecialValueText("never")
        self.seconds.setValue(prefs.clipboard_seconds)
        self.theme = QComboBox()
        for value in theme.Theme:
            self.theme.addItem(value.value.capitalize(), value)
        self.theme.setCurrentIndex(list(theme.Theme).index(prefs.theme))
        form = QFormLayout(self)
        form.addRow("Clear the clipboard after:", self.seconds)
        form.addRow("Theme:", self.theme)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        form.addRow(buttons)

    def save(self) -> None:
        self.prefs.clipboard_seconds = self.seconds.value()
        self.prefs.theme = self.theme.currentData()
