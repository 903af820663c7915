"""The window's tab pages, each built the first time it is shown (gui/lazytabs.py)
and wired to the window's slots; each page's module, and its part of the core,
loads then, not at start-up.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from PySide6.QtWidgets import QWidget

    from opentok_studio.gui.mainwindow import MainWindow


def decode_tab(window: MainWindow) -> QWidget:
    """The Decode tab; its module (and its part of the core) loads now."""
    from opentok_studio.gui.decodetab import DecodeTab

    tab = DecodeTab()
    tab.decoded.connect(window._on_decode_tab_decoded)
    tab.remintRequested.connect(window._on_decode_tab_remint_requested)
    tab.whoSignedRequested.connect(window.who_signed)
    tab.statusMessage.connect(window.statusBar().showMessage)
    tab.set_credentials(window.credentials.identity())
    return tab


def compare_tab(window: MainWindow) -> QWidget:
    """The Compare tab, checked with the window's credentials."""
    from opentok_studio.gui.comparetab import CompareTab

    tab = CompareTab()
    tab.set_credentials(window.credentials.identity())
    return tab


def scan_tab(window: MainWindow) -> QWidget:
    """The Scan tab; the scan's core (HAR reader, finder) loads now."""
    from opentok_studio.gui.scantab import ScanTab

    tab = ScanTab()
    tab.tokenSelected.connect(window._on_history_reopen_requested)
    tab.statusMessage.connect(window.statusBar().showMessage)
    tab.set_credentials(window.credentials.identity())
    return tab


def history(window: MainWindow) -> QWidget:
    """The History tab over the window's model (built with the panels)."""
    from opentok_studio.gui.historyview import HistoryView

    view = HistoryView(window.history_model)
    view.reopenRequested.connect(window._on_history_reopen_requested)
    return view
