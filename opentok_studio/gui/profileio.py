"""File > Export profiles / Import profiles (#17): the window's face over
store/exchange.py. Profiles travel with their secret references, never a secret.

Standalone dialogs: the main window opens them (wired in later).
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt, Signal, Slot
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QWidget,
)

from opentok_studio.core.errors import ImportClashError, StudioError
from opentok_studio.gui.widgets import HintLabel, HintState
from opentok_studio.store.exchange import (
    Entry,
    export_text,
    import_entries,
    needs,
    read_export,
)
from opentok_studio.store.profiles import ProfileFile

_FILTER = "Profile exports (*.json);;All files (*)"


def _file_row(edit: QLineEdit, browse: QPushButton) -> QWidget:
    row = QWidget()
    layout = QHBoxLayout(row)
    layout.setContentsMargins(0, 0, 0, 0)
    layout.addWidget(edit, 1)
    layout.addWidget(browse)
    browse.setAccessibleName("Choose the file")
    return row


class ExportProfilesDialog(QDialog):
    """Pick profiles, pick a file, write them with references only.

    Signals:
        exported(str): the file written.
    """

    exported = Signal(str)

    def __init__(self, store: ProfileFile, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Export profiles")
        self._store = store
        self.profiles = QListWidget()
        self.profiles.setAccessibleName("Profiles to export")
        self.path = QLineEdit()
        self.path.setPlaceholderText("team-profiles.json")
        self.path.setAccessibleName("Export file")
        self.browse = QPushButton("&Browse…")
        self.hint = HintLabel()
        self.export_button = QPushButton("&Export")
        self.export_button.setDefault(True)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.addButton(self.export_button, QDialogButtonBox.ButtonRole.ActionRole)
        note = QLabel(
            "Each profile is written with its secret reference (env: or vault:); "
            "a secret kept in your keyring is marked for the teammate to fill in. "
            "No secret is ever written."
        )
        note.setWordWrap(True)
        form = QFormLayout(self)
        form.addRow(note)
        label = QLabel("&Profiles:")
        label.setBuddy(self.profiles)
        form.addRow(label, self.profiles)
        file_label = QLabel("&File:")
        file_label.setBuddy(self.path)
        form.addRow(file_label, _file_row(self.path, self.browse))
        form.addRow(self.hint)
        form.addRow(buttons)
        self.setTabOrder(self.profiles, self.path)
        self.setTabOrder(self.path, self.browse)
        self.setTabOrder(self.browse, self.export_button)
        self.browse.clicked.connect(self._on_browse_clicked)
        self.export_button.clicked.connect(self._on_export_clicked)
        buttons.rejected.connect(self.reject)
        self._fill()

    def _fill(self) -> None:
        try:
            profiles = self._store.load()
        except StudioError as e:
            self.hint.show_state(HintState.ERROR, str(e))
            self.export_button.setEnabled(False)
            return
        for p in profiles:
            where = str(p.reference) if p.secret_ref else "keyring: to fill in"
            mark = " [PRODUCTION]" if p.is_production else ""
            item = QListWidgetItem(f"{p.name}{mark} ({where})")
            item.setData(Qt.ItemDataRole.UserRole, p.name)
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            item.setCheckState(Qt.CheckState.Checked)
            self.profiles.addItem(item)
        if not profiles:
            self.hint.show_state(HintState.WARN, "No saved profiles to export.")
            self.export_button.setEnabled(False)

    def chosen(self) -> list[str]:
        """The names of the checked profiles, in list order."""
        items = (self.profiles.item(i) for i in range(self.profiles.count()))
        return [
            str(item.data(Qt.ItemDataRole.UserRole))
            for item in items
            if item.checkState() == Qt.CheckState.Checked
        ]

    @Slot()
    def _on_browse_clicked(self) -> None:
        path, _ = QFileDialog.getSaveFileName(
            self, "Export profiles", self.path.text(), _FILTER
        )
        if path:
            self.path.setText(path)

    @Slot()
    def _on_export_clicked(self) -> None:
        from opentok_studio.store.atomic import write_file

        names = self.chosen()
        text_path = self.path.text().strip()
        if not names:
            self.hint.show_state(HintState.ERROR, "Tick at least one profile.")
            return
        if not text_path:
            self.hint.show_state(HintState.ERROR, "Choose the file to write.")
            return
        path = Path(text_path).expanduser()
        try:
            profiles = [p for p in self._store.load() if p.name in names]
            write_file(path, export_text(profiles))
        except StudioError as e:
            self.hint.show_state(HintState.ERROR, f"Not exported: {e}")
            return
        except OSError as e:
            self.hint.show_state(HintState.ERROR, f"Not exported: {path}: {e.strerror}")
            return
        fill = [p.name for p in profiles if not p.secret_ref]
        message = f"Exported {len(profiles)} profile(s) to {path}; no secret."
        if fill:
            self.hint.show_state(
                HintState.WARN,
                f"{message} To fill in by the teammate (secret in your keyring): "
                f"{', '.join(fill)}.",
            )
        else:
            self.hint.show_state(HintState.OK, message)
        self.exported.emit(str(path))


#: The Import dialog's smallest size: the four columns and a few rows.
MIN_SIZE = (720, 360)


class ImportProfilesDialog(QDialog):
    """Read an export file, show what each profile needs, rename, import.

    Signals:
        imported(list): the names the profiles were saved under.
    """

    imported = Signal(list)

    #: Table columns.
    NAME, KIND, KEY, NEEDS = range(4)

    def __init__(self, store: ProfileFile, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Import profiles")
        self._store = store
        self._entries: list[Entry] = []
        self.path = QLineEdit()
        self.path.setPlaceholderText("the file a teammate exported")
        self.path.setAccessibleName("File to import")
        self.browse = QPushButton("&Browse…")
        self.table = QTableWidget(0, 4)
        self.table.setHorizontalHeaderLabels(
            ["Import as (double-click to rename)", "Kind", "Key", "Needs"]
        )
        self.table.setAccessibleName("Profiles in the file")
        header = self.table.horizontalHeader()
        for column in (self.NAME, self.KIND, self.KEY):
            # The "Import as" header says how to rename: never cut (walk-through 52).
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(self.NEEDS, QHeaderView.ResizeMode.Stretch)
        self.hint = HintLabel()
        self.import_button = QPushButton("&Import")
        # Enter in the file field reads the file, and must not also import
        # what it just listed (keyPressEvent), nor cancel.
        self.import_button.setAutoDefault(False)
        self.browse.setAutoDefault(False)
        self.import_button.setEnabled(False)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        # ActionRole: a button box makes its first AcceptRole button the default.
        buttons.addButton(self.import_button, QDialogButtonBox.ButtonRole.ActionRole)
        form = QFormLayout(self)
        file_label = QLabel("&File:")
        file_label.setBuddy(self.path)
        form.addRow(file_label, _file_row(self.path, self.browse))
        table_label = QLabel("&Profiles:")
        table_label.setBuddy(self.table)
        form.addRow(table_label, self.table)
        form.addRow(self.hint)
        form.addRow(buttons)
        self.setTabOrder(self.path, self.browse)
        self.setTabOrder(self.browse, self.table)
        self.setTabOrder(self.table, self.import_button)
        self.browse.clicked.connect(self._on_browse_clicked)
        self.path.returnPressed.connect(self._on_path_return_pressed)
        self.import_button.clicked.connect(self._on_import_clicked)
        self.table.itemChanged.connect(self._on_table_item_changed)
        buttons.rejected.connect(self.reject)
        self._fit()

    def _fit(self) -> None:
        """Wide enough for every column, Needs included (walk-through 52: it
        opened at ~330×270, Needs off-screen), never wider than the screen."""
        header = self.table.horizontalHeader()
        columns = sum(header.sectionSizeHint(c) for c in range(self.NEEDS))
        # Needs holds a sentence ("VAULT_ADDR and VAULT_TOKEN … read access
        # to …"): room for most of one.
        needs_width = max(header.sectionSizeHint(self.NEEDS), 320)
        if self.table.rowCount():  # a long one wraps (two lines) past this
            needs_width = max(
                needs_width, min(self.table.sizeHintForColumn(self.NEEDS), 480)
            )
        width = max(MIN_SIZE[0], columns + needs_width + 120)  # + labels, margins
        height = max(MIN_SIZE[1], self.sizeHint().height())
        screen = self.screen().availableGeometry()
        self.resize(
            min(max(width, self.width()), screen.width()),
            min(max(height, self.height()), screen.height()),
        )

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802 - Qt override
        if self.path.hasFocus() and event.key() in (
            Qt.Key.Key_Return,
            Qt.Key.Key_Enter,
        ):
            return  # the field read the file; Enter must not also press a button
        super().keyPressEvent(event)

    def load(self, path: Path) -> bool:
        """Read ``path`` and list its profiles; errors show under the table."""
        self.path.setText(str(path))
        self._entries = []
        self.table.setRowCount(0)
        self.import_button.setEnabled(False)
        try:
            self._entries = read_export(path)
        except StudioError as e:
            self.hint.show_state(HintState.ERROR, str(e))
            return False
        self.table.blockSignals(True)
        self.table.setRowCount(len(self._entries))
        for row, entry in enumerate(self._entries):
            p = entry.profile
            kind = p.kind.value + (" [PRODUCTION]" if p.is_production else "")
            cells = [p.name, kind, p.key_id, needs(p, entry.fill_in)]
            for column, text in enumerate(cells):
                item = QTableWidgetItem(text)
                if column != self.NAME:
                    item.setFlags(item.flags() & ~Qt.ItemFlag.ItemIsEditable)
                self.table.setItem(row, column, item)
        self.table.blockSignals(False)
        self.import_button.setEnabled(True)
        self._check_names()
        self._fit()
        self.table.resizeRowsToContents()  # Needs wraps whole, not cut with "…"
        return True

    def renames(self) -> dict[str, str]:
        """OLD -> NEW for each row whose "Import as" was changed."""
        out: dict[str, str] = {}
        for row, entry in enumerate(self._entries):
            item = self.table.item(row, self.NAME)
            new = item.text().strip() if item is not None else entry.profile.name
            if new != entry.profile.name:
                out[entry.profile.name] = new
        return out

    def _clashes(self) -> list[str]:
        """The names (as renamed) the profile file already has.

        Raises:
            StudioError: the profile file cannot be read.
        """
        taken = {p.name for p in self._store.load()}
        renames = self.renames()
        names = (renames.get(e.profile.name, e.profile.name) for e in self._entries)
        return [name for name in names if name in taken]

    @staticmethod
    def _clash_text(clashes: list[str]) -> str:
        return (
            f"Exists already, never overwritten: {', '.join(clashes)}. "
            'Double-click its name under "Import as" to import it under another one.'
        )

    def _check_names(self) -> None:
        """Say, before Import, which names are taken and what is production."""
        try:
            clashes = self._clashes()
        except StudioError as e:
            self.hint.show_state(HintState.ERROR, str(e))
            return
        production = [e.profile.name for e in self._entries if e.profile.is_production]
        if clashes:
            self.hint.show_state(HintState.ERROR, self._clash_text(clashes))
        elif production:
            self.hint.show_state(
                HintState.WARN,
                f"Marked PRODUCTION: {', '.join(production)}; their tokens work "
                "on live sessions.",
            )
        else:
            self.hint.show_state(
                HintState.PLAIN, f"{len(self._entries)} profile(s) to import."
            )

    @Slot()
    def _on_browse_clicked(self) -> None:
        path, _ = QFileDialog.getOpenFileName(
            self, "Import profiles", self.path.text(), _FILTER
        )
        if path:
            self.load(Path(path))

    @Slot()
    def _on_path_return_pressed(self) -> None:
        if self.path.text().strip():
            self.load(Path(self.path.text().strip()).expanduser())

    @Slot(QTableWidgetItem)
    def _on_table_item_changed(self, item: QTableWidgetItem) -> None:
        if item.column() == self.NAME:
            self._check_names()

    @Slot()
    def _on_import_clicked(self) -> None:
        try:
            added = import_entries(self._store, self._entries, self.renames())
        except ImportClashError as e:
            # The store words a clash for the CLI ("--rename OLD=NEW"); here
            # the fix is a double-click on the name (walk-through 52).
            self.hint.show_state(
                HintState.ERROR, f"Nothing imported. {self._clash_text(list(e.names))}"
            )
            return
        except StudioError as e:
            self.hint.show_state(HintState.ERROR, f"Nothing imported. {e}")
            return
        self.imported.emit([e.profile.name for e in added])
        self.accept()
