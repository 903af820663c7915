"""Jobs driven by the keyboard alone (#15), counting the keys each takes."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QWidget

from opentok_studio.gui.batchdialog import with_extension
from opentok_studio.gui.mainwindow import MainWindow


class Keys:
    """qtbot.keyClick/keyClicks that count every key pressed."""

    def __init__(self, qtbot) -> None:  # type: ignore[no-untyped-def]
        self.qtbot = qtbot
        self.count = 0

    def focus(self) -> QWidget:
        widget = QApplication.focusWidget()
        assert widget is not None, "nothing has keyboard focus"
        return widget

    def press(self, key: Qt.Key, modifier=Qt.KeyboardModifier.NoModifier) -> None:  # type: ignore[no-untyped-def]
        self.qtbot.keyClick(self.focus(), key, modifier)
        self.count += 1

    def type(self, text: str) -> None:
        self.qtbot.keyClicks(self.focus(), text)
        self.count += len(text)


CTRL = Qt.KeyboardModifier.ControlModifier
ALT = Qt.KeyboardModifier.AltModifier


def test_a_ten_thousand_batch_by_keyboard(qtbot, ready: MainWindow) -> None:
    keys = Keys(qtbot)
    ready.make_tab.focus_session()
    keys.press(Qt.Key.Key_B, CTRL)
    dialog = ready.batch_dialog
    qtbot.waitExposed(dialog)
    qtbot.waitUntil(dialog.count.hasFocus)
    keys.press(Qt.Key.Key_A, CTRL)
    keys.type("10000")
    with qtbot.waitSignal(dialog.finished_batch, timeout=60_000):
        keys.press(Qt.Key.Key_Return)  # #15: Enter makes the batch
    assert len(dialog.tokens) == 10_000
    assert keys.count == 8
    print(f"\nKEYS batch-10k: {keys.count}")


def test_enter_in_the_csv_field_makes_the_batch_not_a_file_picker(
    qtbot, ready: MainWindow
) -> None:
    ready.open_batch()
    dialog = ready.batch_dialog
    dialog.count.setValue(3)
    dialog.browse.setFocus()
    assert not dialog.browse.isDefault() and dialog.start.isDefault()
    dialog.template.setFocus()
    with qtbot.waitSignal(dialog.finished_batch, timeout=10_000):
        qtbot.keyClick(dialog.template, Qt.Key.Key_Return)


def test_exports_get_their_extension() -> None:
    assert with_extension(Path("/t/batch10k"), "csv") == Path("/t/batch10k.csv")
    assert with_extension(Path("/t/b"), "jsonl") == Path("/t/b.jsonl")
    assert with_extension(Path("/t/b.txt"), "csv") == Path("/t/b.txt")
