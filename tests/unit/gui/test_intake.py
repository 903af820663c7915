"""A paste outside a text field, a drop, or File > Open goes where it belongs
without choosing a tab first (#16), and the window says what it did."""

from __future__ import annotations

import json
import time

from PySide6.QtCore import QMimeData, QPoint, Qt, QUrl
from PySide6.QtGui import QDropEvent, QGuiApplication

from opentok_studio.core import ProjectCredentials, TokenRequest, make_token
from opentok_studio.gui.mainwindow import DECODE_TAB, MAKE_TAB, SCAN_TAB, MainWindow
from tests.helpers import vectors

TOKEN = make_token(
    TokenRequest(vectors.SID),
    ProjectCredentials(vectors.API_KEY, vectors.API_SECRET),
    now=int(time.time()),
)


def _paste_on_the_tab_bar(window: MainWindow, text: str) -> None:
    QGuiApplication.clipboard().setText(text)
    window.tabs.tabBar().setFocus()  # no text field takes Ctrl+V here
    window._actions.paste_anything.trigger()


def test_a_pasted_token_opens_in_the_decoder(qtbot, window: MainWindow) -> None:
    _paste_on_the_tab_bar(window, f'  "{TOKEN}"  ')
    assert window.tabs.currentIndex() == DECODE_TAB
    qtbot.waitUntil(lambda: window.decode_tab.view.decoded is not None)
    assert window.decode_tab.view.decoded.token == TOKEN
    assert "decoded on the Decode tab" in window.statusBar().currentMessage()


def test_a_pasted_session_id_fills_the_form(qtbot, window: MainWindow) -> None:
    window.tabs.setCurrentIndex(DECODE_TAB)
    _paste_on_the_tab_bar(window, vectors.SID)
    assert window.tabs.currentIndex() == MAKE_TAB
    assert window.form.request().session_id == vectors.SID


def test_a_dropped_har_is_scanned(qtbot, window: MainWindow) -> None:
    har = json.dumps(
        {"log": {"version": "1.2", "entries": [{
            "startedDateTime": "2026-12-01T10:00:00Z",
            "request": {"method": "GET", "url": f"https://x.test/?token={TOKEN}",
                        "headers": []},
            "response": {"status": 200, "headers": [], "content": {"text": ""}},
        }]}}
    )  # fmt: skip
    mime = QMimeData()
    mime.setText(har)
    drop = QDropEvent(
        QPoint(5, 5), Qt.DropAction.CopyAction, mime,
        Qt.MouseButton.NoButton, Qt.KeyboardModifier.NoModifier,
    )  # fmt: skip
    # Qt delivers drops only during a real drag: hand the event to the filter.
    with qtbot.waitSignal(window.scan_tab.scanFinished, timeout=10_000) as done:
        assert window.intake.eventFilter(window, drop) is True
    assert window.tabs.currentIndex() == SCAN_TAB
    result = done.args[0]
    assert [t.token for t in result.tokens] == [TOKEN]


def test_a_dropped_file_is_scanned(qtbot, window: MainWindow, tmp_path) -> None:
    log = tmp_path / "console.log"
    log.write_text(
        f"12:00:01 connecting with {TOKEN}\n12:00:02 1004 token has expired\n"
    )
    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(log))])
    drop = QDropEvent(
        QPoint(5, 5), Qt.DropAction.CopyAction, mime,
        Qt.MouseButton.NoButton, Qt.KeyboardModifier.NoModifier,
    )  # fmt: skip
    with qtbot.waitSignal(window.scan_tab.scanFinished, timeout=10_000) as done:
        assert window.intake.eventFilter(window, drop) is True
    assert [t.token for t in done.args[0].tokens] == [TOKEN]
    assert "console.log" in window.statusBar().currentMessage()


def test_nothing_useful_says_so_and_moves_nothing(qtbot, window: MainWindow) -> None:
    _paste_on_the_tab_bar(window, "hello world")
    assert window.tabs.currentIndex() == MAKE_TAB
    assert "Nothing to use" in window.statusBar().currentMessage()


def test_ctrl_v_in_a_text_field_still_pastes_there(qtbot, window: MainWindow) -> None:
    QGuiApplication.clipboard().setText("name=Ann")
    window.form.data.setFocus()
    qtbot.keyClick(window.form.data, Qt.Key.Key_V, Qt.KeyboardModifier.ControlModifier)
    assert window.form.data.toPlainText() == "name=Ann"
    assert window.tabs.currentIndex() == MAKE_TAB


def test_the_status_bar_says_when_an_opened_file_was_scanned(
    qtbot, window: MainWindow, tmp_path
) -> None:
    # Walk-through: "Scanning call.log: see the Scan tab." stood after the end.
    log = tmp_path / "call.log"
    log.write_text(f"12:00:01 connecting with {TOKEN}\n")
    window.intake.take_file(log)
    assert window.statusBar().currentMessage().startswith("Scanning call.log")
    qtbot.waitUntil(
        lambda: (
            window.statusBar().currentMessage()
            == "Scanned call.log: 1 token, 0 with problems."
        ),
        timeout=10_000,
    )
