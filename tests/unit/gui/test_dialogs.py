"""gui/dialogs.py: each dialog says why it cannot open, or opens."""

from __future__ import annotations

from opentok_studio.gui.batchdialog import BatchDialog
from opentok_studio.gui.mainwindow import MainWindow


def test_batch_without_credentials_says_what_is_missing(
    qtbot, window: MainWindow
) -> None:
    window.open_batch()
    assert window.statusBar().currentMessage().startswith("A batch needs credentials")


def test_batch_opens_with_credentials(qtbot, ready: MainWindow) -> None:
    ready.open_batch()
    assert (
        isinstance(ready.batch_dialog, BatchDialog) and ready.batch_dialog.isVisible()
    )
    ready.batch_dialog.reject()


def test_new_session_without_credentials_says_so(qtbot, window: MainWindow) -> None:
    window.new_session()
    assert (
        window.statusBar()
        .currentMessage()
        .startswith("A new session needs credentials")
    )
