"""LazyTabs: a page is made once, when first shown or asked for."""

from __future__ import annotations

from PySide6.QtWidgets import QLabel, QWidget

from opentok_studio.gui.lazytabs import LazyTabs
from opentok_studio.gui.mainwindow import DECODE_TAB, HISTORY_TAB, MainWindow


def test_a_page_is_made_on_first_show_only(qtbot) -> None:
    tabs = LazyTabs()
    qtbot.addWidget(tabs)
    made: list[QWidget] = []

    def factory() -> QWidget:
        made.append(QLabel("page"))
        return made[-1]

    tabs.addTab(QLabel("first"), "First")
    index = tabs.add_lazy(factory, "Lazy")
    assert made == [] and tabs.built(index) is None
    with qtbot.waitSignal(tabs.pageBuilt) as built:
        tabs.setCurrentIndex(index)
    assert built.args == [index, made[0]]
    tabs.setCurrentIndex(0)
    tabs.setCurrentIndex(index)
    assert tabs.page(index) is made[0] and len(made) == 1
    assert tabs.built(index) is made[0]


def test_asking_for_a_page_makes_it(qtbot) -> None:
    tabs = LazyTabs()
    qtbot.addWidget(tabs)
    index = tabs.add_lazy(lambda: QLabel("page"), "Lazy")
    page = tabs.page(index)
    assert isinstance(page, QLabel) and tabs.currentIndex() == index


def test_the_window_starts_without_its_hidden_tabs(qtbot, window: MainWindow) -> None:
    assert window.tabs.currentIndex() == 0
    assert window.tabs.built(DECODE_TAB) is None
    assert window.tabs.built(HISTORY_TAB) is None
    window.tabs.setCurrentIndex(DECODE_TAB)
    assert window.tabs.built(DECODE_TAB) is window.decode_tab
