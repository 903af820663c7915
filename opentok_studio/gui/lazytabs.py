"""A tab widget whose pages are made the first time they are shown or asked for."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Signal, Slot
from PySide6.QtWidgets import QTabWidget, QVBoxLayout, QWidget


class LazyTabs(QTabWidget):
    """Tabs given as factories: a start that shows one tab pays for no other.

    Signals:
        pageBuilt(int, QWidget): a page was made (its index, the widget).
    """

    pageBuilt = Signal(int, QWidget)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._factories: dict[int, Callable[[], QWidget]] = {}
        self._holders: dict[int, QWidget] = {}
        self._built: dict[int, QWidget] = {}
        self.currentChanged.connect(self._on_current_changed)

    def add_lazy(self, factory: Callable[[], QWidget], label: str) -> int:
        """A tab whose widget ``factory()`` makes when it is first needed."""
        holder = QWidget()
        QVBoxLayout(holder).setContentsMargins(0, 0, 0, 0)
        index = self.addTab(holder, label)
        self._factories[index] = factory
        self._holders[index] = holder
        return index

    def page(self, index: int) -> QWidget:
        """The widget of tab ``index``, made now if it was not yet."""
        if index in self._built:
            return self._built[index]
        if index not in self._factories:
            raise IndexError(f"tab {index} is not lazy")
        widget = self._factories.pop(index)()
        self._built[index] = widget
        holder = self._holders[index]
        holder.layout().addWidget(widget)  # type: ignore[union-attr]
        holder.setFocusProxy(widget)
        self.pageBuilt.emit(index, widget)
        return widget

    def built(self, index: int) -> QWidget | None:
        """The widget of tab ``index`` if it was made, else None (never makes it)."""
        return self._built.get(index)

    @Slot(int)
    def _on_current_changed(self, index: int) -> None:
        if index in self._factories:
            self.page(index)
