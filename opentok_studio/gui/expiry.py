"""The expiry picker: presets, a local date-time editor bounded to [now, now + 30 d],
the same moment in UTC, and how long from now."""

from __future__ import annotations

import time

from PySide6.QtCore import QDateTime, QTimer, Signal, Slot
from PySide6.QtWidgets import (
    QButtonGroup,
    QDateTimeEdit,
    QHBoxLayout,
    QLabel,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from opentok_studio.core import limits
from opentok_studio.core.timeparse import format_relative, format_utc

#: (label, seconds); 24 h is the SDKs' default.
DEFAULT_PRESET = limits.DEFAULT_EXPIRY_SECONDS
PRESETS = (("15 min", 900), ("1 h", 3600), ("24 h", DEFAULT_PRESET),
           ("7 d", 7 * DEFAULT_PRESET), ("30 d", limits.MAX_EXPIRY_SECONDS))  # fmt: skip
#: The editor's earliest choice: a minute ahead, so a pick is not stale by Generate.
MIN_LEAD_SECONDS = 60


class ExpiryPicker(QWidget):
    """Relative (a preset) or absolute (the editor) expiry.

    Signals:
        expiryChanged: the user picked another expiry.
    """

    expiryChanged = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._preset: int | None = DEFAULT_PRESET
        self.buttons = QButtonGroup(self)
        self.buttons.setExclusive(True)
        row = QHBoxLayout()
        row.setContentsMargins(0, 0, 0, 0)
        for label, seconds in PRESETS:
            button = QToolButton()
            button.setText(label)
            button.setCheckable(True)
            button.setAccessibleName(f"Expire in {label}")
            button.setChecked(seconds == DEFAULT_PRESET)
            button.toggled.connect(self._on_preset_toggled)
            self.buttons.addButton(button, seconds)
            row.addWidget(button)
        row.addStretch(1)

        self.editor = QDateTimeEdit()
        self.editor.setCalendarPopup(True)
        self.editor.setDisplayFormat("yyyy-MM-dd HH:mm")
        self.editor.setAccessibleName("Expiry, local time")
        self.editor.setToolTip(
            "Local time; from a minute ahead up to 30 days ahead (the SDK limit)"
        )
        self.utc = QLabel()
        self.utc.setAccessibleName("Expiry in UTC")
        self.relative = QLabel()
        self.relative.setAccessibleName("Time until expiry")
        when = QHBoxLayout()
        when.setContentsMargins(0, 0, 0, 0)
        when.addWidget(self.editor)
        when.addWidget(QLabel("local"))
        when.addStretch(1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(row)
        layout.addLayout(when)
        layout.addWidget(self.utc)
        layout.addWidget(self.relative)

        self._timer = QTimer(self)
        self._timer.setInterval(1000)
        self._timer.timeout.connect(self.refresh)
        self._timer.start()
        self.buttons.idClicked.connect(self._on_buttons_id_clicked)
        self.editor.dateTimeChanged.connect(self._on_editor_changed)
        self._on_preset_toggled(True)
        self.refresh()

    def expiry(self) -> tuple[int | None, int | None]:
        """``(expire_time, expire_in)`` for a TokenRequest; one is None."""
        if self._preset is not None:
            return None, self._preset
        return self.editor.dateTime().toSecsSinceEpoch(), None

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
        self._choose(seconds)

    def set_absolute(self, epoch: int) -> None:
        """Choose an absolute expiry (clamped to the editor's bounds)."""
        self.editor.setDateTime(QDateTime.fromSecsSinceEpoch(epoch))

    def set_compact(self, on: bool) -> None:
        """Presenter mode: the UTC line goes (the local time and "in 1 h" stay)."""
        self.utc.setVisible(not on)

    @Slot()
    def refresh(self) -> None:
        """Move the bounds with the clock and redraw the UTC and relative lines."""
        now = int(time.time())
        self.editor.blockSignals(True)
        try:
            self.editor.setDateTimeRange(
                QDateTime.fromSecsSinceEpoch(now + MIN_LEAD_SECONDS),
                QDateTime.fromSecsSinceEpoch(now + limits.MAX_EXPIRY_SECONDS),
            )
            if self._preset is not None:
                self.editor.setDateTime(
                    QDateTime.fromSecsSinceEpoch(now + self._preset)
                )
        finally:
            self.editor.blockSignals(False)
        expire_time, expire_in = self.expiry()
        exp = expire_time if expire_time is not None else now + (expire_in or 0)
        self.utc.setText(format_utc(exp))
        prefix = "Expires" if exp >= now else "Expired"
        self.relative.setText(f"{prefix} {format_relative(exp, now)}")

    @Slot(bool)
    def _on_preset_toggled(self, _checked: bool) -> None:
        # The chosen preset reads as chosen without colour: a check mark, bold.
        for button in self.buttons.buttons():
            label = button.text().removeprefix("✓ ")
            button.setText(f"✓ {label}" if button.isChecked() else label)
            font = button.font()
            font.setBold(button.isChecked())
            button.setFont(font)

    @Slot(int)
    def _on_buttons_id_clicked(self, seconds: int) -> None:
        self._preset = seconds
        self.refresh()
        self.expiryChanged.emit()

    @Slot(QDateTime)
    def _on_editor_changed(self, _value: QDateTime) -> None:
        # Editing the date means an absolute time: no preset stays selected.
        self._choose(None)

    def _choose(self, lifetime: int | None) -> None:
        """A lifetime no button stands for (None: the editor's absolute time)."""
        self._preset = lifetime
        checked = self.buttons.checkedButton()
        if checked is not None:
            self.buttons.setExclusive(False)
            checked.setChecked(False)
            self.buttons.setExclusive(True)
        self.refresh()
        self.expiryChanged.emit()
