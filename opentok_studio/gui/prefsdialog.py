"""The Preferences dialog: clipboard clearing and theme (non-secret only)."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QSpinBox,
    QWidget,
)

from opentok_studio.gui import theme
from opentok_studio.gui.prefs import MAX_CLIPBOARD_SECONDS, Prefs


class PreferencesDialog(QDialog):
    """Non-secret preferences: clipboard clearing and theme."""

    def __init__(self, prefs: Prefs, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Preferences")
        self.prefs = prefs
        self.seconds = QSpinBox()
        self.seconds.setRange(0, MAX_CLIPBOARD_SECONDS)
        self.seconds.setSuffix(" s")
        self.seconds.setSpecialValueText("never")
        self.seconds.setValue(prefs.clipboard_seconds)
        self.theme = QComboBox()
        for value in theme.Theme:
            self.theme.addItem(value.value.capitalize(), value)
        self.theme.setCurrentIndex(list(theme.Theme).index(prefs.theme))
        form = QFormLayout(self)
        form.addRow("Clear the clipboard after:", self.seconds)
        form.addRow("Theme:", self.theme)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        form.addRow(buttons)

    def save(self) -> None:
        self.prefs.clipboard_seconds = self.seconds.value()
        # Qt hands the item's data back as a plain str, not the Theme put in.
        self.prefs.theme = theme.Theme(self.theme.currentData())
