"""The token form: session ID, role, connection data, expiry, layout classes, format.

It collects input and shows the core's validation messages next to each
field; the rules themselves live in core/validate.py.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal, Slot
from PySide6.QtWidgets import (
    QComboBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QScrollArea,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from opentok_studio.core import limits
from opentok_studio.core.belonging import Belonging, judge_session
from opentok_studio.core.errors import ValidationError
from opentok_studio.core.model import (
    ApplicationCredentials,
    Credentials,
    Role,
    TokenFormat,
    TokenRequest,
    key_id,
)
from opentok_studio.core.validate import parse_format, parse_role
from opentok_studio.gui.expiry import DEFAULT_PRESET, ExpiryPicker
from opentok_studio.gui.theme import monospace
from opentok_studio.gui.widgets import HintLabel, HintState

ROLE_HINTS = {
    Role.SUBSCRIBER: "Receives streams; cannot publish.",
    Role.PUBLISHER: "Publishes and subscribes (the default).",
    Role.PUBLISHER_ONLY: "Publishes; cannot subscribe.",
    Role.MODERATOR: "Publisher rights, plus force-disconnect and force-mute others.",
}
#: The form's narrowest: labels and fields both readable (#15: below ~900 px
#: the column shrank to labels only).
MIN_WIDTH = 440
PII_WARNING = "Everyone in the session can read connection data: no personal data."
#: ValidationError.field -> how the form names it
LABELS = {
    "session_id": "Session ID",
    "role": "Role",
    "data": "Connection data",
    "layout_class": "Layout classes",
    "expire_time": "Expiry",
    "expire_in": "Expiry",
    "format": "Format",
}
#: ValidationError.field -> the hint label that shows it
_FIELD_OF = {
    "session_id": "session",
    "role": "role",
    "data": "data",
    "layout_class": "layout",
    "expire_time": "expiry",
    "expire_in": "expiry",
    "format": "format",
}


class TokenForm(QWidget):
    """Everything a token request needs, with messages under the fields.

    Signals:
        requestChanged: any input changed; read ``request()`` again.
        generateRequested: the Generate button was pressed.
    """

    requestChanged = Signal()
    generateRequested = Signal()
    newSessionRequested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.session_id = QLineEdit()
        self.session_id.setFont(monospace())
        self.session_id.setPlaceholderText("1_MX4… or 2_MX4… from your server")
        self.session_id.setClearButtonEnabled(True)
        # Its label's buddy sits in another row widget: Qt finds no name there.
        self.session_id.setAccessibleName("Session ID")
        self.session_hint = HintLabel()
        self.new_session = QToolButton()
        self.new_session.setText("New…")
        self.new_session.setToolTip("Create a session over the REST API")
        self.new_session.setAccessibleName("Create a new session")

        self.role = QComboBox()
        for role in Role:
            self.role.addItem(role.value, role)
        self.role.setCurrentIndex(list(Role).index(Role.PUBLISHER))
        self.role_hint = QLabel()
        self.role_hint.setWordWrap(True)

        self.data = QPlainTextEdit()
        self.data.setTabChangesFocus(True)
        self.data.setPlaceholderText("optional, e.g. name=Ann&userId=42")
        self.data.setFixedHeight(self.data.fontMetrics().lineSpacing() * 3 + 14)
        self.data_counter = QLabel()
        self.data_counter.setAccessibleName("Connection data length")
        self.data_hint = HintLabel()

        self.expiry = ExpiryPicker()
        self.expiry_hint = HintLabel()

        self.layout_classes = QLineEdit()
        self.layout_classes.setPlaceholderText("optional, space-separated: focus full")
        self.layout_hint = HintLabel()

        self.format = QComboBox()
        self.format.addItem("JWT (HS256): the SDKs' default", TokenFormat.JWT)
        self.format.addItem("T1 (legacy)", TokenFormat.T1)
        self.format_hint = HintLabel()
        self._project_format = 0  # restored when a project replaces an application

        self.generate = QPushButton("&Generate token")
        self.generate.setToolTip("Ctrl+Enter")
        self.generate.setDefault(True)
        self.reason = HintLabel()

        form = QFormLayout()
        form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.WrapLongRows)
        self._form = form
        self._presenter = False
        session_row = QWidget()
        session_box = QHBoxLayout(session_row)
        session_box.setContentsMargins(0, 0, 0, 0)
        session_box.addWidget(self.session_id, 1)
        session_box.addWidget(self.new_session)
        rows: list[tuple[str, QWidget, list[QWidget]]] = [
            ("&Session ID:", session_row, [self.session_hint]),
            ("&Role:", self.role, [self.role_hint]),
            ("Connection d&ata:", self.data, [self.data_counter, self.data_hint]),
            ("E&xpires:", self.expiry, [self.expiry_hint]),
            ("&Layout classes:", self.layout_classes, [self.layout_hint]),
            ("Forma&t:", self.format, [self.format_hint]),
        ]
        for text, widget, hints in rows:
            label = QLabel(text)
            # Alt+X goes to the presets (the chosen one); "or c&ustom" is the
            # typed field's own label (#15).
            buddy = {self.expiry: self.expiry.presets, session_row: self.session_id}
            label.setBuddy(buddy.get(widget, widget))
            box = QVBoxLayout()
            box.setContentsMargins(0, 0, 0, 0)
            box.setSpacing(2)
            box.addWidget(widget)
            for hint in hints:
                box.addWidget(hint)
            form.addRow(label, box)
        # The fields scroll on small screens; Generate and its reason never do.
        fields = QWidget()
        inner = QVBoxLayout(fields)
        inner.addLayout(form)
        inner.addStretch(1)
        scroll = QScrollArea()
        scroll.setWidget(fields)
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QScrollArea.Shape.NoFrame)
        scroll.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self._fields, self._scroll = fields, scroll
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(scroll, 1)
        layout.addWidget(self.generate)
        layout.addWidget(self.reason)

        self._hints = {
            "session": self.session_hint,
            "data": self.data_hint,
            "expiry": self.expiry_hint,
            "layout": self.layout_hint,
            "format": self.format_hint,
        }
        # Top to bottom (#15: Tab went from Connection data back up to New…).
        # The presets are one stop (only the chosen one takes Tab focus).
        chain: list[QWidget] = [self.session_id, self.new_session, self.role,
                                self.data, *self.expiry.buttons.buttons(),
                                self.expiry.editor, self.expiry.calendar,
                                self.layout_classes, self.format, self.generate]  # fmt: skip
        for first, second in zip(chain, chain[1:], strict=False):
            self.setTabOrder(first, second)
        # Narrow windows: the result pane yields first, the fields stay usable.
        self.setMinimumWidth(MIN_WIDTH)

        self.session_id.textChanged.connect(self.requestChanged)
        self.role.currentIndexChanged.connect(self._on_role_changed)
        self.data.textChanged.connect(self._on_data_changed)
        self.expiry.expiryChanged.connect(self.requestChanged)
        self.layout_classes.textChanged.connect(self.requestChanged)
        self.format.currentIndexChanged.connect(self.requestChanged)
        self.generate.clicked.connect(self.generateRequested)
        self.new_session.clicked.connect(self.newSessionRequested)
        for edit in (self.session_id, self.layout_classes):
            edit.returnPressed.connect(self._on_return_pressed)
        self._on_role_changed()
        self._on_data_changed()

    def request(self) -> TokenRequest:
        """The token request the fields describe (not yet validated)."""
        expire_time, expire_in = self.expiry.expiry()
        return TokenRequest(
            session_id=self.session_id.text().strip(),
            role=parse_role(str(self.role.currentData())),
            data=self.data.toPlainText(),
            expire_time=expire_time,
            expire_in=expire_in,
            layout_classes=tuple(self.layout_classes.text().split()),
            format=parse_format(str(self.format.currentData())),
        )

    def set_session_id(self, session_id: str) -> None:
        """A session made elsewhere (New…): the rest of the form stays."""
        self.session_id.setText(session_id)

    def set_request(self, request: TokenRequest) -> None:
        """Show ``request`` in the fields: session, role, data, layout classes,
        and its lifetime (the default preset when it names none)."""
        self.session_id.setText(request.session_id)
        self.role.setCurrentIndex(max(0, self.role.findData(request.role)))
        self.data.setPlainText(request.data or "")
        self.layout_classes.setText(" ".join(request.layout_classes))
        if request.expire_time is not None:
            self.expiry.set_absolute(request.expire_time)
        else:
            self.expiry.set_relative(request.expire_in or DEFAULT_PRESET)

    def apply_defaults(self, defaults: dict[str, object]) -> None:
        """A profile's default role, format and lifetime (the user may change them)."""
        if "role" in defaults:
            self.role.setCurrentIndex(
                max(0, self.role.findData(parse_role(str(defaults["role"]))))
            )
        if "format" in defaults and self.format.isEnabled():
            fmt = parse_format(str(defaults["format"]))
            self.format.setCurrentIndex(max(0, self.format.findData(fmt)))
        lifetime = defaults.get("expire_in")
        if isinstance(lifetime, int):
            self.expiry.set_relative(lifetime)

    def set_presenter(self, on: bool) -> None:
        """Presenter mode (#15): the fields without the notes a room needs no
        read of (role and format notes, the data counter), rows beside their
        labels, so the whole form fits 1024x768 unscrolled; data grows with
        the font."""
        self._presenter = on
        self.role_hint.setVisible(not on)
        self.data_counter.setVisible(not on)
        self.format_hint.setVisible(not on and bool(self.format_hint.text()))
        self.expiry.set_compact(on)
        self._form.setRowWrapPolicy(
            QFormLayout.RowWrapPolicy.DontWrapRows
            if on
            else QFormLayout.RowWrapPolicy.WrapLongRows
        )
        self.data.setFixedHeight(
            self.data.fontMetrics().lineSpacing() * (2 if on else 3) + 14
        )
        # The Make tab sizes the form to presenter_width() on a projector; the
        # everyday minimum (a narrow window keeps the fields) would take the
        # QR code's room.
        self.setMinimumWidth(0 if on else MIN_WIDTH)

    def presenter_width(self) -> int:
        """The width the fields read well at (they scroll, so the form's own
        minimum says nothing)."""
        return (
            self._fields.sizeHint().width()
            + self._scroll.verticalScrollBar().sizeHint().width()
        )

    def set_for_application(self, is_application: bool) -> None:
        """A Vonage application always gets RS256: the format shows JWT, locked,
        and the user's choice comes back when a project is chosen again."""
        # Enabled state first: changing the index re-enters this via requestChanged.
        if is_application and self.format.isEnabled():
            self._project_format = self.format.currentIndex()
            self.format.setEnabled(False)
            self.format.setCurrentIndex(self.format.findData(TokenFormat.JWT))
        elif not is_application and not self.format.isEnabled():
            self.format.setEnabled(True)
            self.format.setCurrentIndex(self._project_format)
        self.format_hint.show_state(
            HintState.PLAIN,
            "A Vonage application always gets an RS256 JWT."
            if is_application and not self._presenter
            else None,
        )

    def show_validation(
        self,
        errors: list[ValidationError],
        credentials: Credentials | None,
        credentials_missing: str | None,
    ) -> None:
        """Put each error under its field and enable Generate only when none."""
        typed = self.expiry.error()
        if typed is not None:
            # A typed expiry the core cannot read: never a silent old value.
            errors = [ValidationError("expire_time", typed)] + [
                e for e in errors if e.field not in ("expire_time", "expire_in")
            ]
        by_hint: dict[str, str] = {}
        session_empty = not self.session_id.text().strip()
        for error in errors:
            hint = _FIELD_OF.get(error.field, "session")
            if hint == "session" and session_empty:
                continue  # not an error before anything was typed: "Required"
            field_name = LABELS.get(error.field, error.field)
            fix = f"; {error.fix}" if error.fix else ""
            by_hint.setdefault(hint, f"{field_name}: {error.problem}{fix}.")
        for name, label in self._hints.items():
            if name == "format":
                continue
            if name in by_hint:
                label.show_state(HintState.ERROR, by_hint[name])
            elif name == "data":
                # A standing note, not a warning: warnings that never go away
                # teach people to ignore them.
                label.show_state(
                    HintState.PLAIN, PII_WARNING if self.data.toPlainText() else None
                )
            elif name == "session":
                self._show_session_ok(credentials)
            else:
                label.show_state(HintState.PLAIN, None)
        if "format" in by_hint:
            self.format_hint.show_state(HintState.ERROR, by_hint["format"])
        reason = None
        if credentials_missing:
            reason = credentials_missing
        elif errors:
            names = list(dict.fromkeys(LABELS.get(e.field, e.field) for e in errors))
            first = errors[0]
            if len(names) == 1:
                reason = f"Not ready: {names[0]}: {first.problem}."
            else:
                reason = f"Not ready: {len(names)} fields need attention: {', '.join(names)}."
        self.generate.setEnabled(reason is None)
        self.reason.show_state(HintState.ERROR if reason else HintState.PLAIN, reason)

    def _show_session_ok(self, credentials: Credentials | None) -> None:
        sid = self.session_id.text().strip()
        if not sid:
            self.session_hint.show_state(
                HintState.PLAIN, "Required: the session the token is for."
            )
            return
        verdict = judge_session(sid, key_id(credentials))
        # Vonage session IDs may be opaque: a warning, never a refusal.
        app = isinstance(credentials, ApplicationCredentials)
        state = {Belonging.BELONGS: HintState.OK, Belonging.OTHER_KEY: HintState.WARN,
                 Belonging.UNREADABLE: HintState.WARN if app else HintState.PLAIN}  # fmt: skip
        self.session_hint.show_state(
            state.get(verdict.belonging, HintState.PLAIN), verdict.line
        )

    @Slot()
    def _on_return_pressed(self) -> None:
        if self.generate.isEnabled():
            self.generateRequested.emit()

    @Slot()
    def _on_role_changed(self) -> None:
        self.role_hint.setText(ROLE_HINTS[parse_role(str(self.role.currentData()))])
        self.requestChanged.emit()

    @Slot()
    def _on_data_changed(self) -> None:
        n = len(self.data.toPlainText())
        over = n - limits.MAX_DATA_CHARS
        text = f"{n} / {limits.MAX_DATA_CHARS} characters"
        if over > 0:
            text += f": {over} over the limit"
        self.data_counter.setText(text)
        self.requestChanged.emit()
