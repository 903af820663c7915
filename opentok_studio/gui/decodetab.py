"""The Decode tab: paste a token (or text holding one) and read what is wrong."""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import replace
from functools import partial

from PySide6.QtCore import QTimer, Signal, Slot
from PySide6.QtGui import QGuiApplication, QShowEvent
from PySide6.QtWidgets import (
    QCheckBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from opentok_studio.core import explain
from opentok_studio.core.belonging import Belonging, judge_session
from opentok_studio.core.decoder import decode
from opentok_studio.core.errors import StudioError
from opentok_studio.core.model import (
    Credentials,
    Decoded,
    ProblemCode,
    key_id,
)
from opentok_studio.core.signedby import SignedBy, with_signer
from opentok_studio.gui.decodedview import DecodedView
from opentok_studio.gui.decodeworker import BackgroundRunner
from opentok_studio.gui.theme import monospace
from opentok_studio.gui.tokenedit import (  # noqa: F401 - the tab's size rules
    LARGE_TEXT_CHARS,
    PREVIEW_CHARS,
    TokenEdit,
    is_large,
    large_note,
)
from opentok_studio.gui.widgets import HintLabel, HintState, changed_note

#: Decode this long after the last keystroke: pasting stays instant.
DEBOUNCE_MS = 120
#: A token with one of these is not a token to re-mint: its fields are lost.
BROKEN = (ProblemCode.MALFORMED, ProblemCode.TRUNCATED)
REMINT_TIP = "Same session, role, data and layout; a fresh expiry"


def remint_refusal(decoded: Decoded | None) -> str | None:
    """Why Re-mint cannot use ``decoded`` (None when it can)."""
    if decoded is None:
        return "Re-mint needs a decoded token: paste one above."
    broken = [p.code.value for p in decoded.problems if p.code in BROKEN]
    if broken:
        return f"Re-mint needs a whole token: this one is {broken[0]}."
    if not decoded.session_id:
        return "Re-mint needs a token with a session ID: this one has none."
    return None


class DecodeTab(QWidget):
    """Decodes as you paste, against the credentials the window holds.

    Signals:
        decoded(object): a token was decoded (the Decoded value).
        remintRequested(object): make a fresh token like this one (Decoded).
        whoSignedRequested: check the token against every saved profile.
        statusMessage(str): a line for the status bar (profiles skipped).
    """

    decoded = Signal(object)
    remintRequested = Signal(object)
    whoSignedRequested = Signal()
    statusMessage = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._credentials: Credentials | None = None
        #: The credentials changed while the tab was hidden: refresh on show.
        self._stale = False
        self._runner = BackgroundRunner(self)
        # Who signed this? reads every profile's secret, a vault's up to its
        # timeouts each (walk-through: 30 s frozen): never on the GUI thread.
        self._who_runner = BackgroundRunner(self, network=True)
        #: The token Who signed this? is checking.
        self._who_token: str | None = None
        self.input = TokenEdit(lines=4)
        self.input.setPlaceholderText(
            "Paste a token, or a URL, JSON or log line that holds one"
        )
        self.input_hint = HintLabel()
        self.session = QLineEdit()
        self.session.setFont(monospace())
        self.session.setClearButtonEnabled(True)
        self.session.setPlaceholderText(
            "optional: the session ID the client tried to join"
        )
        self.session_hint = HintLabel()
        self.client_error = QLineEdit()
        self.client_error.setClearButtonEnabled(True)
        self.client_error.setPlaceholderText(
            "optional: what the client said, e.g. 1004 token has expired"
        )
        self.who = QPushButton("Who si&gned this?")
        self.who.setToolTip("Check the signature against every saved profile")
        self.report = QPushButton("Copy &report")
        self.report.setToolTip("A ticket-safe summary: no signature, data masked")
        self.unmask = QCheckBox("Data in report")
        self.remint = QPushButton("Re-mint &as new in the form")
        self.remint.setToolTip(REMINT_TIP)
        self.unmask.setAccessibleName("Put the connection data in the report")
        self.signed_hint = HintLabel()
        #: The last Who signed this? answer and the token it was for.
        self._signers: tuple[str, SignedBy] | None = None
        #: When the credentials changed under a pasted token (HH:MM).
        self._changed_at: str | None = None
        self.credentials_note = HintLabel()
        for button in (self.who, self.report, self.remint):
            button.setEnabled(False)
        actions = QHBoxLayout()
        for widget in (self.who, self.report, self.unmask, self.remint):
            actions.addWidget(widget)
        actions.addStretch(1)
        self.view = DecodedView()
        self.view.show_placeholder(
            "Paste a token above: it is decoded as you paste, checked against the "
            "credentials above, and every problem is listed with its fix."
        )

        form = QFormLayout()
        token_label = QLabel("&Token:")
        token_label.setBuddy(self.input)
        session_label = QLabel("&Session ID:")
        session_label.setBuddy(self.session)
        token_box = QVBoxLayout()
        token_box.addWidget(self.input)
        token_box.addWidget(self.input_hint)
        session_box = QVBoxLayout()
        session_box.addWidget(self.session)
        session_box.addWidget(self.session_hint)
        form.addRow(token_label, token_box)
        form.addRow(session_label, session_box)
        error_label = QLabel("C&lient error:")
        error_label.setBuddy(self.client_error)
        form.addRow(error_label, self.client_error)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addLayout(actions)
        layout.addWidget(self.signed_hint)
        layout.addWidget(self.credentials_note)
        layout.addWidget(self.view, 1)

        self._debounce = QTimer(self)
        self._debounce.setSingleShot(True)
        self._debounce.setInterval(DEBOUNCE_MS)
        self._debounce.timeout.connect(self.refresh)
        self.input.textChanged.connect(self._debounce.start)
        self.input.textChanged.connect(self._on_input_text_changed)
        self.input.largePasted.connect(self.set_text)
        self._runner.resultReady.connect(self._on_runner_result_ready)
        self._who_runner.resultReady.connect(self._on_who_runner_result_ready)
        self.session.textChanged.connect(self._debounce.start)
        self.client_error.textChanged.connect(self._debounce.start)
        # Paste, then one Tab to the verdict (#15); the optional fields after.
        chain: list[QWidget] = [self.input, self.view.browser, self.session,
                                self.client_error, self.who, self.report,
                                self.unmask, self.remint]  # fmt: skip
        for first, second in zip(chain, chain[1:], strict=False):
            QWidget.setTabOrder(first, second)
        self.who.clicked.connect(self.whoSignedRequested)
        self.report.clicked.connect(self._on_report_clicked)
        self.remint.clicked.connect(self._on_remint_clicked)

    def set_credentials(self, credentials: Credentials | None) -> None:
        """Check against ``credentials`` from now on; a change is shown after
        the debounce, or when the tab is next shown (#14: not on every key
        typed elsewhere)."""
        if credentials == self._credentials:
            return
        self._credentials = credentials
        self._cancel_signers()  # a profile saved or deleted meanwhile: ask again
        if self.current_text().strip():
            self._changed_at = time.strftime("%H:%M")
        if self.isVisible():
            self._debounce.start()
        else:
            self._stale = True

    def focus_start(self) -> None:
        """Keyboard focus where the tab's job starts: the token box."""
        self.input.setFocus()

    def showEvent(self, event: QShowEvent) -> None:  # noqa: N802 - Qt override
        if self._stale:
            self._stale = False
            self._debounce.start()
        super().showEvent(event)

    def set_text(self, text: str) -> None:
        """Paste ``text`` and decode it at once (on a worker thread when it is
        larger than LARGE_TEXT_CHARS; the field then shows only its start)."""
        self.input.set_text(text)
        self.refresh()

    def current_text(self) -> str:
        """The text being decoded: the whole of a large paste, else the field's."""
        return self.input.whole_text()

    def current_token(self) -> str:
        """The token the view shows (already cut out of the text), else the text."""
        decoded = self.view.decoded
        return decoded.token if decoded is not None else self.current_text()

    @property
    def busy(self) -> bool:
        """A large text is being decoded on the worker thread."""
        return self._runner.busy

    @property
    def checking(self) -> bool:
        """Who signed this? is running on a worker thread."""
        return self._who_runner.busy

    @Slot()
    def refresh(self) -> None:
        """Decode what is in the fields now."""
        self._debounce.stop()
        self._stale = False
        now = int(time.time())
        text = self.current_text()
        session = self.session.text().strip() or None
        self._explain_session(session, now)
        if not text.strip():
            self._runner.cancel()
            self._set_actions(False)
            self._changed_at = None
            self.credentials_note.show_state(HintState.PLAIN, None)
            self.input_hint.show_state(HintState.PLAIN, None)
            self.view.show_placeholder("Paste a token above to decode it.")
            return
        client_error = self.client_error.text().strip() or None
        self.signed_hint.show_state(HintState.PLAIN, None)
        job = partial(
            decode,
            text,
            self._credentials,
            now=now,
            expected_session_id=session,
            client_error=client_error,
        )
        if is_large(text):
            self._set_actions(False)
            self.credentials_note.show_state(HintState.PLAIN, None)
            self.input_hint.show_state(HintState.PLAIN, large_note(text))
            self.view.show_placeholder(f"Decoding {len(text):,} characters…")
            self._runner.submit(job)
            return
        self._show_result(self._runner.run_here(job))  # type: ignore[arg-type]

    @Slot(object)
    def _on_runner_result_ready(self, result: Decoded | StudioError) -> None:
        self._show_result(result)

    def _show_result(self, result: Decoded | StudioError) -> None:
        note = large_note(self.current_text())
        if isinstance(result, StudioError):
            message = str(result) if note is None else f"{result} ({note})"
            self.input_hint.show_state(HintState.ERROR, message)
            self.view.show_placeholder("No token to show.")
            self._set_actions(False)
            self.credentials_note.show_state(HintState.PLAIN, None)
            return
        if self._signers is not None and self._signers[0] == result.token:
            result = _as_signed(result, self._signers[1])
        self._set_actions(True)
        self.credentials_note.show_state(HintState.WARN, changed_note(self._changed_at))
        where = explain.source_text(result.source)
        found = f"Found {where}." if where else None
        self.input_hint.show_state(
            HintState.PLAIN, " ".join(x for x in (found, note) if x) or None
        )
        self.view.show_decoded(result)
        self._update_remint()
        self.decoded.emit(result)

    def check_signers(self, job: Callable[[], SignedBy], count: int) -> None:
        """Run Who signed this? (``job``, over ``count`` saved profiles) on a
        worker thread; its answer is shown only for the token still shown."""
        self._who_token = self.current_token()
        self._who_runner.submit(job)
        self.who.setEnabled(False)
        self.signed_hint.show_state(
            HintState.PLAIN, f"Checking {count} saved profile(s)…"
        )

    @Slot(object)
    def _on_who_runner_result_ready(self, result: SignedBy | StudioError) -> None:
        token, self._who_token = self._who_token, None
        self.who.setEnabled(self.view.decoded is not None)
        if token != self.current_token():
            return  # another token by now (the runner was cancelled, normally)
        if isinstance(result, StudioError):
            self.show_signers_failed(str(result))
            return
        self.show_signers(result)
        if result.skipped:
            self.statusMessage.emit("; ".join(result.skipped))

    def _cancel_signers(self) -> None:
        """Drop a running check's answer: it is about what was there before."""
        if self._who_runner.busy:
            self._who_runner.cancel()
            self._who_token = None
            self.who.setEnabled(self.view.decoded is not None)
            self.signed_hint.show_state(HintState.PLAIN, None)

    def show_signers(self, result: SignedBy) -> None:
        """The outcome of Who signed this? (worded by core/signedby.py)."""
        state = {0: HintState.ERROR, 1: HintState.OK}.get(
            len(result.names), HintState.WARN
        )
        text = f"{result.text[:1].upper()}{result.text[1:]}"
        if result.checked == 0:
            # Nothing was refused: nothing could be tried. How to save a
            # profile is this face's own advice (the CLI has `profile add`).
            state = HintState.WARN
            if not result.skipped:
                text += ": save the credentials with Save as… first"
        self.signed_hint.show_state(state, f"{text}.")
        decoded = self.view.decoded
        if decoded is not None:
            # The report and the verdict block say who signed it (#15).
            self._signers = (decoded.token, result)
            self.view.show_decoded(_as_signed(decoded, result))

    def show_signers_failed(self, message: str) -> None:
        """Who signed this? could not read the saved profiles."""
        self.signed_hint.show_state(HintState.ERROR, message)

    def report_text(self) -> str | None:
        view = self.view.decoded
        if view is None:
            return None
        from opentok_studio.core.report import ticket_report

        return ticket_report(
            view, int(time.time()), unmask_data=self.unmask.isChecked()
        )

    def _set_actions(self, enabled: bool) -> None:
        self.who.setEnabled(enabled and not self.checking)
        self.report.setEnabled(enabled)
        self._update_remint()

    def _update_remint(self) -> None:
        # Only a token that decoded whole (#15: a half token emptied the form).
        refusal = remint_refusal(self.view.decoded)
        self.remint.setEnabled(refusal is None)
        self.remint.setToolTip(refusal or REMINT_TIP)

    @Slot()
    def _on_input_text_changed(self) -> None:
        # Another token: the note and Who signed this? were about the old one.
        self._cancel_signers()
        self._changed_at = None
        self.signed_hint.show_state(HintState.PLAIN, None)
        self.credentials_note.show_state(HintState.PLAIN, None)
        if self.view.decoded is not None:
            # Never a verdict about the text that was there before (#15).
            self.view.show_placeholder("Decoding…")
            self._set_actions(False)

    @Slot()
    def _on_report_clicked(self) -> None:
        text = self.report_text()
        if text is not None:
            QGuiApplication.clipboard().setText(text)  # masked; nothing secret
            self.signed_hint.show_state(
                HintState.OK, "Report copied: paste it into the ticket."
            )

    @Slot()
    def _on_remint_clicked(self) -> None:
        decoded = self.view.decoded
        if decoded is not None and remint_refusal(decoded) is None:
            self.remintRequested.emit(decoded)

    def _explain_session(self, session: str | None, now: int) -> None:
        if session is None:
            self.session_hint.show_state(HintState.PLAIN, None)
            return
        verdict = judge_session(session, key_id(self._credentials))
        if verdict.info is None:
            self.session_hint.show_state(HintState.ERROR, verdict.text)
            return
        rows = explain.session_rows(verdict.info, now)
        summary = "; ".join(f"{k}: {v}" for k, v in rows[1:4])
        state = {Belonging.BELONGS: HintState.OK, Belonging.OTHER_KEY: HintState.ERROR}
        text = " ".join(x for x in (verdict.text, summary) if x)
        self.session_hint.show_state(
            state.get(verdict.belonging, HintState.PLAIN), text
        )


def _as_signed(decoded: Decoded, result: SignedBy) -> Decoded:
    """``decoded`` as Who signed this? found it: judged with the signer's
    credentials when its signature was unchecked (core/signedby.py), with the
    tab's own notes (the hint already says what was tried: not twice)."""
    return replace(with_signer(decoded, result), notes=decoded.notes)
