"""The main window: credentials on top, Make token and Decode tabs, menus, status bar."""

from __future__ import annotations

import time
from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, Qt, QTimer, Slot
from PySide6.QtGui import QAction, QActionGroup, QCloseEvent, QKeySequence, QShortcut

# Only what the frame needs: each Qt class imported builds its Python enums
# (QMessageBox alone ~40), which is start-up time; the rest loads in build().
from PySide6.QtWidgets import (
    QApplication,
    QListWidgetItem,
    QMainWindow,
    QVBoxLayout,
    QWidget,
)

from opentok_studio import __version__
from opentok_studio.core.model import TokenFormat
from opentok_studio.gui import theme
from opentok_studio.gui.clipboard import ClipboardGuard
from opentok_studio.gui.prefs import Prefs
from opentok_studio.gui.widgets import HintLabel

if TYPE_CHECKING:
    from opentok_studio.core.model import Decoded
    from opentok_studio.store.profiles import Profile

TITLE = "OpenTok Studio"
MAKE_TAB, DECODE_TAB = 0, 1


class MainWindow(QMainWindow):
    """Composes the panels; every token rule stays in the core."""

    def __init__(
        self, prefs: Prefs, parent: QWidget | None = None, *, deferred: bool = False
    ) -> None:
        """Args:
        deferred: paint the frame first and build the panels right after, so
            the token core and the panels' imports stay off the path to the
            first paint (the start-up target of the window issue).
        """
        # Set before the base class runs: Qt delivers events to event() early.
        self._deferred = deferred
        self.built = False
        super().__init__(parent)
        self.prefs = prefs
        self.setWindowTitle(TITLE)
        self.clipboard = ClipboardGuard(self)
        geometry = prefs.geometry()
        if geometry is None or not self.restoreGeometry(geometry):
            self.resize(1200, 760)
        self._build_menus()
        if deferred:
            self.statusBar().showMessage("Loading…")
        else:
            self.build()

    def event(self, event: QEvent) -> bool:
        # The frame has painted: now build the panels (deferred start only).
        if self._deferred and not self.built and event.type() == QEvent.Type.Paint:
            self._deferred = False
            QTimer.singleShot(0, self, self.build)
        return super().event(event)

    @Slot()
    def build(self) -> None:
        """Make the panels (once)."""
        if self.built:
            return
        from PySide6.QtWidgets import QListWidget, QSplitter, QTabWidget

        from opentok_studio.gui.comparetab import CompareTab
        from opentok_studio.gui.credentials import CredentialsPanel
        from opentok_studio.gui.decodetab import DecodeTab
        from opentok_studio.gui.result import ResultPane
        from opentok_studio.gui.tokenform import TokenForm

        self.credentials = CredentialsPanel()
        self.form = TokenForm()
        self.result = ResultPane()
        self.decode_tab = DecodeTab()
        self.compare_tab = CompareTab()
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
        self.tabs.addTab(self.compare_tab, "Com&pare")
        self.history = QListWidget()
        self.history.setAccessibleName("Tokens made in this run")
        self.history.setToolTip("Kept in memory only; double-click to decode")
        self.tabs.addTab(self.history, "H&istory")
        central = QWidget()
        layout = QVBoxLayout(central)
        layout.addWidget(self.credentials)
        layout.addWidget(self.tabs, 1)
        self.setCentralWidget(central)
        self.statusBar().showMessage("Ready: enter credentials and a session ID.")

        index = self.form.format.findData(self.prefs.token_format)
        self.form.format.setCurrentIndex(max(0, index))
        tab = self.prefs.tab
        self.tabs.setCurrentIndex(tab if 0 <= tab < self.tabs.count() else MAKE_TAB)
        self.credentials.credentialsChanged.connect(self._on_user_input)
        self.credentials.profileChosen.connect(self._on_credentials_profile_chosen)
        self.form.requestChanged.connect(self._on_user_input)
        self.form.generateRequested.connect(self.generate)
        self.form.newSessionRequested.connect(self.new_session)
        self.result.copyRequested.connect(self.copy_token)
        self.clipboard.tick.connect(self._on_clipboard_tick)
        self.clipboard.cleared.connect(self._on_clipboard_cleared)
        self.decode_tab.decoded.connect(self._on_decode_tab_decoded)
        self.decode_tab.remintRequested.connect(self.remint)
        self.decode_tab.whoSignedRequested.connect(self.who_signed)
        self.result.snippetsRequested.connect(self.show_snippets)
        self.history.itemActivated.connect(self._on_history_activated)
        self.result.join.clicked.connect(self.copy_join_link)
        self._focus_session.activated.connect(self.form.session_id.setFocus)
        self.setTabOrder(self.credentials.kind, self.credentials.api_key)
        self.setTabOrder(self.credentials.api_key, self.credentials.api_secret)
        self.setTabOrder(self.credentials.api_secret, self.credentials.reveal)
        self.setTabOrder(self.credentials.reveal, self.tabs)
        self.built = True
        self._on_inputs_changed()
        # Keyboard users start where the work is: the key, else the session.
        if not self.credentials.api_key.text():
            self.credentials.api_key.setFocus()
        else:
            self.form.session_id.setFocus()

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
        batch_action = QAction("&Batch of tokens…", self)
        batch_action.setShortcut(QKeySequence("Ctrl+B"))
        batch_action.triggered.connect(self.open_batch)
        for action in (
            self.generate_action,
            self.copy_action,
            batch_action,
            prefs_action,
        ):
            edit.addAction(action)
            self.addAction(action)  # shortcuts work wherever focus is

        view = self.menuBar().addMenu("&View")
        self.presenter_action = QAction("&Presenter mode", self, checkable=True)
        self.presenter_action.setShortcut(QKeySequence("Ctrl+Shift+P"))
        self.presenter_action.toggled.connect(self.set_presenter)
        view.addAction(self.presenter_action)
        self.addAction(self.presenter_action)
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
        self._focus_session = QShortcut(QKeySequence("Ctrl+L"), self)

    # -- actions --------------------------------------------------------------

    def _show_tab(self, index: int) -> None:
        if self.built:
            self.tabs.setCurrentIndex(index)

    @Slot()
    def generate(self) -> None:
        """Make a token from the form; problems go next to the fields."""
        from opentok_studio.core.decoder import decode
        from opentok_studio.core.errors import StudioError
        from opentok_studio.core.signer import make_token
        from opentok_studio.core.timeparse import format_relative

        if not self.built:
            return
        if (
            self.tabs.currentIndex() != MAKE_TAB
            and self.sender() is self.generate_action
        ):
            self.statusBar().showMessage(
                "Ctrl+Enter makes a token on the Make token tab."
            )
            return
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
        self.clipboard.clear_if_ours()  # the old token must not outlive its view
        self.result.show_token(token, decoded)
        self.remember(token, decoded)
        kind = "T1" if decoded.format is TokenFormat.T1 else f"JWT ({decoded.alg})"
        when = format_relative(decoded.expires_at or now, now)
        self.statusBar().showMessage(f"Generated a {kind} token; it expires {when}.")

    @Slot(bool)
    def set_presenter(self, on: bool) -> None:
        """Projector mode: large type, profile names only, the token big with a
        QR code and a join link. Leaving restores the usual layout."""
        if not self.built:
            return
        app = QApplication.instance()
        if isinstance(app, QApplication):
            theme.set_presenter(app, on, self.prefs.theme)
        self.credentials.set_presenter(on)
        self.result.set_presenter(on)
        for label in self.findChildren(HintLabel):  # colours for the new palette
            label.restyle()
        self.result.recolour()
        self.statusBar().showMessage(
            "Presenter mode: secrets hidden; Ctrl+Shift+P to leave." if on else ""
        )

    def join_link(self) -> str | None:
        """The presenter's URL template filled with the session and the token."""
        from urllib.parse import quote

        template, token = self.prefs.join_url, self.result.current_token()
        if not template or not token:
            return None
        request = self.form.request()
        return template.replace(
            "{session_id}", quote(request.session_id, safe="")
        ).replace("{token}", quote(token, safe=""))

    @Slot()
    def copy_join_link(self) -> None:
        from PySide6.QtWidgets import QInputDialog

        if not self.prefs.join_url:
            template, ok = QInputDialog.getText(
                self, "Join link", "URL template ({session_id} and {token} are filled in):",
                text="https://demo.example.com/join?session={session_id}&token={token}",
            )  # fmt: skip
            if not ok or not template:
                return
            self.prefs.join_url = template
        link = self.join_link()
        if link is None:
            self.statusBar().showMessage("Generate a token first.")
            return
        self.clipboard.copy(link, self.prefs.clipboard_seconds)
        self.statusBar().showMessage("Join link copied.")

    #: History keeps this many tokens, in memory only (a token is a credential).
    HISTORY_SIZE = 200

    def remember(self, token: str, decoded: Decoded) -> None:
        """Add a token to this run's history (never written anywhere)."""
        from PySide6.QtWidgets import QListWidgetItem

        kind = "T1" if decoded.format is TokenFormat.T1 else decoded.alg
        label = f"{time.strftime('%H:%M:%S')}  {decoded.role}  {kind}  {token[:40]}…"
        item = QListWidgetItem(label)
        item.setData(Qt.ItemDataRole.UserRole, token)
        self.history.insertItem(0, item)
        while self.history.count() > self.HISTORY_SIZE:
            self.history.takeItem(self.history.count() - 1)

    @Slot(QListWidgetItem)
    def _on_history_activated(self, item: QListWidgetItem) -> None:
        self.decode_tab.set_text(str(item.data(Qt.ItemDataRole.UserRole)))
        self.tabs.setCurrentIndex(DECODE_TAB)

    @Slot()
    def open_batch(self) -> None:
        """The batch dialog over the form's request and the current credentials."""
        from opentok_studio.gui.batchdialog import BatchDialog

        credentials = self.credentials.credentials()
        if credentials is None:
            missing = self.credentials.missing()
            self.statusBar().showMessage(f"A batch needs credentials: {missing}")
            return
        self.batch_dialog = BatchDialog(
            self.form.request(), credentials, self, clipboard=self.clipboard,
            clear_after=self.prefs.clipboard_seconds,
        )  # fmt: skip
        self.batch_dialog.open()

    @Slot(object)
    def remint(self, decoded: Decoded) -> None:
        """Fill the form like a decoded token, with a fresh default expiry."""
        from opentok_studio.core.snippets import remint_request
        from opentok_studio.gui.expiry import DEFAULT_PRESET

        request = remint_request(decoded)
        form = self.form
        form.session_id.setText(request.session_id)
        form.role.setCurrentIndex(max(0, form.role.findData(request.role)))
        form.data.setPlainText(request.data or "")
        form.layout_classes.setText(" ".join(request.layout_classes))
        form.expiry.set_preset(DEFAULT_PRESET)
        self.tabs.setCurrentIndex(MAKE_TAB)
        self.statusBar().showMessage(
            "The form holds the decoded token's session, role, data and layout; "
            "Generate makes a fresh one."
        )

    @Slot()
    def who_signed(self) -> None:
        """Check the Decode tab's token against every saved profile (keyring)."""
        from opentok_studio.core.errors import StudioError
        from opentok_studio.store.credentials import who_signed

        text = self.decode_tab.current_token()  # not the whole of a 1 MB paste
        try:
            result = who_signed(
                text, self.credentials.profiles.store, now=int(time.time())
            )
        except StudioError as e:
            self.decode_tab.signed_hint.show_state("error", str(e))
            return
        self.decode_tab.show_signers(result)
        if result.skipped:
            self.statusBar().showMessage("; ".join(result.skipped))

    @Slot()
    def new_session(self) -> None:
        """Create a session over the REST API; the window keeps running meanwhile."""
        import os

        from opentok_studio.core.errors import StudioError
        from opentok_studio.core.urls import api_base_url
        from opentok_studio.gui.newsession import NewSessionDialog

        credentials = self.credentials.credentials()
        if credentials is None:
            self.statusBar().showMessage(
                f"A new session needs credentials: {self.credentials.missing()}"
            )
            return
        profile = self.credentials.profiles.current()
        profile_url = profile.defaults.get("api_url") if profile is not None else None
        try:
            base = api_base_url(None, os.environ, profile_url)
        except StudioError as e:
            self.statusBar().showMessage(f"No new session: {e}")
            return
        self.session_dialog = NewSessionDialog(credentials, base, self)
        self.session_dialog.created.connect(self._on_session_created)
        self.session_dialog.open()

    @Slot(str)
    def _on_session_created(self, session_id: str) -> None:
        self.form.session_id.setText(session_id)
        self.statusBar().showMessage("Created a new session; it is in the form.")

    @Slot()
    def show_snippets(self) -> None:
        from opentok_studio.core.model import ApplicationCredentials
        from opentok_studio.core.snippets import application_calls, project_calls
        from opentok_studio.gui.snippetsdialog import SnippetsDialog

        request = self.form.request()
        if isinstance(self.credentials.identity(), ApplicationCredentials):
            calls = application_calls(request)
        else:
            calls = project_calls(request)
        SnippetsDialog(calls, self).exec()

    @Slot()
    def copy_token(self) -> None:
        if not self.built:
            return
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
        from PySide6.QtWidgets import QDialog

        from opentok_studio.gui.prefsdialog import PreferencesDialog

        dialog = PreferencesDialog(self.prefs, self)
        if dialog.exec() == QDialog.DialogCode.Accepted:
            dialog.save()
            self.set_theme(self.prefs.theme)

    def set_theme(self, value: theme.Theme) -> None:
        self.prefs.theme = value
        app = QApplication.instance()
        if isinstance(app, QApplication):
            theme.apply(app, value)
        self._on_inputs_changed()
        if self.built:  # state colours are drawn from the palette: draw again
            for label in self.findChildren(HintLabel):
                label.restyle()
            self.result.recolour()
            self.decode_tab.view.recolour()
            self.credentials.profiles.recolour()

    # -- slots ----------------------------------------------------------------

    @Slot(object)
    def _on_credentials_profile_chosen(self, profile: Profile) -> None:
        self.form.apply_defaults(profile.defaults)

    @Slot()
    def _on_user_input(self) -> None:
        if self.built:
            self.result.mark_stale()
        self._on_inputs_changed()

    @Slot()
    def _on_inputs_changed(self) -> None:
        from opentok_studio.core.model import ApplicationCredentials
        from opentok_studio.core.signer import request_errors

        if not self.built:
            return
        identity = self.credentials.identity()
        now = int(time.time())
        errors = request_errors(self.form.request(), identity, now)
        self.form.set_for_application(isinstance(identity, ApplicationCredentials))
        self.form.show_validation(errors, identity, self.credentials.missing())
        self.generate_action.setEnabled(self.form.generate.isEnabled())
        self.decode_tab.set_credentials(identity)
        self.compare_tab.set_credentials(identity)

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
    def _on_decode_tab_decoded(self, decoded: Decoded) -> None:
        if self.tabs.currentIndex() != DECODE_TAB:
            return  # re-checks from the Make tab say nothing in the status bar
        problems = decoded.problems
        self.statusBar().showMessage(
            f"Decoded: {len(problems)} problem(s)."
            if problems
            else "Decoded: no problems."
        )

    @Slot()
    def _on_about_triggered(self) -> None:
        from PySide6.QtWidgets import QMessageBox

        QMessageBox.about(
            self,
            "About OpenTok Studio",
            f"OpenTok Studio {__version__}\nMake, decode and explain OpenTok and "
            "Vonage Video tokens. Tokens are signed locally; nothing is sent.",
        )

    def closeEvent(self, event: QCloseEvent) -> None:  # noqa: N802 - Qt override
        self.prefs.set_geometry(self.saveGeometry())
        if self.built:
            self.prefs.tab = self.tabs.currentIndex()
            self.prefs.token_format = str(self.form.format.currentData())
        self.prefs.sync()
        self.clipboard.clear_if_ours()
        super().closeEvent(event)
