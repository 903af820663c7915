"""The window's dialogs: batch, new session, SDK call, preferences, about. Each loads
its module when first opened, so none is on the path to the first paint."""

from __future__ import annotations

from typing import TYPE_CHECKING

from opentok_studio import __version__
from opentok_studio.core.errors import StudioError

if TYPE_CHECKING:
    from PySide6.QtWidgets import QWidget

    from opentok_studio.core.model import TokenRequest
    from opentok_studio.gui.mainwindow import MainWindow


def open_batch(window: MainWindow) -> None:
    """The batch dialog over the form's request and the current credentials."""
    # A dialog, loaded when first opened (not on the start-up path).
    from opentok_studio.gui.batchdialog import BatchDialog

    typed = window.form.expiry.error()
    if typed is not None:
        window.statusBar().showMessage(f"A batch needs a valid expiry: {typed}")
        return

    credentials = window.credentials.credentials()
    if credentials is None:
        missing = window.credentials.missing()
        window.statusBar().showMessage(f"A batch needs credentials: {missing}")
        return
    window.batch_dialog = BatchDialog(
        window.form.request(), credentials, window, clipboard=window.clipboard,
        clear_after=window.prefs.clipboard_seconds,
    )  # fmt: skip
    window.batch_dialog.open()


def new_session(window: MainWindow) -> None:
    """Create a session over the REST API; the window keeps running meanwhile."""
    # The REST client and its dialog load when first used.
    from opentok_studio.gui.newsession import NewSessionDialog

    credentials = window.credentials.credentials()
    if credentials is None:
        window.statusBar().showMessage(
            f"A new session needs credentials: {window.credentials.missing()}"
        )
        return
    try:
        base = window.credentials.api_url()
    except StudioError as e:
        window.statusBar().showMessage(f"No new session: {e}")
        return
    window.session_dialog = NewSessionDialog(credentials, base, window)
    window.session_dialog.created.connect(window._on_session_created)
    window.session_dialog.open()


def show_snippets(parent: QWidget, request: TokenRequest, application: bool) -> None:
    """The SDK calls that would make ``request``, in each language (modal)."""
    # The snippet templates and their dialog load when first asked for.
    from opentok_studio.core.snippets import application_calls, project_calls
    from opentok_studio.gui.snippetsdialog import SnippetsDialog

    calls = application_calls(request) if application else project_calls(request)
    SnippetsDialog(calls, parent).exec()


def edit_preferences(window: MainWindow) -> None:
    # A dialog, loaded when first opened (not on the start-up path).
    from opentok_studio.gui.prefsdialog import PreferencesDialog

    dialog = PreferencesDialog(window.prefs, window)
    if dialog.exec() == PreferencesDialog.DialogCode.Accepted:
        dialog.save()
        window.set_theme(window.prefs.theme)


def about(window: MainWindow) -> None:
    # ~40 enums built on import: only when the box is asked for.
    from PySide6.QtWidgets import QMessageBox

    QMessageBox.about(
        window,
        "About OpenTok Studio",
        f"OpenTok Studio {__version__}\nMake, decode and explain OpenTok and "
        "Vonage Video tokens. Tokens are signed locally; nothing is sent.",
    )
