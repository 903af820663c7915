"""The equivalent SDK call for the form, per language, with secrets as placeholders."""

from __future__ import annotations

from PySide6.QtCore import Slot
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from opentok_studio.gui.theme import monospace


class SnippetsDialog(QDialog):
    """Tabs of code; Copy puts the shown one on the clipboard (no secret in it)."""

    def __init__(self, calls: dict[str, str], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Equivalent SDK call")
        self.resize(720, 420)
        self.tabs = QTabWidget()
        for language, code in calls.items():
            view = QPlainTextEdit(code)
            view.setReadOnly(True)
            view.setFont(monospace())
            view.setAccessibleName(f"{language} code")
            self.tabs.addTab(view, language)
        note = QLabel(
            "Makes the same token with the official SDK; replace the placeholders "
            "with the project's credentials."
        )
        note.setWordWrap(True)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        self.copy = QPushButton("&Copy")
        buttons.addButton(self.copy, QDialogButtonBox.ButtonRole.ActionRole)
        buttons.rejected.connect(self.reject)
        self.copy.clicked.connect(self._on_copy_clicked)
        self.tabs.currentChanged.connect(self._on_tabs_current_changed)
        layout = QVBoxLayout(self)
        layout.addWidget(note)
        layout.addWidget(self.tabs, 1)
        layout.addWidget(buttons)

    def current_code(self) -> str:
        view = self.tabs.currentWidget()
        return view.toPlainText() if isinstance(view, QPlainTextEdit) else ""

    @Slot()
    def _on_copy_clicked(self) -> None:
        QGuiApplication.clipboard().setText(self.current_code())
        self.copy.setText("Copied ✓")

    @Slot(int)
    def _on_tabs_current_changed(self, _index: int) -> None:
        self.copy.setText("&Copy")  # "Copied" spoke of the tab left behind
