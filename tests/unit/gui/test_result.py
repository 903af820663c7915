"""The result pane: its decoded view and QR code are made on first use (#14:
the start's peak memory), in the place they always had."""

from __future__ import annotations

from PySide6.QtWidgets import QVBoxLayout

from opentok_studio.core.decoder import decode
from opentok_studio.core.model import ProjectCredentials, TokenRequest
from opentok_studio.core.signer import make_token
from opentok_studio.gui.mainwindow import MainWindow
from opentok_studio.gui.result import ResultPane
from tests.helpers import vectors

NOW = 1_800_000_000
CREDENTIALS = ProjectCredentials(vectors.API_KEY, vectors.API_SECRET)


def _token() -> tuple[str, object]:
    token = make_token(TokenRequest(session_id=vectors.SID), CREDENTIALS, now=NOW)
    return token, decode(token, CREDENTIALS, now=NOW)


def test_nothing_made_before_a_token(qtbot) -> None:
    pane = ResultPane()
    qtbot.addWidget(pane)
    pane.set_presenter(False)
    pane.recolour()
    pane.mark_stale()
    assert pane._view is None and pane._qr is None


def test_first_token_puts_the_view_last_with_the_stretch(qtbot) -> None:
    pane = ResultPane()
    qtbot.addWidget(pane)
    layout = pane.layout()
    assert isinstance(layout, QVBoxLayout)
    count = layout.count()
    assert layout.itemAt(count - 1).spacerItem() is not None  # the place held
    pane.show_token(*_token())
    assert layout.count() == count  # the stretch gave its place to the view
    assert layout.itemAt(count - 1).widget() is pane.view
    assert layout.stretch(count - 1) == 1
    assert "No problems found" in pane.view.text()
    assert pane.view is pane.view  # made once


def test_view_made_in_presenter_mode_starts_hidden(qtbot) -> None:
    pane = ResultPane()
    qtbot.addWidget(pane)
    pane.show()
    pane.set_presenter(True)
    assert pane._view is None
    pane.show_token(*_token())
    assert not pane.view.isVisibleTo(pane)
    pane.set_presenter(False)
    assert pane.view.isVisibleTo(pane)


def test_qr_column_comes_with_presenter_mode(qtbot, ready: MainWindow) -> None:
    tab = ready.make_tab
    assert tab.count() == 2 and ready.result._qr is None
    ready.generate()
    assert ready.result.current_token()
    assert ready.result._qr is None  # a token alone makes no code
    ready.presenter_action.setChecked(True)
    assert ready.result.qr.text == ready.result.current_token()
    assert ready.result.qr.isVisibleTo(ready)
    ready.presenter_action.setChecked(False)
    assert not ready.result.qr.isVisibleTo(ready)
    assert tab.indexOf(ready.result.qr) == 2  # back in its own column, hidden


def test_the_legend_wraps_between_parts_never_inside_one(qtbot) -> None:
    # Presenter mode's narrow column showed "■ header ■ / claims ■ / signature".
    from PySide6.QtGui import QTextDocument

    pane = ResultPane()
    qtbot.addWidget(pane)
    pane.show_token(*_token())
    doc = QTextDocument()
    doc.setDefaultFont(pane.legend.font())
    doc.setHtml(pane.legend.text())
    doc.setTextWidth(pane.legend.fontMetrics().horizontalAdvance("■ signature") + 8)
    doc.size()  # lays the text out
    lines = []
    block = doc.begin()
    while block.isValid():
        layout = block.layout()
        for i in range(layout.lineCount()):
            line = layout.lineAt(i)
            lines.append(
                block.text()[line.textStart() : line.textStart() + line.textLength()]
            )
        block = block.next()
    assert len(lines) >= 2  # it did wrap
    for line in lines:
        assert not line.rstrip().endswith("■"), lines
        assert line.strip().startswith("■"), lines
