"""The Decode tab: paste a token (or text holding one) and read what is wrong."""

from __future__ import annotations

import time

from PySide6.QtCore import QTimer, Signal, Slot
from PySide6.QtWidgets import (
    QFormLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)

from opentok_studio.core import explain
from opentok_studio.core.decoder import decode
from opentok_studio.core.errors import DecodeError
from opentok_studio.core.model import (
    ApplicationCredentials,
    Credentials,
    Decoded,
    ProjectCredentials,
)
from opentok_studio.core.sessionid import (
    SdkVerdict,
    belongs_to,
    decode_session_id,
    sdk_verdict,
)
from opentok_studio.gui.decodedview import DecodedView
from opentok_studio.gui.theme import monospace
from opentok_studio.gui.widgets import HintLabel

#: Decode this long after the last keystroke: pasting stays instant.
DEBOUNCE_MS = 120


class DecodeTab(QWidget):
    """Decodes as you paste, against the credentials the window holds.

    Signals:
        decoded(object): a token was decoded (the Decoded value).
    """

    decoded = Signal(object)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._credentials: Credentials | None = None
        self.input = QPlainTextEdit()
        self.input.setTabChangesFocus(True)
        self.input.setFont(monospace())
        self.input.setPlaceholderText(
            "Paste a token, or a URL, JSON or log line that holds one"
        )
        self.input.setFixedHeight(self.input.fontMetrics().lineSpacing() * 4 + 14)
        self.input_hint = HintLabel()
        self.session = QLineEdit()
        self.session.setFont(monospace())
        self.session.setClearButtonEnabled(True)
        self.session.setPlaceholderText(
            "optional: the session ID the client tried to join"
        )
        self.session_hint = HintLabel()
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
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.view, 1)

        self._debounce = QTimer(self)
        self._debounce.setSingleShot(True)
        self._debounce.setInterval(DEBOUNCE_MS)
        self._debounce.timeout.connect(self.refresh)
        self.input.textChanged.connect(self._debounce.start)
        self.session.textChanged.connect(self._debounce.start)

    def set_credentials(self, credentials: Credentials | None) -> None:
        self._credentials = credentials
        self.refresh()

    def set_text(self, text: str) -> None:
        """Paste ``text`` and decode it at once."""
        self.input.setPlainText(text)
        self.refresh()

    @Slot()
    def refresh(self) -> None:
        """Decode what is in the fields now."""
        self._debounce.stop()
        now = int(time.time())
        text = self.input.toPlainText()
        session = self.session.text().strip() or None
        self._explain_session(session, now)
        if not text.strip():
            self.input_hint.show_state("plain", None)
            self.view.show_placeholder("Paste a token above to decode it.")
            return
        try:
            result: Decoded = decode(
                text, self._credentials, now=now, expected_session_id=session
            )
        except DecodeError as e:
            self.input_hint.show_state("error", str(e))
            self.view.show_placeholder("No token to show.")
            return
        where = explain.source_text(result.source)
        self.input_hint.show_state("plain", f"Found {where}." if where else None)
        self.view.show_decoded(result)
        self.decoded.emit(result)

    def _explain_session(self, session: str | None, now: int) -> None:
        if session is None:
            self.session_hint.show_state("plain", None)
            return
        try:
            info = decode_session_id(session)
        except DecodeError as e:
            self.session_hint.show_state("error", str(e))
            return
        key = None
        if isinstance(self._credentials, ProjectCredentials):
            key = self._credentials.api_key
        elif isinstance(self._credentials, ApplicationCredentials):
            key = self._credentials.application_id
        rows = explain.session_rows(info, now)
        summary = "; ".join(f"{k}: {v}" for k, v in rows[1:4])
        if key is None:
            self.session_hint.show_state("plain", summary)
            return
        belongs = belongs_to(info, key)
        accepts = sdk_verdict(info.session_id, key) is SdkVerdict.ACCEPTED
        verdict = explain.belonging_text(info, key, belongs, accepts)
        self.session_hint.show_state(
            "ok" if belongs else "error", f"{verdict} {summary}"
        )
