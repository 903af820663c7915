"""Presenter mode: nothing secret on screen, a QR code that encodes the token,
a join link, and the usual layout back afterwards."""

from __future__ import annotations

from urllib.parse import parse_qs, urlsplit

from PySide6.QtGui import QGuiApplication, QPalette
from PySide6.QtWidgets import QApplication, QLabel, QLineEdit, QPlainTextEdit, QWidget

from opentok_studio.gui.mainwindow import MainWindow
from opentok_studio.gui.theme import Theme
from tests.helpers import vectors


def _visible_texts(root: QWidget) -> list[str]:
    texts = []
    for widget in root.findChildren(QWidget):
        if not widget.isVisibleTo(root):
            continue
        if isinstance(widget, QLineEdit):
            texts.append(widget.text())
            texts.append(widget.displayText())
        elif isinstance(widget, QLabel):
            texts.append(widget.text())
        elif isinstance(widget, QPlainTextEdit):
            texts.append(widget.toPlainText())
    return texts


def test_presenter_shows_no_secret_and_restores(qtbot, ready: MainWindow) -> None:
    ready.credentials.reveal.setChecked(True)  # even a revealed secret goes away
    pem_path = str(vectors.PEM_PATH)
    ready.generate()
    size = QGuiApplication.font().pointSizeF()
    ready.presenter_action.trigger()
    texts = _visible_texts(ready)
    joined = "\n".join(texts)
    assert vectors.API_SECRET not in joined
    assert "●" * 8 not in joined  # not even a masked length
    assert pem_path not in joined
    assert not ready.credentials.api_secret.isVisibleTo(ready)
    assert QGuiApplication.font().pointSizeF() > size * 1.5
    palette = QGuiApplication.palette()
    assert palette.color(palette.ColorRole.Text).lightness() == 0
    assert palette.color(palette.ColorRole.Base).lightness() == 255
    assert ready.result.qr.isVisibleTo(ready) and ready.result.join.isVisibleTo(ready)
    ready.presenter_action.trigger()
    assert ready.credentials.api_secret.isVisibleTo(ready)
    assert QGuiApplication.font().pointSizeF() == size
    assert ready.result.view.isVisibleTo(ready) and not ready.result.qr.isVisibleTo(
        ready
    )


def test_application_key_path_hidden(qtbot, window: MainWindow) -> None:
    window.credentials.set_application(vectors.APP_ID, str(vectors.PEM_PATH))
    window.presenter_action.trigger()
    assert str(vectors.PEM_PATH) not in "\n".join(_visible_texts(window))
    window.presenter_action.trigger()


def test_join_link(qtbot, ready: MainWindow, prefs) -> None:
    prefs.join_url = "https://demo.example.com/join?session={session_id}&token={token}"
    ready.generate()
    ready.presenter_action.trigger()
    ready.result.join.click()
    link = QGuiApplication.clipboard().text()
    query = parse_qs(urlsplit(link).query)
    assert query["session"] == [vectors.SID]
    assert query["token"] == [ready.result.current_token()]
    ready.presenter_action.trigger()


def test_a_theme_chosen_while_presenting_waits_for_the_end(
    qtbot, ready: MainWindow
) -> None:
    # View > Theme while presenting replaced the projector's high-contrast
    # palette (#15's leftover).
    app = QApplication.instance()
    ready.presenter_action.setChecked(True)
    projector = app.palette().color(QPalette.ColorRole.Window)
    ready._actions.themes[Theme.DARK].trigger()
    assert app.palette().color(QPalette.ColorRole.Window) == projector
    assert "presenter mode ends" in ready.statusBar().currentMessage()
    assert ready.prefs.theme is Theme.DARK
    ready.presenter_action.setChecked(False)
    try:
        assert app.palette().color(QPalette.ColorRole.Window).lightness() < 128
    finally:
        ready.set_theme(Theme.SYSTEM)
