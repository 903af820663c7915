"""Saved profiles in the window: choose, save, rename, delete; production stands out.

Profile names and keys come from the profile file; secrets from the OS keyring,
read only when a profile is chosen (the keyring stays off the start-up path).
"""

from __future__ import annotations

import functools

from PySide6.QtCore import Signal, Slot
from PySide6.QtWidgets import (
    QApplication,
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QInputDialog,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from opentok_studio.core.errors import StudioError
from opentok_studio.core.keys import pem_text
from opentok_studio.core.model import ApplicationCredentials, Credentials, Family
from opentok_studio.core.secretref import RefScheme
from opentok_studio.gui.decodeworker import BackgroundRunner
from opentok_studio.gui.theme import state_colors
from opentok_studio.store.credentials import load_credentials
from opentok_studio.store.paths import profiles_file
from opentok_studio.store.profile import Profile, validate_name
from opentok_studio.store.profiles import ProfileFile
from opentok_studio.store.transaction import add_profile, remove_profile, rename_profile

SESSION_ONLY = "This run only (not saved)"


class ProfileBar(QWidget):
    """The profile picker and its actions.

    Signals:
        chosen(object, object): a profile was picked: (Profile, Credentials).
        cleared: "this run only" was picked.
        failed(str): a profile action failed; the message says why and what to do.
        saved(str): a profile was saved, renamed or deleted (the message says which).
        loading(str): a vault-held secret is being read (the message says which).
    """

    chosen = Signal(object, object)
    cleared = Signal()
    failed = Signal(str)
    saved = Signal(str)
    loading = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.store = ProfileFile(profiles_file())
        #: Why the profile file could not be read at the last reload, or None.
        #: The first reload runs before anyone is connected to ``failed``
        #: (walk-through 70: a damaged file looked like "no profiles").
        self.problem: str | None = None
        self._vault = BackgroundRunner(self, network=True)
        self._vault.resultReady.connect(self._on_vault_result_ready)
        self.combo = QComboBox()
        self.combo.setAccessibleName("Saved profile")
        self.combo.setMinimumContentsLength(18)
        label = QLabel("&Profile:")
        label.setBuddy(self.combo)
        self.save_button = QPushButton("Save as…")
        self.save_button.setAccessibleName("Save these credentials as a profile")
        self.rename_button = QPushButton("Rename…")
        self.delete_button = QPushButton("Delete…")
        self.banner = QLabel()
        self.banner.setAccessibleName("Production warning")
        self.banner.hide()
        row = QHBoxLayout()
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(label)
        row.addWidget(self.combo, 1)
        row.addWidget(self.save_button)
        row.addWidget(self.rename_button)
        row.addWidget(self.delete_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(row)
        layout.addWidget(self.banner)
        self.combo.activated.connect(self._on_combo_activated)
        self.rename_button.clicked.connect(self.rename_current)
        self.delete_button.clicked.connect(self.delete_current)
        self.reload()

    # -- reading -------------------------------------------------------------

    def current(self) -> Profile | None:
        name = self.combo.currentData()
        if not name:
            return None
        try:
            return self.store.get(str(name))
        except StudioError:
            return None

    def reload(self, select: str | None = None) -> None:
        """Re-read the profile file; a damaged one is reported, never rewritten."""
        self.combo.blockSignals(True)
        self.combo.clear()
        self.combo.addItem(SESSION_ONLY, "")
        self.problem = None
        try:
            profiles = self.store.load()
        except StudioError as e:
            profiles = []
            self.problem = str(e)
            self.failed.emit(self.problem)
        for p in profiles:
            text = f"{p.name} [PRODUCTION]" if p.is_production else p.name
            self.combo.addItem(text, p.name)
        index = self.combo.findData(select) if select else 0
        self.combo.setCurrentIndex(max(0, index))
        self.combo.blockSignals(False)
        self._update_state(self.current())

    # -- actions ---------------------------------------------------------------

    @Slot()
    def import_profiles(self) -> None:
        """A team's export file: profiles with references, never a secret (#17)."""
        # Dialogs load when first opened (not on the start-up path).
        from opentok_studio.gui.profileio import ImportProfilesDialog

        self.import_dialog = ImportProfilesDialog(self.store, self.window())
        self.import_dialog.imported.connect(self._on_import_dialog_imported)
        self.import_dialog.open()

    @Slot()
    def export_profiles(self) -> None:
        """Write chosen profiles with their references, never a secret (#17)."""
        from opentok_studio.gui.profileio import ExportProfilesDialog

        self.export_dialog = ExportProfilesDialog(self.store, self.window())
        self.export_dialog.exported.connect(
            lambda path: self.saved.emit(f"Profiles exported to {path}.")
        )
        self.export_dialog.open()

    @Slot(list)
    def _on_import_dialog_imported(self, names: list[str]) -> None:
        self.reload(select=self.combo.currentData())
        self.saved.emit(f"Imported {len(names)} profile(s): {', '.join(names)}.")

    def choose(self, name: str) -> None:
        """Select a profile by name and load its credentials."""
        index = self.combo.findData(name)
        if index < 0:
            self.failed.emit(f"no profile named {name!r}")
            return
        self.combo.setCurrentIndex(index)
        self._on_combo_activated(index)

    def detach(self) -> None:
        """The user edited the credentials: they are no longer the chosen
        profile's. "This run only" shows, the production banner goes, nothing
        typed is cleared (no ``cleared``: the fields are the user's now)."""
        self._vault.cancel()
        self.combo.setCurrentIndex(0)
        self._update_state(None)

    def save(
        self,
        name: str,
        credentials: Credentials,
        *,
        key_path: str | None,
        production: bool,
        label: str = "",
    ) -> bool:
        """Save ``credentials`` as a profile; the secret goes to the keyring."""
        try:
            validate_name(name)
            if isinstance(credentials, ApplicationCredentials):
                if credentials.private_key is None:
                    raise StudioError("choose the private key file before saving")
                # A key without a file (it came from the keyring) goes back there.
                secret = None if key_path else pem_text(credentials.private_key)
                profile = Profile(name, Family.APPLICATION, credentials.application_id,
                                  private_key_path=key_path or None,
                                  key_in_keyring=secret is not None, label=label,
                                  color="red" if production else "")  # fmt: skip
            else:
                if not credentials.api_secret:
                    raise StudioError("enter the API secret before saving")
                profile = Profile(name, Family.PROJECT, credentials.api_key, label=label,
                                  color="red" if production else "")  # fmt: skip
                secret = credentials.api_secret
            # Under the file's lock; the secret is removed again on failure.
            add_profile(self.store, profile, secret)
        except StudioError as e:
            self.failed.emit(f"Not saved: {e}")
            return False
        self.reload(select=name)
        self.saved.emit(f"Saved profile {name!r}.")
        return True

    @Slot()
    def rename_current(self) -> None:
        profile = self.current()
        if profile is None:
            return
        new, ok = QInputDialog.getText(self, "Rename profile", "New name:",
                                       text=profile.name)  # fmt: skip
        if ok and new and new != profile.name:
            self.rename(profile.name, new)

    def rename(self, old: str, new: str) -> bool:
        try:
            # Checks the name first, under the file's lock: a refused rename
            # never overwrites another profile's secret.
            rename_profile(self.store, old, new)
        except StudioError as e:
            self.failed.emit(f"Not renamed: {e}")
            return False
        self.reload(select=new)
        self.saved.emit(f"Renamed profile {old!r} to {new!r}.")
        return True

    @Slot()
    def delete_current(self) -> None:
        profile = self.current()
        if profile is None:
            return
        answer = QMessageBox.question(
            self,
            "Delete profile",
            f"Delete profile {profile.name!r} and its secret in the OS keyring?",
        )
        if answer == QMessageBox.StandardButton.Yes:
            self.delete(profile.name)

    def delete(self, name: str) -> None:
        try:
            _, warning = remove_profile(self.store, name)
        except StudioError as e:
            self.failed.emit(f"Not deleted: {e}")
            return
        self.reload()
        self.cleared.emit()
        if warning:
            self.failed.emit(f"Profile deleted, but {warning}")
            return
        self.saved.emit(f"Deleted profile {name!r}.")

    # -- slots -----------------------------------------------------------------

    @Slot(int)
    def _on_combo_activated(self, _index: int) -> None:
        profile = self.current()
        self._update_state(profile)
        if profile is None:
            self._vault.cancel()  # a vault read still running is for nothing now
            self.cleared.emit()
            return
        ref = profile.reference
        if ref is not None and ref.scheme is RefScheme.VAULT:
            # A vault is a network call (up to its timeouts): off the GUI
            # thread; the newest choice wins (#17).
            self.loading.emit(f"Reading {ref} for profile {profile.name}…")
            self._vault.submit(functools.partial(_load, profile))
            return
        self._vault.cancel()
        self._deliver(profile, _load(profile)[1])

    @Slot(object)
    def _on_vault_result_ready(self, result: object) -> None:
        # Only for the profile still chosen: a slow vault must not override
        # a choice made while it was being read.
        if isinstance(result, tuple) and result[0] == self.current():
            self._deliver(result[0], result[1])

    def _deliver(self, profile: Profile, loaded: object) -> None:
        if isinstance(loaded, StudioError):
            self.failed.emit(f"Profile {profile.name!r} could not be used: {loaded}")
            return
        self.chosen.emit(profile, loaded)

    def recolour(self) -> None:
        """After a theme switch: the production banner takes the new colours."""
        self._update_state(self.current())

    def _update_state(self, profile: Profile | None) -> None:
        self.rename_button.setEnabled(profile is not None)
        self.delete_button.setEnabled(profile is not None)
        if profile is not None and profile.is_production:
            alarm = state_colors(QApplication.palette()).alarm
            self.banner.setStyleSheet(
                f"background: {alarm.name()}; color: white; font-weight: bold; "
                "padding: 4px;"
            )
            label = f" ({profile.label})" if profile.label else ""
            self.banner.setText(
                f"PRODUCTION: {profile.name}{label}. Tokens made here admit people "
                "to real sessions."
            )
            self.banner.show()
        else:
            self.banner.hide()


class SaveProfileDialog(QDialog):
    """Name a profile and say whether it is production."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Save profile")
        self.name = QLineEdit()
        self.name.setPlaceholderText("e.g. staging")
        self.label = QLineEdit()
        self.label.setPlaceholderText("optional note")
        self.production = QCheckBox("Production: mark it red everywhere")
        note = QLabel(
            "The secret goes to the OS keyring; nothing secret is written to disk."
        )
        note.setWordWrap(True)
        form = QFormLayout(self)
        form.addRow("&Name:", self.name)
        form.addRow("&Label:", self.label)
        form.addRow(self.production)
        form.addRow(note)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save
            | QDialogButtonBox.StandardButton.Cancel
        )
        self.problem = QLabel()
        self.problem.setWordWrap(True)
        form.addRow(self.problem)
        self.save = buttons.button(QDialogButtonBox.StandardButton.Save)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        form.addRow(buttons)
        self.name.textChanged.connect(self._on_name_changed)
        self._on_name_changed("")

    @Slot(str)
    def _on_name_changed(self, text: str) -> None:
        # Checked here, so the dialog never closes on a name the store refuses.
        try:
            validate_name(text.strip())
        except StudioError as e:
            self.problem.setText(str(e) if text else "")
            self.save.setEnabled(False)
            return
        self.problem.clear()
        self.save.setEnabled(True)


def _load(profile: Profile) -> tuple[Profile, object]:
    """The profile's credentials, or the StudioError that says why not (pure
    enough for the worker thread: no widget is touched)."""
    try:
        return profile, load_credentials(profile)
    except StudioError as e:
        return profile, e
