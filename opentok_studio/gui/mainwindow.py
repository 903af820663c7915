"""The main window: credentials on top, the tabs below, menus and status bar.

It composes panels and passes signals between them; each tab owns its work
(gui/maketab.py, gui/decodetab.py, gui/comparetab.py, gui/historyview.py,
gui/scantab.py); gui/intake.py routes pastes, drops and opened files.
"""

from __future__ import annotations

import functools
from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, QTimer, Slot

# Only what the frame needs: each Qt class imported builds its Python enums
# (QMessageBox alone ~40), which is start-up time; the rest loads in build().
from PySide6.QtWidgets import QApplication, QMainWindow, QVBoxLayout, QWidget

from opentok_studio.gui import dialogs, theme
from opentok_studio.gui.clipboard import ClipboardGuard
from opentok_studio.gui.prefs import Prefs

if TYPE_CHECKING:
    from PySide6.QtGui import QCloseEvent

    from opentok_studio.core.model import Decoded
    from opentok_studio.gui.batchdialog import BatchDialog
    from opentok_studio.gui.comparetab import CompareTab
    from opentok_studio.gui.credentials import CredentialsPanel
    from opentok_studio.gui.decodetab import DecodeTab
    from opentok_studio.gui.history import HistoryModel
    from opentok_studio.gui.historyview import HistoryView
    from opentok_studio.gui.lazytabs import LazyTabs
    from opentok_studio.gui.maketab import MakeTab
    from opentok_studio.gui.newsession import NewSessionDialog
    from opentok_studio.gui.result import ResultPane
    from opentok_studio.gui.scantab import ScanTab
    from opentok_studio.gui.tokenform import TokenForm
    from opentok_studio.store.profile import Profile

TITLE = "OpenTok Studio"
MAKE_TAB, DECODE_TAB, COMPARE_TAB, HISTORY_TAB, SCAN_TAB = range(5)


class MainWindow(QMainWindow):
    """Composes the panels; every token rule stays in the core.

    The Decode, Compare and History tabs are built the first time they are
    shown or asked for: a start that shows the Make tab never pays for them.
    """

    credentials: CredentialsPanel
    make_tab: MakeTab
    tabs: LazyTabs
    history_model: HistoryModel
    #: The last dialog of each kind opened (gui/dialogs.py), kept alive.
    batch_dialog: BatchDialog
    session_dialog: NewSessionDialog

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
        # Titles now, for the first paint; their actions come with the panels.
        self._menus = [
            self.menuBar().addMenu(title)
            for title in ("&File", "&Edit", "&View", "&Help")
        ]
        # The status bar comes with the panels too (~3 ms to make): the frame
        # shows for a tenth of a second, too short for a "Loading…" to read.
        if not deferred:
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
        # The panels pull in the token core: after the first paint (deferred).
        from opentok_studio.gui import pages
        from opentok_studio.gui.credentials import CredentialsPanel
        from opentok_studio.gui.history import HistoryModel
        from opentok_studio.gui.intake import wire_intake
        from opentok_studio.gui.lazytabs import LazyTabs
        from opentok_studio.gui.maketab import MakeTab
        from opentok_studio.gui.presenter import PresenterMode

        self._fill_menus()
        self.presenter = PresenterMode(self)
        self.credentials = CredentialsPanel()
        self.make_tab = MakeTab(self.prefs, self.clipboard)
        self.history_model = HistoryModel(self)
        self.tabs = LazyTabs()
        self.tabs.addTab(self.make_tab, "&Make token")
        for make, title in ((pages.decode_tab, "&Decode"), (pages.compare_tab, "C&ompare"),
                            (pages.history, "H&istory"), (pages.scan_tab, "Sca&n")):  # fmt: skip
            self.tabs.add_lazy(functools.partial(make, self), title)
        central = QWidget()
        layout = QVBoxLayout(central)
        layout.addWidget(self.credentials)
        layout.addWidget(self.tabs, 1)
        self.setCentralWidget(central)

        self.credentials.credentialsChanged.connect(self._on_credentials_changed)
        self.credentials.profileChosen.connect(self._on_credentials_profile_chosen)
        self.make_tab.statusMessage.connect(self.statusBar().showMessage)
        self.make_tab.generated.connect(self.history_model.add)
        self.make_tab.readyChanged.connect(self.generate_action.setEnabled)
        self.form.newSessionRequested.connect(self.new_session)
        self._focus_session.activated.connect(self.make_tab.focus_session)
        self.setTabOrder(self.credentials.kind, self.credentials.api_key)
        self.setTabOrder(self.credentials.api_key, self.credentials.api_secret)
        self.setTabOrder(self.credentials.api_secret, self.credentials.reveal)
        self.setTabOrder(self.credentials.reveal, self.tabs)
        self.make_tab.clipboardGone.connect(self._on_make_tab_clipboard_gone)
        self.intake = wire_intake(self)
        self.built = True
        self._restore_context()
        self._on_credentials_changed()
        # After the restore: the profile and session ID may leave nothing to type.
        self.make_tab.follow_readiness(self.statusBar())
        tab = self.prefs.tab
        if not 0 <= tab < self.tabs.count() or (
            tab == HISTORY_TAB and self.history_model.rowCount() == 0
        ):
            tab = MAKE_TAB  # never open on an empty History after a restart (#15)
        self.tabs.setCurrentIndex(tab)
        self.tabs.currentChanged.connect(self._on_tabs_current_changed)
        self._focus_first()
        # Again once shown (a widget of a hidden window may take no focus).
        QTimer.singleShot(0, self, self._focus_first)

    @Slot()
    def _focus_first(self) -> None:
        """Keyboard users start where the work is: the key, else the tab's start."""
        tab = self.tabs.currentIndex()
        if tab == MAKE_TAB and not self.credentials.api_key.text():
            self.credentials.api_key.setFocus()
        else:
            self.focus_tab_start(tab)

    def _restore_context(self) -> None:
        """The last profile (when it still exists) and session ID (#15)."""
        name = self.prefs.profile
        if name and self.credentials.profiles.combo.findData(name) >= 0:
            self.credentials.profiles.choose(name)
        session_id = self.prefs.session_id
        if session_id and not self.form.session_id.text():
            self.form.set_session_id(session_id)

    def focus_tab_start(self, index: int) -> None:
        """Keyboard focus where tab ``index``'s job starts (#15: Ctrl+2 left
        the cursor in API key, and a paste replaced it)."""
        if index == MAKE_TAB:
            self.make_tab.focus_session()
        elif index == DECODE_TAB:
            self.decode_tab.focus_start()
        elif index == COMPARE_TAB:
            self.compare_tab.set_decode_token(self._decode_token())
            self.compare_tab.focus_start()
        elif index == HISTORY_TAB:
            self.history.setFocus()
        elif index == SCAN_TAB:
            # else Qt leaves it on the page itself, which has no name (#15)
            self.scan_tab.open_button.setFocus()

    def _decode_token(self) -> str:
        tab = self.tabs.built(DECODE_TAB)
        if tab is None:
            return ""
        decoded = self.decode_tab.view.decoded
        return decoded.token if decoded is not None else ""

    # -- the tabs, built on first use -------------------------------------------

    @property
    def form(self) -> TokenForm:
        return self.make_tab.form

    @property
    def result(self) -> ResultPane:
        return self.make_tab.result

    @property
    def decode_tab(self) -> DecodeTab:
        return self.tabs.page(DECODE_TAB)  # type: ignore[return-value]

    @property
    def compare_tab(self) -> CompareTab:
        return self.tabs.page(COMPARE_TAB)  # type: ignore[return-value]

    @property
    def history(self) -> HistoryView:
        return self.tabs.page(HISTORY_TAB)  # type: ignore[return-value]

    @property
    def scan_tab(self) -> ScanTab:
        return self.tabs.page(SCAN_TAB)  # type: ignore[return-value]

    # -- menus and shortcuts --------------------------------------------------

    def _fill_menus(self) -> None:
        # QAction and friends load with the panels, after the first paint.
        from opentok_studio.gui.menus import WindowActions

        actions = self._actions = WindowActions(self, self._menus, self.prefs.theme)
        self.generate_action = actions.generate
        self.copy_action = actions.copy
        self.presenter_action = actions.presenter
        for action, slot in ((actions.quit, self.close), (actions.generate, self.generate),
                             (actions.copy, self.copy_token), (actions.batch, self.open_batch),
                             (actions.preferences, self.edit_preferences),
                             (actions.about, self._on_about_triggered)):  # fmt: skip
            action.triggered.connect(slot)
        actions.presenter.toggled.connect(self.set_presenter)
        for index, action in actions.show_tab.items():
            action.triggered.connect(
                lambda _=False, i=index: self.tabs.setCurrentIndex(i)
            )
        for value, action in actions.themes.items():
            action.triggered.connect(lambda _=False, v=value: self.set_theme(v))
        self._focus_session = actions.focus_session

    # -- actions --------------------------------------------------------------

    @Slot()
    def generate(self) -> None:
        """Make a token on the Make tab (Ctrl+Enter elsewhere only says so)."""
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
        self.make_tab.generate()

    @Slot()
    def copy_token(self) -> None:
        if self.built:
            self.make_tab.copy_token()

    def join_link(self) -> str | None:
        """The presenter's URL template filled with the session and the token."""
        return self.make_tab.join_link()

    @Slot(bool)
    def set_presenter(self, on: bool) -> None:
        """Projector mode (gui/presenter.py); leaving restores the window."""
        if self.built:
            self.presenter.set(on)

    @Slot()
    def open_batch(self) -> None:
        """Edit > Batch of tokens… (gui/dialogs.py)."""
        dialogs.open_batch(self)

    @Slot()
    def who_signed(self) -> None:
        """Check the Decode tab's token against every saved profile, on a
        worker thread (gui/decodetab.py)."""
        tab = self.decode_tab
        job, count = self.credentials.who_signed_job(tab.current_token())
        tab.check_signers(job, count)

    @Slot()
    def new_session(self) -> None:
        """New… beside the session ID: a session over the REST API."""
        dialogs.new_session(self)

    @Slot()
    def edit_preferences(self) -> None:
        dialogs.edit_preferences(self)

    def set_theme(self, value: theme.Theme) -> None:
        self.prefs.theme = value
        if self.built and self.presenter.on:
            # The projector keeps its high-contrast palette; leaving presenter
            # mode applies the theme chosen now (gui/presenter.py).
            self.statusBar().showMessage(
                f"Theme {value.value}: applies when presenter mode ends."
            )
            return
        app = QApplication.instance()
        if isinstance(app, QApplication):
            theme.apply(app, value)
        if self.built:  # state colours are drawn from the palette: draw again
            self.make_tab.validate()
            self.restyle()
            if self.tabs.built(DECODE_TAB) is not None:
                self.decode_tab.view.recolour()
            self.credentials.recolour()

    def restyle(self) -> None:
        # widgets.py loads Qt's namespace (~12 ms of enums): after the first paint.
        from opentok_studio.gui.widgets import HintLabel

        for label in self.findChildren(HintLabel):  # colours for the new palette
            label.restyle()
        self.result.recolour()

    # -- slots ----------------------------------------------------------------

    @Slot()
    def _on_credentials_changed(self) -> None:
        # Each tab re-checks only what shows the credentials, on its own
        # schedule (#14: typing in the form decoded the other tabs each key).
        identity = self.credentials.identity()
        self.presenter.update_identifiers()
        self.make_tab.set_credentials(identity, self.credentials.missing())
        profile = self.credentials.profiles.current()
        self.make_tab.set_production(
            profile.name if profile is not None and profile.is_production else None
        )
        for index in (DECODE_TAB, COMPARE_TAB, SCAN_TAB):
            tab = self.tabs.built(index)
            if tab is not None:
                tab.set_credentials(identity)  # type: ignore[attr-defined]

    @Slot(object)
    def _on_credentials_profile_chosen(self, profile: Profile) -> None:
        self.form.apply_defaults(profile.defaults)

    @Slot(int)
    def _on_tabs_current_changed(self, index: int) -> None:
        # After the page is shown: a page built just now shows on the next
        # turn of the loop (QLayout), and a hidden widget takes no focus.
        QTimer.singleShot(0, self, lambda: self.focus_tab_start(index))

    @Slot()
    def _on_make_tab_clipboard_gone(self) -> None:
        # #15: the status bar said "Token copied" after the clipboard changed.
        self.statusBar().showMessage(
            "The clipboard no longer holds the token (something else was copied)."
        )

    @Slot(str)
    def _on_session_created(self, session_id: str) -> None:
        self.form.set_session_id(session_id)
        self.statusBar().showMessage("Created a new session; it is in the form.")

    @Slot(str)
    def _on_history_reopen_requested(self, token: str) -> None:
        self.decode_tab.set_text(token)
        self.tabs.setCurrentIndex(DECODE_TAB)

    @Slot(object)
    def _on_decode_tab_remint_requested(self, decoded: Decoded) -> None:
        self.make_tab.remint(decoded)
        self.tabs.setCurrentIndex(MAKE_TAB)

    @Slot(object)
    def _on_decode_tab_decoded(self, decoded: Decoded) -> None:
        if self.tabs.currentIndex() != DECODE_TAB:
            return  # re-checks in the background say nothing in the status bar
        problems = decoded.problems
        self.statusBar().showMessage(
            f"Decoded: {len(problems)} problem(s)."
            if problems
            else "Decoded: no problems."
        )

    @Slot()
    def _on_about_triggered(self) -> None:
        dialogs.about(self)

    def closeEvent(self, event: QCloseEvent) -> None:  # noqa: N802 - Qt override
        # Out of presenter mode first: the usual geometry is saved, and the
        # application's fonts and redaction are left as they were.
        if self.built and self.presenter.on:
            self.presenter_action.setChecked(False)
        self.prefs.set_geometry(self.saveGeometry())
        if self.built:
            self.prefs.tab = self.tabs.currentIndex()
            self.make_tab.save_prefs()
            # The working context, never a secret (#15).
            profile = self.credentials.profiles.current()
            self.prefs.profile = profile.name if profile is not None else ""
            self.prefs.session_id = self.form.session_id.text().strip()
        self.prefs.sync()
        self.clipboard.clear_if_ours()
        super().closeEvent(event)
