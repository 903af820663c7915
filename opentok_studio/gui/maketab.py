"""The Make token tab: the form beside the result, and what Generate does."""

from __future__ import annotations

import time
from collections.abc import Callable
from urllib.parse import quote

from PySide6.QtCore import QByteArray, Qt, Signal, Slot
from PySide6.QtGui import QResizeEvent
from PySide6.QtWidgets import (
    QInputDialog,
    QMessageBox,
    QSplitter,
    QStatusBar,
    QWidget,
)

from opentok_studio.core.errors import StudioError
from opentok_studio.core.model import (
    ApplicationCredentials,
    Credentials,
    Decoded,
    TokenFormat,
)
from opentok_studio.core.signer import make_token, request_errors
from opentok_studio.core.timeparse import format_relative
from opentok_studio.gui import dialogs
from opentok_studio.gui.clipboard import ClipboardGuard
from opentok_studio.gui.prefs import Prefs
from opentok_studio.gui.result import ResultPane
from opentok_studio.gui.tokenform import TokenForm
from opentok_studio.gui.widgets import HintState


class MakeTab(QSplitter):
    """The token form on the left, the token made on the right.

    Attributes:
        form: the TokenForm.
        result: the ResultPane.

    Signals:
        generated(str, object): a token was made (the token, its Decoded).
        statusMessage(str): a line for the window's status bar.
        readyChanged(bool): whether Generate can make a token now.
        clipboardGone: something else was copied over our token.
    """

    generated = Signal(str, object)
    statusMessage = Signal(str)
    readyChanged = Signal(bool)
    clipboardGone = Signal()

    def __init__(
        self, prefs: Prefs, clipboard: ClipboardGuard, parent: QWidget | None = None
    ) -> None:
        super().__init__(Qt.Orientation.Horizontal, parent)
        self._prefs = prefs
        self._clipboard = clipboard
        self._identity: Credentials | None = None
        self._missing: str | None = "Enter the API key."
        #: The production profile in use, if one is (#17: shared credentials).
        self._production: str | None = None
        #: Production profiles the user already confirmed in this run.
        self._confirmed: set[str] = set()
        #: Asks "really make a token with production profile NAME?"; tests
        #: replace it (a modal box would wait for a person).
        self.ask_production: Callable[[str], bool] = self._ask_production
        self.form = TokenForm()
        self.result = ResultPane()
        self.addWidget(self.form)
        self.addWidget(self.result)
        self.result.qr_text_for = self._link_for
        self.setStretchFactor(0, 1)
        self.setStretchFactor(1, 1)
        self.setChildrenCollapsible(False)
        self.setSizes([450, 550])
        self._presenter = False
        self._fitting = False  # fit_presenter moves the QR code: no re-entry
        #: The splitter's state when presenter mode began.
        self._normal_state: QByteArray | None = None
        #: The status bar that shows the ready message, and the one it shows.
        self._bar: QStatusBar | None = None
        self._ready_said = ""
        index = self.form.format.findData(prefs.token_format)
        self.form.format.setCurrentIndex(max(0, index))
        self.form.requestChanged.connect(self._on_form_request_changed)
        self.form.generateRequested.connect(self.generate)
        self.result.copyRequested.connect(self.copy_token)
        self.result.join.clicked.connect(self.copy_join_link)
        self.result.snippetsRequested.connect(self.show_snippets)
        clipboard.tick.connect(self._on_clipboard_tick)
        clipboard.cleared.connect(self._on_clipboard_cleared)
        self.validate()

    def set_credentials(
        self, identity: Credentials | None, missing: str | None
    ) -> None:
        """The credentials changed: ``identity`` checks, ``missing`` says why it
        cannot sign yet (None when it can)."""
        self._identity = identity
        self._missing = missing
        self.result.mark_stale()
        self.validate()

    def set_production(self, name: str | None) -> None:
        """The chosen profile is marked production (``name``), or none is."""
        self._production = name

    def _ask_production(self, name: str) -> bool:
        answer = QMessageBox.question(
            self,
            "Production profile",
            f"Make a token with the production profile {name}?\n\nIt is asked "
            "once per run for each production profile.",
        )
        return answer == QMessageBox.StandardButton.Yes

    def save_prefs(self) -> None:
        """Remember the chosen format for the next start (nothing secret)."""
        self._prefs.token_format = str(self.form.format.currentData())

    @Slot()
    def focus_session(self) -> None:
        """Keyboard focus to the session ID, where most work starts."""
        self.form.session_id.setFocus()

    @Slot()
    def validate(self) -> None:
        """Run the core's rules over the form; messages go under the fields."""
        identity = self._identity
        errors = request_errors(self.form.request(), identity, int(time.time()))
        self.form.set_for_application(isinstance(identity, ApplicationCredentials))
        self.form.show_validation(errors, identity, self._missing)
        self.readyChanged.emit(self.form.generate.isEnabled())
        bar = self._bar
        if bar is not None and bar.currentMessage() in ("", self._ready_said):
            self._say_ready(bar)

    def follow_readiness(self, bar: QStatusBar) -> None:
        """Show the ready message in ``bar`` now, and keep it true while ``bar``
        still shows it (walk-through 21, 58: "Ready: Ctrl+Enter makes a
        token." under a disabled Generate); any other message is left alone."""
        self._bar = bar
        self._say_ready(bar)

    def _say_ready(self, bar: QStatusBar) -> None:
        message = self.ready_message()
        if message != bar.currentMessage():
            bar.showMessage(message)
        self._ready_said = message

    def ready_message(self) -> str:
        """The status bar's first line: what is still to enter, or the shortcut."""
        if self.form.generate.isEnabled():
            return "Ready: Ctrl+Enter makes a token."
        no_session = not self.form.session_id.text().strip()
        if self._missing:  # "Enter the API key." -> "Ready: enter the API key."
            todo = self._missing.rstrip(".")
            then = ", then a session ID." if no_session else "."
            return f"Ready: {todo[:1].lower()}{todo[1:]}{then}"
        if no_session:
            return "Ready: enter a session ID."
        return self.form.reason.text() or "Ready."

    @Slot()
    def generate(self) -> None:
        """Make a token from the form; problems go next to the fields."""
        self.validate()
        identity = self._identity
        if identity is None or self._missing or not self.form.generate.isEnabled():
            self.statusMessage.emit(self.form.reason.text() or "Not ready.")
            return
        name = self._production
        if name is not None and name not in self._confirmed:
            if not self.ask_production(name):
                self.statusMessage.emit(f"Not generated: production profile {name}.")
                return
            self._confirmed.add(name)
        now = int(time.time())
        try:
            token = make_token(self.form.request(), identity, now=now)
        except StudioError as e:
            self.form.reason.show_state(HintState.ERROR, str(e))
            self.statusMessage.emit(f"Not generated: {e}")
            return
        # The decoder (and OpenSSL) load with the first token, not the window.
        from opentok_studio.core.decoder import decode

        decoded = decode(token, identity, now=now)
        self._clipboard.clear_if_ours()  # the old token must not outlive its view
        self.result.show_token(token, decoded)
        self.generated.emit(token, decoded)
        kind = "T1" if decoded.format is TokenFormat.T1 else f"JWT ({decoded.alg})"
        when = format_relative(decoded.expires_at or now, now)
        self.statusMessage.emit(f"Generated a {kind} token; it expires {when}.")

    def remint(self, decoded: Decoded) -> None:
        """Fill the form like a decoded token, with a fresh default expiry."""
        # Asked for from the Decode tab: core/snippets.py loads with it, not at start.
        from opentok_studio.core.snippets import remint_request

        self.form.set_request(remint_request(decoded))
        self.statusMessage.emit(
            "The form holds the decoded token's session, role, data and layout; "
            "Generate makes a fresh one."
        )

    @Slot()
    def copy_token(self) -> None:
        token = self.result.current_token()
        if not token:
            self.statusMessage.emit("Nothing to copy yet: generate a token first.")
            return
        seconds = self._prefs.clipboard_seconds
        self._clipboard.copy(token, seconds)
        if seconds == 0:
            self.result.set_feedback("Copied. (Automatic clearing is off.)")
        self.statusMessage.emit("Token copied to the clipboard.")

    def set_presenter(self, on: bool) -> None:
        """Presenter mode: a compact form, the token, and the QR code of the
        join link as large as the window allows (#15)."""
        if on == self._presenter:
            return
        self._presenter = on
        if on:
            if self.indexOf(self.result.qr) < 0:
                # Presenter mode's QR code: a third column, hidden until used,
                # added before the state is saved so leaving restores all three.
                self.addWidget(self.result.qr)
                self.setStretchFactor(2, 0)
            self._normal_state = self.saveState()
        self.form.set_presenter(on)
        self.result.set_presenter(on)
        if on:
            self.fit_presenter()
        else:
            self._place_qr(stacked=False)
            if self._normal_state is not None:
                self.restoreState(self._normal_state)
                self._normal_state = None

    def fit_presenter(self) -> None:
        """Columns for a projector: the form as narrow as it reads, and the QR
        code in whichever place gives it the larger modules: a column of its
        own as tall as the tab (wide windows), or above the token (narrow)."""
        if not self._presenter or self._fitting:
            return
        self._fitting = True
        try:
            result, qr = self.result, self.result.qr
            n = qr.modules() or 89  # a join link's usual size before the first
            form = self.form.presenter_width()
            width = self.width() - 2 * self.handleWidth()
            beside = min(self.height(), width - form - result.presenter_width())
            stacked = min(width - form, self.height() - result.presenter_height())
            is_stacked = stacked // n > beside // n
            self._place_qr(is_stacked)
            if is_stacked:
                self.setSizes([form, width - form, 0])
            else:
                self.setSizes([form, width - form - beside, max(0, beside)])
        finally:
            self._fitting = False

    def _place_qr(self, stacked: bool) -> None:
        if stacked != (self.result.qr.parentWidget() is self.result):
            if stacked:
                self.result.stack_qr()
            else:
                self.insertWidget(2, self.result.qr)
                self.setStretchFactor(2, 0)
                self.result.unstack_qr()
            self.result.update_qr()

    def resizeEvent(self, event: QResizeEvent) -> None:  # noqa: N802 - Qt override
        super().resizeEvent(event)
        self.fit_presenter()

    def join_link(self) -> str | None:
        """The presenter's URL template filled with the session and the token."""
        return self._link_for(self.result.current_token())

    def _link_for(self, token: str) -> str | None:
        template = self._prefs.join_url
        if not template or not token:
            return None
        request = self.form.request()
        return template.replace(
            "{session_id}", quote(request.session_id, safe="")
        ).replace("{token}", quote(token, safe=""))

    @Slot()
    def copy_join_link(self) -> None:
        if not self._prefs.join_url:
            template, ok = QInputDialog.getText(
                self, "Join link", "URL template ({session_id} and {token} are filled in):",
                text="https://demo.example.com/join?session={session_id}&token={token}",
            )  # fmt: skip
            if not ok or not template:
                return
            self._prefs.join_url = template
            self.result.update_qr()  # the code holds the link from now on
        link = self.join_link()
        if link is None:
            self.statusMessage.emit("Generate a token first.")
            return
        self._clipboard.copy(link, self._prefs.clipboard_seconds)
        self.statusMessage.emit("Join link copied.")

    @Slot()
    def show_snippets(self) -> None:
        """The SDK calls that would make the form's token, in each language."""
        application = isinstance(self._identity, ApplicationCredentials)
        dialogs.show_snippets(self, self.form.request(), application)

    @Slot()
    def _on_form_request_changed(self) -> None:
        self.result.mark_stale()
        self.validate()

    @Slot(int)
    def _on_clipboard_tick(self, left: int) -> None:
        if left > 0:
            self.result.set_feedback(f"Copied ✓ The clipboard clears in {left} s.")
        else:
            self.result.set_feedback("Clipboard changed since: not cleared by us.")
            self.clipboardGone.emit()

    @Slot()
    def _on_clipboard_cleared(self) -> None:
        self.result.set_feedback("Clipboard cleared.")
        self.statusMessage.emit("The copied token was cleared from the clipboard.")
