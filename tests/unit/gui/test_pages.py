"""gui/pages.py: each tab page is built on first use and wired to the window."""

from __future__ import annotations

from opentok_studio.gui import pages
from opentok_studio.gui.comparetab import CompareTab
from opentok_studio.gui.decodetab import DecodeTab
from opentok_studio.gui.historyview import HistoryView
from opentok_studio.gui.mainwindow import DECODE_TAB, MainWindow
from opentok_studio.gui.scantab import ScanTab
from tests.helpers import vectors


def test_each_page_is_its_kind(qtbot, ready: MainWindow) -> None:
    made = {
        pages.decode_tab: DecodeTab,
        pages.compare_tab: CompareTab,
        pages.history: HistoryView,
        pages.scan_tab: ScanTab,
    }
    for make, kind in made.items():
        page = make(ready)
        qtbot.addWidget(page)
        assert isinstance(page, kind)


def test_pages_are_built_on_first_use_only(qtbot, window: MainWindow) -> None:
    assert window.tabs.built(DECODE_TAB) is None
    window.tabs.setCurrentIndex(DECODE_TAB)
    assert isinstance(window.tabs.built(DECODE_TAB), DecodeTab)


def test_a_decoded_token_reaches_the_window(qtbot, ready: MainWindow) -> None:
    # pages.decode_tab connects the tab's signals to the window's slots
    token = vectors.load("tokens")["cases"][0]["token"]
    ready.tabs.setCurrentIndex(DECODE_TAB)  # a hidden tab's decode says nothing
    ready.decode_tab.set_text(token)
    qtbot.waitUntil(lambda: "Decoded" in ready.statusBar().currentMessage())
