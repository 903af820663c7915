"""The expiry picker: presets, absolute times, and the [now, now + 30 d] bounds."""

from __future__ import annotations

import time

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QToolButton

from opentok_studio.core import limits
from opentok_studio.gui.expiry import ExpiryPicker


def test_default_is_24_hours(qtbot) -> None:
    picker = ExpiryPicker()
    qtbot.addWidget(picker)
    assert picker.expiry() == (None, 86400)
    assert picker.relative.text() == "Expires in 1 day"


def test_presets_by_mouse(qtbot) -> None:
    picker = ExpiryPicker()
    qtbot.addWidget(picker)
    for seconds in (900, 3600, 7 * 86400, limits.MAX_EXPIRY_SECONDS):
        with qtbot.waitSignal(picker.expiryChanged):
            qtbot.mouseClick(picker.buttons.button(seconds), Qt.MouseButton.LeftButton)
        assert picker.expiry() == (None, seconds)


def test_editing_the_date_means_absolute(qtbot) -> None:
    picker = ExpiryPicker()
    qtbot.addWidget(picker)
    target = int(time.time()) + 2 * 86400
    picker.set_absolute(target)
    expire_time, expire_in = picker.expiry()
    assert expire_in is None and expire_time == target - target % 60
    assert picker.buttons.checkedButton() is None
    assert picker.utc.text().endswith("UTC")


def _local(epoch: float, fmt: str = "%Y%m%d%H%M") -> str:
    return time.strftime(fmt, time.localtime(epoch))


@pytest.mark.parametrize("fmt", ["%Y%m%d%H%M", "%Y-%m-%d %H:%M", "%d.%m.%Y %H:%M"])
def test_typed_date_by_keyboard(qtbot, fmt: str) -> None:
    # #15: typing 202612251200 changed nothing in the QDateTimeEdit.
    picker = ExpiryPicker()
    qtbot.addWidget(picker)
    tomorrow = time.time() + 86400 + 3600
    picker.editor.setFocus()
    with qtbot.waitSignal(picker.expiryChanged):
        qtbot.keyClicks(picker.editor, _local(tomorrow, fmt))
    expire_time, expire_in = picker.expiry()
    assert expire_in is None and picker.error() is None
    assert _local(expire_time, "%Y-%m-%d %H:%M:%S") == _local(
        tomorrow, "%Y-%m-%d %H:%M:00"
    )
    assert expire_time % 60 == 0  # whole minutes: 09:30 is 09:30:00


def test_a_typed_duration_stays_relative(qtbot) -> None:
    picker = ExpiryPicker()
    qtbot.addWidget(picker)
    picker.editor.setFocus()
    qtbot.keyClicks(picker.editor, "45m")
    assert picker.expiry() == (None, 2700)
    assert picker.buttons.checkedButton() is None
    assert picker.editor.text() == "45m"


@pytest.mark.parametrize(
    ("offset", "words"),
    [(40 * 86400, "more than 30 days ahead"), (-3600, "in the past")],
)
def test_out_of_bounds_is_refused_with_the_reason(
    qtbot, offset: int, words: str
) -> None:
    # #15: past 30 days the old editor kept half-typed text and the old value.
    picker = ExpiryPicker()
    qtbot.addWidget(picker)
    picker.editor.setFocus()
    qtbot.keyClicks(picker.editor, _local(time.time() + offset))
    assert picker.expiry() == (None, None)
    assert words in (picker.error() or "")
    assert "No expiry" in picker.utc.text()


@pytest.mark.parametrize("text", ["2026", "20261225", "2026122512"])
def test_bare_digits_are_not_read_as_seconds(qtbot, text: str) -> None:
    # Half of 202612251200 is no duration of 234 days.
    picker = ExpiryPicker()
    qtbot.addWidget(picker)
    picker.set_text(text)
    assert picker.expiry() == (None, None)
    assert "not a date and time yet" in (picker.error() or "")


@pytest.mark.parametrize("text", ["90", "5", "120"])
def test_a_number_alone_asks_for_a_unit(qtbot, text: str) -> None:
    # The CLI's --expire-in 90 is seconds; here "90" said only "not a date
    # and time yet" (a walk-through): say what would work.
    picker = ExpiryPicker()
    qtbot.addWidget(picker)
    picker.set_text(text)
    assert picker.expiry() == (None, None)
    assert f"{text!r} has no unit: type {text}m or {text}h" in (picker.error() or "")


def test_half_typed_is_not_a_date(qtbot) -> None:
    picker = ExpiryPicker()
    qtbot.addWidget(picker)
    picker.editor.setFocus()
    qtbot.keyClicks(picker.editor, "2026-12")
    assert picker.expiry() == (None, None)
    assert "not a date" in (picker.error() or "")
    qtbot.mouseClick(picker.buttons.button(3600), Qt.MouseButton.LeftButton)
    assert picker.expiry() == (None, 3600) and picker.error() is None
    assert picker.editor.text() == ""


def test_presets_are_one_tab_stop_and_arrow_keys_choose(qtbot) -> None:
    picker = ExpiryPicker()
    qtbot.addWidget(picker)
    picker.show()
    picker.activateWindow()
    qtbot.waitActive(picker)
    stops = [
        b for b in picker.buttons.buttons() if b.focusPolicy() & Qt.FocusPolicy.TabFocus
    ]
    assert stops == [picker.buttons.button(86400)]
    assert "arrow keys" in picker.presets.accessibleDescription()
    picker.presets.setFocus()
    qtbot.waitUntil(picker.buttons.button(86400).hasFocus)
    qtbot.keyClick(picker.buttons.button(86400), Qt.Key.Key_Right)
    assert picker.expiry() == (None, 7 * 86400)
    assert picker.buttons.button(7 * 86400).hasFocus()
    qtbot.keyClick(picker.buttons.button(7 * 86400), Qt.Key.Key_Left)
    qtbot.keyClick(picker.buttons.button(86400), Qt.Key.Key_Left)
    assert picker.expiry() == (None, 3600)


# A popup menu on the offscreen platform: it cannot raise or grab, and says so.
@pytest.mark.qt_log_ignore("This plugin does not support (raise|grabbing)")
def test_calendar_is_made_when_its_menu_opens_and_picks_the_date(qtbot) -> None:
    from PySide6.QtCore import QDate, QTimer
    from PySide6.QtWidgets import QCalendarWidget

    picker = ExpiryPicker()
    qtbot.addWidget(picker)
    picker.show()
    assert not picker.findChildren(QCalendarWidget)  # not with the form (#14)
    menu = picker.calendar.menu()
    shown: list[QCalendarWidget] = []

    def pick() -> None:  # while the menu is open
        shown.extend(menu.findChildren(QCalendarWidget))
        shown[0].clicked.emit(QDate.currentDate().addDays(2))

    QTimer.singleShot(0, pick)
    qtbot.mouseClick(picker.calendar, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: not menu.isVisible())
    assert len(shown) == 1 and shown[0].accessibleName() == "Expiry date"
    day = QDate.currentDate().addDays(2).toString("yyyy-MM-dd")
    assert picker.editor.text().startswith(day)
    expire_time, expire_in = picker.expiry()
    assert expire_in is None and expire_time is not None
    menu.aboutToShow.emit()  # opened again: the same calendar
    assert len(menu.findChildren(QCalendarWidget)) == 1


def _clear_button(picker: ExpiryPicker) -> QToolButton:
    buttons = [b for b in picker.editor.findChildren(QToolButton) if b.isVisible()]
    assert len(buttons) == 1  # the field's own clear (✕) button
    return buttons[0]


@pytest.mark.parametrize("how", ["backspace", "clear button"])
@pytest.mark.parametrize("typed", ["45m", "not a time"])
def test_an_emptied_custom_field_goes_back_to_the_preset(
    qtbot, how: str, typed: str
) -> None:
    # Walk-through: emptying it left no preset and "no expiry typed".
    picker = ExpiryPicker()
    qtbot.addWidget(picker)
    picker.show()
    qtbot.mouseClick(picker.buttons.button(3600), Qt.MouseButton.LeftButton)
    qtbot.keyClicks(picker.editor, typed)
    assert picker.buttons.checkedButton() is None and picker.expiry() != (None, 3600)
    with qtbot.waitSignal(picker.expiryChanged):
        if how == "backspace":
            qtbot.keyClick(
                picker.editor, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier
            )
            qtbot.keyClick(picker.editor, Qt.Key.Key_Backspace)
        else:
            qtbot.mouseClick(_clear_button(picker), Qt.MouseButton.LeftButton)
    assert picker.editor.text() == ""
    assert picker.error() is None
    assert picker.expiry() == (None, 3600)
    assert picker.buttons.checkedButton() is picker.buttons.button(3600)
    assert picker.relative.text() == "Expires in 1 h"


def test_an_emptied_custom_field_without_a_preset_chosen_is_24_hours(qtbot) -> None:
    picker = ExpiryPicker()
    qtbot.addWidget(picker)
    picker.show()
    picker.set_relative(45 * 60)  # no preset stands for it: the field shows 45m
    assert picker.editor.text() == "45m" and picker.buttons.checkedButton() is None
    qtbot.mouseClick(_clear_button(picker), Qt.MouseButton.LeftButton)
    assert picker.expiry() == (None, limits.DEFAULT_EXPIRY_SECONDS)
    assert picker.buttons.checkedButton() is picker.buttons.button(86400)
