"""New session: create one over the REST API without freezing the window."""

from __future__ import annotations

import asyncio
import time

from PySide6.QtCore import Signal, Slot
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLineEdit,
    QProgressBar,
    QPushButton,
    QWidget,
)

from opentok_studio.core.errors import StudioError
from opentok_studio.core.model import Credentials
from opentok_studio.core.rest import (
    ArchiveMode,
    MediaMode,
    SessionOptions,
    build_create_session,
    read_create_session,
)
from opentok_studio.gui.asyncloop import ensure_loop
from opentok_studio.gui.widgets import HintLabel, HintState

TIMEOUT_SECONDS = 20.0


class NewSessionDialog(QDialog):
    """Options, a busy bar and Cancel; errors in plain words inside the dialog.

    Signals:
        created(str): the new session ID.
    """

    created = Signal(str)

    def __init__(
        self,
        credentials: Credentials,
        base_url: str | None,
        parent: QWidget | None = None,
        *,
        timeout: float = TIMEOUT_SECONDS,
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle("New session")
        self._credentials = credentials
        self._base_url = base_url
        self._timeout = timeout
        self._task: asyncio.Task[None] | None = None
        self.media = QComboBox()
        self.media.addItem("Relayed (peer to peer when possible)", MediaMode.RELAYED)
        self.media.addItem(
            "Routed (media router; needed for archiving)", MediaMode.ROUTED
        )
        self.archive = QComboBox()
        self.archive.addItem("Manual", ArchiveMode.MANUAL)
        self.archive.addItem("Always (needs routed)", ArchiveMode.ALWAYS)
        self.location = QLineEdit()
        self.location.setPlaceholderText(
            "optional: the client's IPv4, e.g. 203.0.113.7"
        )
        self.e2ee = QCheckBox("End-to-end encryption")
        self.busy = QProgressBar()
        self.busy.setRange(0, 0)  # indeterminate: the server decides how long
        self.busy.setAccessibleName("Creating the session")
        self.busy.hide()
        self.hint = HintLabel()
        self.create_button = QPushButton("&Create")
        self.create_button.setDefault(True)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        buttons.addButton(self.create_button, QDialogButtonBox.ButtonRole.ActionRole)
        self.cancel = buttons.button(QDialogButtonBox.StandardButton.Cancel)
        form = QFormLayout(self)
        form.addRow("&Media:", self.media)
        form.addRow("&Archiving:", self.archive)
        form.addRow("&Location:", self.location)
        form.addRow(self.e2ee)
        form.addRow(self.busy)
        form.addRow(self.hint)
        form.addRow(buttons)
        self.create_button.clicked.connect(self._on_create_clicked)
        buttons.rejected.connect(self._on_cancel)

    def options(self) -> SessionOptions:
        return SessionOptions(
            media_mode=MediaMode(str(self.media.currentData())),
            archive_mode=ArchiveMode(str(self.archive.currentData())),
            location=self.location.text().strip() or None,
            e2ee=self.e2ee.isChecked(),
        )

    @property
    def running(self) -> bool:
        return self._task is not None and not self._task.done()

    @Slot()
    def _on_create_clicked(self) -> None:
        if self.running:
            return
        try:
            request = build_create_session(
                self._credentials, self.options(), now=int(time.time()),
                base_url=self._base_url,
            )  # fmt: skip
        except StudioError as e:
            self.hint.show_state(HintState.ERROR, str(e))
            return
        loop = ensure_loop()
        self._set_busy(True)
        self.hint.show_state(HintState.PLAIN, "Asking the server…")
        self._task = loop.create_task(self._create(request))

    async def _create(self, request) -> None:  # type: ignore[no-untyped-def]
        # The HTTP transport loads with the first request, not with the window.
        from opentok_studio.net.http import send

        try:
            answer = await send(request, timeout=self._timeout)
            created = read_create_session(*answer)
        except asyncio.CancelledError:
            # The request may already have reached the API: say what is known.
            self.hint.show_state(
                HintState.PLAIN,
                "Cancelled: the form keeps its session ID. If the request reached "
                "the API, a session may exist there unused (that costs nothing).",
            )
            self._set_busy(False)
            return
        except StudioError as e:
            self.hint.show_state(HintState.ERROR, str(e))
            self._set_busy(False)
            return
        self._set_busy(False)
        self.created.emit(created.session_id)
        self.accept()

    @Slot()
    def _on_cancel(self) -> None:
        if self.running and self._task is not None:
            self._task.cancel()  # the dialog stays: the user sees it stopped
            return
        self.reject()

    def _set_busy(self, busy: bool) -> None:
        self.busy.setVisible(busy)
        self.create_button.setEnabled(not busy)
        for widget in (self.media, self.archive, self.location, self.e2ee):
            widget.setEnabled(not busy)
