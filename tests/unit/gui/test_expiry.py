"""The expiry picker: presets, absolute times, and the [now, now + 30 d] bounds."""

from __future__ import annotations

import time

from PySide6.QtCore import Qt

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
    assert expire_in is None and abs(expire_time - target) < 60
    assert picker.buttons.checkedButton() is None
    assert picker.utc.text().endswith("UTC")


def test_typed_date_by_keyboard(qtbot) -> None:
    picker = ExpiryPicker()
    qtbot.addWidget(picker)
    tomorrow = time.localtime(time.time() + 86400 + 3600)
    picker.editor.setFocus()
    picker.editor.setSelectedSection(picker.editor.Section.YearSection)
    qtbot.keyClicks(picker.editor, time.strftime("%Y%m%d%H%M", tomorrow))
    expire_time, expire_in = picker.expiry()
    assert expire_in is None
    assert time.strftime("%Y-%m-%d %H:%M", time.localtime(expire_time)) == (
        time.strftime("%Y-%m-%d %H:%M", tomorrow)
    )


def test_cannot_go_past_30_days_or_into_the_past(qtbot) -> None:
    picker = ExpiryPicker()
    qtbot.addWidget(picker)
    now = int(time.time())
    picker.set_absolute(now + 40 * 86400)
    assert picker.expiry()[0] <= now + limits.MAX_EXPIRY_SECONDS + 1
    picker.set_absolute(now - 3600)
    assert picker.expiry()[0] >= now
