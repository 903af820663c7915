"""The History tab's table: Enter or a double-click reopens a token in the
decoder; the live clock runs only while the table shows."""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, Qt

from opentok_studio.core.decoder import decode
from opentok_studio.core.model import ProjectCredentials, TokenRequest
from opentok_studio.core.signer import make_token
from opentok_studio.gui.history import Column, HistoryModel
from opentok_studio.gui.historyview import HistoryView
from opentok_studio.gui.mainwindow import DECODE_TAB, HISTORY_TAB, MainWindow
from tests.helpers import vectors

NOW = 1_800_000_000
CREDENTIALS = ProjectCredentials(vectors.API_KEY, vectors.API_SECRET)


def _made() -> tuple[str, object]:
    token = make_token(TokenRequest(session_id=vectors.SID), CREDENTIALS, now=NOW)
    return token, decode(token, CREDENTIALS, now=NOW)


def test_history_reopens_in_the_decoder(qtbot, ready: MainWindow) -> None:
    ready.generate()
    token = ready.result.current_token()
    ready.tabs.setCurrentIndex(HISTORY_TAB)
    view = ready.history
    model = view.model()
    assert model.data(model.index(0, Column.ROLE)) == "publisher"
    assert token[:20] in model.data(model.index(0, 0), Qt.ItemDataRole.ToolTipRole)
    view.setFocus()
    view.setCurrentIndex(model.index(0, 0))
    qtbot.keyClick(view, Qt.Key.Key_Return)
    assert ready.tabs.currentIndex() == DECODE_TAB
    assert ready.decode_tab.view.decoded.token == token


def test_view_activation_asks_to_reopen(qtbot) -> None:
    model = HistoryModel()
    token, decoded = _made()
    model.add(token, decoded)
    view = HistoryView(model)
    qtbot.addWidget(view)
    with qtbot.waitSignal(view.reopenRequested) as blocker:
        view.activated.emit(model.index(0, Column.DATA))
    assert blocker.args == [token]
    view.activated.emit(QModelIndex())  # nothing under the pointer: nothing


def test_clock_runs_only_while_shown(qtbot) -> None:
    model = HistoryModel()
    model.add(*_made())
    view = HistoryView(model)
    qtbot.addWidget(view)
    assert not view._clock.isActive()
    view.show()
    qtbot.waitExposed(view)
    assert view._clock.isActive()
    view.hide()
    assert not view._clock.isActive()
