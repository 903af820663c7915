"""The expiry picker: presets (one tab stop, arrow keys choose), a typed local
time or duration read by core/timeparse.py, the same moment in UTC, and how
long from now."""

from __future__ import annotations

import time
from datetime import datetime, timedelta, tzinfo

from PySide6.QtCore import QDate, QEvent, QObject, Qt, QTimer, Signal, Slot
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QButtonGroup,
    QCalendarWidget,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMenu,
    QToolButton,
    QVBoxLayout,
    QWidget,
    QWidgetAction,
)

from opentok_studio.core import limits
from opentok_studio.core.errors import ValidationError
from opentok_studio.core.timeparse import (
    format_relative,
    format_utc,
    parse_duration,
    parse_typed_expiry,
)

#: (label, seconds); 24 h is the SDKs' default.
DEFAULT_PRESET = limits.DEFAULT_EXPIRY_SECONDS
PRESETS = (("15 min", 900), ("1 h", 3600), ("24 h", DEFAULT_PRESET),
           ("7 d", 7 * DEFAULT_PRESET), ("30 d", limits.MAX_EXPIRY_SECONDS))  # fmt: skip
#: How the field shows a time, and the first form parse_typed_expiry reads.
TYPED_FORMAT = "%Y-%m-%d %H:%M"
PRESETS_HELP = "Expiry presets: one Tab stop; the Left and Right arrow keys choose."
_TYPED_FIX = "type e.g. 2026-12-25 12:00, 202612251200 or 45m"
TYPED_HELP = "Type a local time (2026-12-25 12:00, 25.12.2026 12:00, 202612251200) or a duration (45m, 2h)"  # noqa: E501


class LocalZone(tzinfo):
    """This computer's zone with its daylight-saving rules (a fixed offset
    taken now would be an hour off across a change within the 30 days)."""

    def utcoffset(self, dt: datetime | None) -> timedelta:
        if dt is None:
            return timedelta(seconds=time.localtime().tm_gmtoff)
        stamp = time.mktime(
            (dt.year, dt.month, dt.day, dt.hour, dt.minute, dt.second, 0, 0, -1)
        )
        return timedelta(seconds=time.localtime(stamp).tm_gmtoff)

    def dst(self, dt: datetime | None) -> timedelta:
        return timedelta(0)

    def tzname(self, dt: datetime | None) -> str:
        return time.strftime("%Z")


LOCAL = LocalZone()


def typed_text(epoch: int) -> str:
    """``epoch`` as the field shows it: local, whole minutes."""
    return time.strftime(TYPED_FORMAT, time.localtime(epoch))


class _ArrowKeys(QObject):
    """Left/Right (Up/Down) on a preset choose the neighbouring preset."""

    def __init__(self, picker: ExpiryPicker) -> None:
        super().__init__(picker)
        self._picker = picker

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802
        if event.type() == QEvent.Type.KeyPress and isinstance(event, QKeyEvent):
            step = {Qt.Key.Key_Left: -1, Qt.Key.Key_Up: -1,
                    Qt.Key.Key_Right: 1, Qt.Key.Key_Down: 1}.get(Qt.Key(event.key()))  # fmt: skip
            if step is not None and event.modifiers() == Qt.KeyboardModifier.NoModifier:
                self._picker.step_preset(watched, step)
                return True
        return False


class ExpiryPicker(QWidget):
    """Relative (a preset or a typed duration) or absolute (a typed time).

    A typed text that is not a valid expiry is never replaced by an old value:
    ``error()`` says why, and the form keeps Generate disabled meanwhile.

    Attributes:
        presets: the preset buttons' row (a label's buddy: its focus goes to
            the chosen preset).
        editor: the typed time or duration.
        calendar: a button with a calendar popup (fills the editor's date).

    Signals:
        expiryChanged: the expiry, or whether it is valid, changed.
    """

    expiryChanged = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._preset: int | None = DEFAULT_PRESET
        #: The preset last chosen: an emptied custom field goes back to it.
        self._last_preset = DEFAULT_PRESET
        self._absolute: int | None = None
        self._error: str | None = None
        self.buttons = QButtonGroup(self)
        self.buttons.setExclusive(True)
        self.presets = QWidget()
        self.presets.setAccessibleName("Expiry presets")
        self.presets.setAccessibleDescription(PRESETS_HELP)
        # A label gives focus only to a buddy that takes focus; the proxy (the
        # chosen preset) receives it, and Tab skips a widget with a proxy.
        self.presets.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        row = QHBoxLayout(self.presets)
        row.setContentsMargins(0, 0, 0, 0)
        arrows = _ArrowKeys(self)
        for label, seconds in PRESETS:
            button = QToolButton()
            button.setText(label)
            button.setCheckable(True)
            button.setAccessibleName(f"Expire in {label}")
            button.setAccessibleDescription(PRESETS_HELP)
            button.setToolTip(PRESETS_HELP)
            button.setChecked(seconds == DEFAULT_PRESET)
            button.toggled.connect(self._on_preset_toggled)
            button.installEventFilter(arrows)
            self.buttons.addButton(button, seconds)
            row.addWidget(button)
        row.addStretch(1)

        self.editor = QLineEdit()
        self.editor.setClearButtonEnabled(True)
        self.editor.setAccessibleName("Custom expiry, local time or duration")
        self.editor.setAccessibleDescription(TYPED_HELP)
        self.editor.setToolTip(TYPED_HELP + "; up to 30 days ahead (the SDK limit)")
        self.editor.setMinimumWidth(
            self.editor.fontMetrics().horizontalAdvance("0") * 18
        )
        self.custom_label = QLabel("or c&ustom:")
        self.custom_label.setBuddy(self.editor)
        self.calendar = QToolButton()
        # Text, not an emoji: a desktop without a colour-emoji font shows a box.
        self.calendar.setText("Date…")
        self.calendar.setAccessibleName("Pick the expiry date from a calendar")
        self.calendar.setToolTip("Pick the date from a calendar")
        self.calendar.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
        menu = QMenu(self.calendar)
        # The calendar (a table, a month menu, a year box: ~0.4 MiB) is made
        # when its menu first opens, not with the form (#14).
        menu.aboutToShow.connect(self._on_calendar_menu_about_to_show)
        self.calendar.setMenu(menu)
        self.utc = QLabel()
        self.utc.setAccessibleName("Expiry in UTC")
        self.utc.setWordWrap(True)
        self.relative = QLabel()
        self.relative.setAccessibleName("Time until expiry")
        when = QHBoxLayout()
        when.setContentsMargins(0, 0, 0, 0)
        when.addWidget(self.custom_label)
        when.addWidget(self.editor, 1)
        when.addWidget(self.calendar)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.presets)
        layout.addLayout(when)
        layout.addWidget(self.utc)
        layout.addWidget(self.relative)
        QWidget.setTabOrder(self.buttons.button(DEFAULT_PRESET), self.editor)

        self._timer = QTimer(self)
        self._timer.setInterval(1000)
        self._timer.timeout.connect(self.refresh)
        self._timer.start()
        self.buttons.idClicked.connect(self._on_buttons_id_clicked)
        self.editor.textEdited.connect(self._on_editor_text_edited)
        self._on_preset_toggled(True)
        self.refresh()

    def expiry(self) -> tuple[int | None, int | None]:
        """``(expire_time, expire_in)`` for a TokenRequest; one is None, both
        when the typed text is not a valid expiry (see ``error()``)."""
        if self._error is not None:
            return None, None
        if self._preset is not None:
            return None, self._preset
        return self._absolute, None

    def error(self) -> str | None:
        """Why the typed text is not an expiry (None when it is one)."""
        return self._error

    def set_preset(self, seconds: int) -> None:
        """Choose a preset by its seconds (keyboard users and tests)."""
        button = self.buttons.button(seconds)
        if button is not None:
            button.click()

    def set_relative(self, seconds: int) -> None:
        """A lifetime from now: a preset's button when one matches."""
        button = self.buttons.button(seconds)
        if button is not None:
            button.click()
            return
        self._choose(seconds, None, None)

    def set_absolute(self, epoch: int) -> None:
        """Choose an absolute expiry (whole minutes; refused with the reason
        when out of bounds, never clamped silently)."""
        self.set_text(typed_text(epoch))

    def set_text(self, text: str) -> None:
        """As if ``text`` was typed into the field."""
        self.editor.setText(text)
        self._on_editor_text_edited(text)

    def step_preset(self, watched: QObject, step: int) -> None:
        """Arrow keys: choose the preset ``step`` away from ``watched``."""
        buttons = self.buttons.buttons()
        if watched not in buttons:
            return
        index = (buttons.index(watched) + step) % len(buttons)
        buttons[index].click()
        buttons[index].setFocus(Qt.FocusReason.TabFocusReason)

    def set_compact(self, on: bool) -> None:
        """Presenter mode: the UTC line and the calendar button go (the local
        time, "in 1 h" and typing stay), so the form leaves the QR code room."""
        self.utc.setVisible(not on)
        self.calendar.setVisible(not on)

    @Slot()
    def refresh(self) -> None:
        """Check the typed text against the moving clock; redraw UTC and relative."""
        now = int(time.time())
        if self._preset is None:
            old = (self._error, self._absolute)
            self._parse(self.editor.text(), now)
            if (self._error, self._absolute) != old:
                self.expiryChanged.emit()
        elif self.buttons.checkedButton() is not None:
            self.editor.setPlaceholderText(
                f"{typed_text(now + self._preset)}  (type a time or 45m)"
            )
        self.refresh_labels()

    def _parse(self, text: str, now: int) -> None:
        """Read the typed text: sets the absolute time or the error."""
        digits = text.strip()
        if digits.isdigit() and len(digits) not in (12, 14):
            # The core reads bare digits as seconds: a half-typed 20261225 is
            # "234 days" there, and a number of seconds is no whole minute.
            self._absolute = None
            if len(digits) <= 3:  # not a year begun: a number meant as a duration
                self._error = (
                    f"{digits!r} has no unit: type {digits}m or {digits}h for a "
                    f"duration, or a date and time ({_TYPED_FIX})"
                )
            else:
                self._error = f"{digits!r} is not a date and time yet; {_TYPED_FIX}"
            return
        try:
            when = parse_typed_expiry(text, now=now, tz=LOCAL)
        except ValidationError as e:
            self._absolute, self._error = None, _sentence(e)
            return
        self._absolute, self._error = when, None

    def _relative_of(self, text: str, now: int) -> int | None:
        """A typed duration (45m) stays relative: Generate later still gives 45m."""
        try:
            seconds = parse_duration(text.strip(), field="expiry")
        except ValidationError:
            return None
        if self._absolute is not None and self._absolute == now + seconds:
            return seconds
        return None

    @Slot(bool)
    def _on_preset_toggled(self, _checked: bool) -> None:
        # The chosen preset reads as chosen without colour: a check mark, bold.
        # Only it is a Tab stop; arrow keys move between the presets.
        checked = self.buttons.checkedButton()
        for button in self.buttons.buttons():
            label = button.text().removeprefix("✓ ")
            button.setText(f"✓ {label}" if button.isChecked() else label)
            font = button.font()
            font.setBold(button.isChecked())
            button.setFont(font)
        first = self.buttons.buttons()[0]
        stop = checked or first
        for button in self.buttons.buttons():
            button.setFocusPolicy(
                Qt.FocusPolicy.StrongFocus
                if button is stop
                else Qt.FocusPolicy.ClickFocus
            )
        self.presets.setFocusProxy(stop)

    @Slot(int)
    def _on_buttons_id_clicked(self, seconds: int) -> None:
        self._last_preset = seconds
        self._preset, self._absolute, self._error = seconds, None, None
        self.editor.clear()
        self.refresh()
        self.expiryChanged.emit()

    @Slot(str)
    def _on_editor_text_edited(self, text: str) -> None:
        if not text.strip():
            # Emptied (Backspace, the clear button): no custom expiry is left,
            # so the preset chosen before typing is again (walk-through: no
            # preset stayed chosen and Generate said "no expiry typed").
            self.set_preset(self._last_preset)
            return
        # Typing means a custom expiry: no preset stays selected.
        now = int(time.time())
        self._parse(text, now)
        relative = self._relative_of(text, now) if self._error is None else None
        if relative is not None:
            self._choose(relative, None, None, keep_text=True)
        else:
            self._choose(None, self._absolute, self._error, keep_text=True)

    @Slot()
    def _on_calendar_menu_about_to_show(self) -> None:
        menu = self.calendar.menu()
        if menu.actions():
            return  # made on an earlier opening
        calendar = QCalendarWidget()
        calendar.setAccessibleName("Expiry date")
        action = QWidgetAction(menu)
        action.setDefaultWidget(calendar)
        menu.addAction(action)
        calendar.clicked.connect(self._on_calendar_clicked)
        calendar.activated.connect(self._on_calendar_clicked)

    @Slot(QDate)
    def _on_calendar_clicked(self, date: QDate) -> None:
        # The date from the calendar, the time typed so far (else now's).
        current = self._absolute or int(time.time()) + 3600
        hhmm = time.strftime("%H:%M", time.localtime(current))
        self.calendar.menu().hide()
        self.set_text(f"{date.toString('yyyy-MM-dd')} {hhmm}")
        self.editor.setFocus()

    def _choose(
        self,
        lifetime: int | None,
        absolute: int | None,
        error: str | None,
        *,
        keep_text: bool = False,
    ) -> None:
        """A lifetime no button stands for, or a typed absolute time / error."""
        self._preset, self._absolute, self._error = lifetime, absolute, error
        checked = self.buttons.checkedButton()
        if checked is not None:
            self.buttons.setExclusive(False)
            checked.setChecked(False)
            self.buttons.setExclusive(True)
        self._on_preset_toggled(False)
        if not keep_text and lifetime is not None:
            self.editor.setText(f"{lifetime // 60}m" if lifetime % 60 == 0 else "")
        self.refresh_labels()
        self.expiryChanged.emit()

    def refresh_labels(self) -> None:
        """Redraw the UTC and relative lines without re-reading the text."""
        now = int(time.time())
        expire_time, expire_in = self.expiry()
        if expire_time is None and expire_in is None:
            # The reason shows once, under the field (the form's hint).
            self.utc.setText("No expiry yet: see below.")
            self.relative.clear()
            self.relative.hide()
            return
        exp = expire_time if expire_time is not None else now + (expire_in or 0)
        self.utc.setText(format_utc(exp))
        prefix = "Expires" if exp >= now else "Expired"
        self.relative.setText(f"{prefix} {format_relative(exp, now)}")
        self.relative.show()


def _sentence(e: ValidationError) -> str:
    """``past: pick a time after now``: the problem and its fix, without the
    field name (the form says Expiry)."""
    fix = f"; {e.fix}" if e.fix else ""
    return f"{e.problem}{fix}"
