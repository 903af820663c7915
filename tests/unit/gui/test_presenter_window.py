"""Presenter mode at projector sizes (#15): leaving restores the window
exactly, the QR code holds the join link in modules a room can scan, every
font scales, no identifier of the account shows, and the form needs no
scrolling at 1024x768."""

from __future__ import annotations

import time
from collections.abc import Iterator
from pathlib import Path
from types import SimpleNamespace

import pytest
import segno
from PySide6.QtCore import QModelIndex, Qt
from PySide6.QtGui import QGuiApplication, QImage
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QApplication,
    QComboBox,
    QGroupBox,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QScrollArea,
    QSplitterHandle,
    QTabBar,
    QTextEdit,
    QWidget,
)

from opentok_studio.gui import decodedview, theme
from opentok_studio.gui.mainwindow import (
    COMPARE_TAB,
    DECODE_TAB,
    HISTORY_TAB,
    MainWindow,
)
from opentok_studio.gui.qr import QUIET_ZONE, qr_matrix
from opentok_studio.gui.result import ResultPane
from tests.helpers import scanner, vectors

SIZES = [(1280, 800), (1024, 768)]
JOIN = "https://demo.example.com/join?session={session_id}&token={token}"


def _settle(qtbot) -> None:  # type: ignore[no-untyped-def]
    QApplication.sendPostedEvents()
    qtbot.wait(10)


@pytest.fixture
def sized(request, ready: MainWindow, qtbot, monkeypatch) -> Iterator[MainWindow]:  # type: ignore[no-untyped-def]
    """The ready window at a projector size, with a token made."""
    # The countdown's words change with the clock ("1 day", "23 h"): its
    # clock stands still, so a size that changed is presenter mode's doing.
    now = time.time()
    monkeypatch.setattr(decodedview, "time", SimpleNamespace(time=lambda: now))
    w, h = request.param
    ready.resize(w, h)
    ready.form.data.setPlainText("name=Ann&team=qa")
    ready.form.layout_classes.setText("focus full")
    ready.generate()
    _settle(qtbot)
    yield ready
    if ready.presenter_action.isChecked():
        ready.presenter_action.setChecked(False)


def _popup_row_height(combo: QComboBox) -> int:
    combo.showPopup()
    height = combo.view().visualRect(combo.model().index(0, 0)).height()
    combo.hidePopup()
    return height


def _state(win: MainWindow) -> dict[str, object]:
    """Everything leaving presenter mode must give back, widget by widget."""
    state: dict[str, object] = {
        "window": (win.size(), win.minimumSizeHint(), win.minimumSize()),
        "app font": QGuiApplication.font().pointSizeF(),
        # The columns on show (the QR code's column is added, hidden, on entering).
        "splitter": [
            size
            for i, size in enumerate(win.make_tab.sizes())
            if not win.make_tab.widget(i).isHidden()
        ],
    }
    for w in win.findChildren(QWidget):
        if (w.isWindow() and w is not win) or isinstance(w, QSplitterHandle):
            # Menus and pop-ups: checked through their combo boxes; a handle
            # is made again when the QR code comes back (the sizes are checked).
            continue
        # By identity: the QR code moves between parents, and the order with it.
        key = f"{id(w)}:{type(w).__name__}:{w.accessibleName()}"
        state[key] = (w.font().pointSizeF(), w.isVisibleTo(win), w.minimumSizeHint())
        if w.isVisibleTo(win):
            state[key] += (w.size(), w.sizeHint())  # type: ignore[operator]
    for i, combo in enumerate(win.findChildren(QComboBox)):
        state[f"combo {i} view"] = (
            combo.view().font().pointSizeF(),
            combo.view().sizeHintForRow(0),
        )
    return state


# Opening a pop-up offscreen: it cannot raise it nor grab the keyboard.
@pytest.mark.qt_log_ignore("This plugin does not support (raise|grabbing)")
@pytest.mark.parametrize("sized", SIZES, indirect=True, ids=["1280x800", "1024x768"])
def test_leaving_restores_geometry_fonts_and_sizes(qtbot, sized: MainWindow) -> None:
    win = sized
    before = _state(win)
    rows = {
        c: _popup_row_height(c) for c in win.findChildren(QComboBox) if c.isVisible()
    }
    for _ in range(2):  # twice: nothing creeps
        win.presenter_action.setChecked(True)
        _settle(qtbot)
        # The window never has to grow to hold presenter mode.
        assert win.minimumSizeHint().height() <= win.height()
        assert win.minimumSizeHint().width() <= win.width()
        assert win.form.role.font().pointSizeF() > before["app font"]  # type: ignore[operator]
        win.presenter_action.setChecked(False)
        _settle(qtbot)
    after = _state(win)
    changed = {
        k: (before[k], after.get(k)) for k in before if before[k] != after.get(k)
    }
    assert not changed, "\n".join(f"{k}: {a} -> {b}" for k, (a, b) in changed.items())
    assert win.size().height() == sized.height() and win.height() in (800, 768)
    for combo, height in rows.items():
        assert _popup_row_height(combo) == height, combo.accessibleName()


def test_geometry_saved_on_entering_comes_back(qtbot, ready: MainWindow) -> None:
    ready.resize(1024, 768)
    _settle(qtbot)
    geometry = ready.saveGeometry()
    ready.presenter_action.setChecked(True)
    ready.resize(1100, 790)  # moved about while presenting
    _settle(qtbot)
    ready.presenter_action.setChecked(False)
    _settle(qtbot)
    # Offscreen windows cannot be placed (restoreGeometry clamps to its
    # 800x600 screen): the size is what the window gets back here.
    assert ready.size().toTuple() == (1024, 768)
    assert geometry


# -- the QR code -------------------------------------------------------------------


def _dark_box(image: QImage) -> tuple[int, int, int, int]:
    """The dark pixels' bounding box: (left, top, right, bottom), inclusive."""
    xs, ys = [], []
    for y in range(image.height()):
        for x in range(image.width()):
            if image.pixelColor(x, y).lightness() < 128:
                xs.append(x)
                ys.append(y)
    return min(xs), min(ys), max(xs), max(ys)


def _presenting(win: MainWindow, prefs, qtbot) -> str:  # type: ignore[no-untyped-def]
    prefs.join_url = JOIN
    win.generate()
    win.presenter_action.setChecked(True)
    _settle(qtbot)
    link = win.join_link()
    assert link is not None
    return link


@pytest.mark.parametrize("sized", [(1280, 800)], indirect=True, ids=["1280x800"])
def test_qr_holds_the_join_link_in_modules_of_6_px(
    qtbot, sized: MainWindow, prefs
) -> None:
    link = _presenting(sized, prefs, qtbot)
    qr = sized.result.qr
    assert qr.isVisible() and qr.text == link
    matrix = qr_matrix(link)
    code = segno.make(link, error="l", boost_error=True)
    # Measured on what was drawn: the dark modules span n - 2 * quiet zone.
    image = qr.grab().toImage()
    left, top, right, bottom = _dark_box(image)
    symbol = len(matrix) - 2 * QUIET_ZONE
    assert symbol == code.symbol_size(scale=1, border=0)[0]
    px = (right - left + 1) / symbol
    assert px == (bottom - top + 1) / symbol == qr.module_px() >= 6
    # Module by module, the drawing is segno's matrix of the link.
    origin = qr.code_rect().topLeft()
    ratio = image.width() / qr.width()  # device pixels
    for y, row in enumerate(matrix):
        for x, dark in enumerate(row):
            cx = int((origin.x() + x * px + px / 2) * ratio)
            cy = int((origin.y() + y * px + px / 2) * ratio)
            assert (image.pixelColor(cx, cy).lightness() < 128) == dark, (x, y)


def test_qr_holds_the_token_without_a_template(qtbot, ready: MainWindow) -> None:
    ready.resize(1280, 800)
    ready.generate()
    ready.presenter_action.setChecked(True)
    _settle(qtbot)
    assert ready.result.qr.text == ready.result.current_token()
    ready.form.role.setCurrentIndex(0)  # stale: no code to scan
    assert not ready.result.qr.isVisible() and ready.result.qr.text == ""
    ready.presenter_action.setChecked(False)


@pytest.mark.parametrize("sized", SIZES, indirect=True, ids=["1280x800", "1024x768"])
def test_a_scanner_reads_the_join_link_off_the_window(
    qtbot, sized: MainWindow, prefs, tmp_path: Path
) -> None:
    scanner.zbarimg()  # skipped before the window is set up, if missing
    link = _presenting(sized, prefs, qtbot)
    shot = tmp_path / "window.png"
    assert sized.grab().save(str(shot))
    assert scanner.scan(shot) == link


# -- fonts ---------------------------------------------------------------------


def test_monospace_scales_with_every_other_font(qtbot, ready: MainWindow) -> None:
    ready.generate()
    ready.tabs.setCurrentIndex(DECODE_TAB)
    decode = ready.decode_tab
    mono = [ready.form.session_id, ready.result.token, decode.session, decode.input]
    label = ready.findChildren(QLabel)[0]
    sizes = [w.font().pointSizeF() for w in mono]
    label_size = label.font().pointSizeF()
    ready.presenter_action.setChecked(True)
    _settle(qtbot)
    for w, size in zip(mono, sizes, strict=True):
        assert w.font().pointSizeF() == pytest.approx(size * theme.PRESENTER_SCALE)
    assert label.font().pointSizeF() == pytest.approx(
        label_size * theme.PRESENTER_SCALE
    )
    ready.presenter_action.setChecked(False)
    _settle(qtbot)
    assert [w.font().pointSizeF() for w in mono] == sizes
    assert label.font().pointSizeF() == label_size


def test_a_tab_built_in_presenter_mode_scales_and_restores(
    qtbot, ready: MainWindow
) -> None:
    size = ready.form.session_id.font().pointSizeF()
    ready.presenter_action.setChecked(True)
    ready.tabs.setCurrentIndex(COMPARE_TAB)  # built now, at presenter scale
    mono = ready.compare_tab.a
    assert mono.font().pointSizeF() == pytest.approx(size * theme.PRESENTER_SCALE)
    ready.presenter_action.setChecked(False)
    _settle(qtbot)
    assert mono.font().pointSizeF() == pytest.approx(size)


# -- nothing that names the account ----------------------------------------------


def _model_texts(view: QAbstractItemView) -> list[str]:
    model = view.model()
    if model is None:
        return []
    texts = []
    for row in range(model.rowCount(QModelIndex())):
        for col in range(model.columnCount(QModelIndex())):
            index = model.index(row, col)
            for role in (0, 3):  # DisplayRole, ToolTipRole
                texts.append(str(model.data(index, role) or ""))
    for col in range(model.columnCount(QModelIndex())):
        texts.append(str(model.headerData(col, Qt.Orientation.Horizontal) or ""))
    return texts


def _screen_texts(win: MainWindow) -> list[str]:
    """Every text a visible widget shows, its tooltip and accessible names."""
    texts = [win.windowTitle(), win.statusBar().currentMessage()]
    for w in [win, *win.findChildren(QWidget)]:
        if not w.isVisibleTo(win):
            continue
        texts += [
            w.toolTip(),
            w.accessibleName(),
            w.accessibleDescription(),
            w.whatsThis(),
        ]
        if isinstance(w, QLineEdit):
            texts += [w.displayText(), w.placeholderText()]
        elif isinstance(w, QLabel | QAbstractButton):
            texts.append(w.text())
        elif isinstance(w, QPlainTextEdit):
            texts.append(w.toPlainText())
        elif isinstance(w, QTextEdit):  # QTextBrowser too
            texts += [w.toPlainText(), w.toHtml()]
        elif isinstance(w, QComboBox):
            texts += [w.itemText(i) for i in range(w.count())]
        elif isinstance(w, QGroupBox):
            texts.append(w.title())
        elif isinstance(w, QTabBar):
            texts += [w.tabText(i) for i in range(w.count())]
        if isinstance(w, QAbstractItemView) and not isinstance(
            w.parentWidget(), QComboBox
        ):
            texts += _model_texts(w)
    return texts


def _walk_every_tab(win: MainWindow, qtbot) -> list[str]:  # type: ignore[no-untyped-def]
    """Presenter mode over each tab with something in it; the texts seen."""
    seen = []
    win.generate()
    token = win.result.current_token()
    assert token
    win.presenter_action.setChecked(True)
    _settle(qtbot)
    seen += _screen_texts(win)
    win.tabs.setCurrentIndex(DECODE_TAB)
    win.decode_tab.session.setText(vectors.OTHER_SID)  # another key's session too
    win.decode_tab.client_error.setText("1004 invalid token")
    win.decode_tab.set_text(token)
    win.decode_tab.refresh()
    win.who_signed()
    qtbot.waitUntil(lambda: not win.decode_tab.checking)
    _settle(qtbot)
    seen += _screen_texts(win)
    assert "Made by" in win.decode_tab.view.text()  # the view is really filled
    win.tabs.setCurrentIndex(COMPARE_TAB)
    win.compare_tab.a.setPlainText(token)
    win.compare_tab.b.setPlainText(win.decode_tab.current_token())
    win.compare_tab.refresh()
    qtbot.waitUntil(lambda: not win.compare_tab.busy)
    seen += _screen_texts(win)
    win.tabs.setCurrentIndex(HISTORY_TAB)
    seen += _screen_texts(win)
    win.tabs.setCurrentIndex(0)
    return seen


def _assert_hidden(texts: list[str], identifiers: list[str]) -> None:
    joined = "\n".join(texts)
    for identifier in identifiers:
        assert identifier not in joined, identifier


def test_no_identifier_on_screen_with_project_credentials(
    qtbot, ready: MainWindow
) -> None:
    ready.resize(1280, 800)
    texts = _walk_every_tab(ready, qtbot)
    _assert_hidden(texts, [vectors.API_KEY, vectors.API_SECRET, vectors.OTHER_KEY])
    assert any("Session of this project" in t for t in texts)
    ready.presenter_action.setChecked(False)
    _settle(qtbot)
    # Outside presenter mode the key is there again, as before.
    assert vectors.API_KEY in ready.form.session_hint.text()


def test_no_identifier_on_screen_with_application_credentials(
    qtbot, window: MainWindow
) -> None:
    window.resize(1024, 768)
    window.credentials.set_application(vectors.APP_ID, str(vectors.PEM_PATH))
    window.form.session_id.setText(vectors.APP_SID)
    texts = _walk_every_tab(window, qtbot)
    _assert_hidden(
        texts,
        [vectors.APP_ID, str(vectors.PEM_PATH), vectors.PEM_PATH.name, vectors.API_KEY],
    )
    assert any("this application" in t for t in texts)
    window.presenter_action.setChecked(False)


def test_decoded_view_leaves_out_the_account_rows(qtbot, ready: MainWindow) -> None:
    ready.generate()
    ready.tabs.setCurrentIndex(DECODE_TAB)
    ready.decode_tab.set_text(ready.result.current_token())
    assert "API key" in ready.decode_tab.view.text()
    ready.presenter_action.setChecked(True)
    assert "API key" not in ready.decode_tab.view.text()
    ready.presenter_action.setChecked(False)
    assert "API key" in ready.decode_tab.view.text()


# -- the form fits ---------------------------------------------------------------


@pytest.mark.parametrize("sized", SIZES, indirect=True, ids=["1280x800", "1024x768"])
@pytest.mark.parametrize("kind", ["project", "application"])
def test_form_fits_without_scrolling(qtbot, sized: MainWindow, kind: str) -> None:
    if kind == "application":
        sized.credentials.set_application(vectors.APP_ID, str(vectors.PEM_PATH))
        sized.form.session_id.setText(vectors.APP_SID)
        sized.generate()
    sized.presenter_action.setChecked(True)
    _settle(qtbot)
    scroll = sized.form.findChild(QScrollArea)
    assert scroll is not None
    assert scroll.verticalScrollBar().maximum() == 0
    assert scroll.horizontalScrollBar().maximum() == 0
    for field in (sized.form.session_id, sized.form.layout_classes, sized.form.format,
                  sized.form.generate):  # fmt: skip
        assert field.visibleRegion().boundingRect().height() == field.height()
    assert sized.form.data_hint.isVisible()  # the personal-data note stays
    assert isinstance(sized.result, ResultPane) and sized.result.token.isVisible()


def test_closing_while_presenting_leaves_it_first(qtbot, ready: MainWindow) -> None:
    size = QGuiApplication.font().pointSizeF()
    ready.resize(1024, 768)
    ready.presenter_action.setChecked(True)
    ready.resize(1100, 790)
    ready.close()
    assert not ready.presenter_action.isChecked()
    assert QGuiApplication.font().pointSizeF() == size
    assert ready.size().toTuple() == (1024, 768)  # what the settings keep
