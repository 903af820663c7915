"""The credentials panel: an OpenTok project or a Vonage application.

Typed secrets stay in memory only; a saved profile (gui/profilebar.py, its
secret in the OS keyring) fills the same fields, and ``credentials()`` reads
them back whichever way they came.
"""

from __future__ import annotations

import functools
import os
import time
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import Signal, Slot
from PySide6.QtWidgets import (
    QComboBox,
    QFileDialog,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QStackedWidget,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from opentok_studio.core.errors import CredentialsError
from opentok_studio.core.model import (
    ApplicationCredentials,
    Credentials,
    ProjectCredentials,
)

if TYPE_CHECKING:
    from cryptography.hazmat.primitives.asymmetric.rsa import RSAPrivateKey

    from opentok_studio.core.signedby import SignedBy

from opentok_studio.gui.profilebar import ProfileBar, SaveProfileDialog
from opentok_studio.gui.widgets import HintLabel, HintState, identity_row
from opentok_studio.store.keyfile import read_private_key

PROJECT, APPLICATION = 0, 1


class CredentialsPanel(QGroupBox):
    """Which credentials sign and verify.

    Signals:
        credentialsChanged: any field changed; read ``credentials()`` again.
        profileChosen(object): a saved profile was chosen (its Profile).
    """

    credentialsChanged = Signal()
    profileChosen = Signal(object)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__("Credentials", parent)
        # Parsed once per file (~36 ms); never shown, never written anywhere.
        self._private_key: RSAPrivateKey | None = None
        self._key_error: str | None = None
        self._from_profile = False  # the fields hold a saved profile's credentials
        #: Said while nothing else is: the fields were edited away from a profile.
        self._detached: str | None = None
        #: What presenter mode hid, shown again when it ends.
        self._presenter_hidden: list[QWidget] = []

        self.kind = QComboBox()
        self.kind.addItem("OpenTok project (API key + secret)")
        self.kind.addItem("Vonage application (application ID + private key)")
        self.kind.setAccessibleName("Credentials kind")
        kind_label = QLabel("&Kind:")
        kind_label.setBuddy(self.kind)
        self.kind_label = kind_label
        self.profiles = ProfileBar()

        self.api_key = QLineEdit()
        self.api_key.setPlaceholderText("e.g. 46123457")
        self.api_secret = QLineEdit()
        self.api_secret.setEchoMode(QLineEdit.EchoMode.Password)
        self.api_secret.setPlaceholderText("the project's API secret")
        self.reveal = QToolButton()
        self.reveal.setText("Show")
        self.reveal.setCheckable(True)
        self.reveal.setAccessibleName("Show API secret")
        self.reveal.setToolTip("Show or hide the API secret")

        self.application_id = QLineEdit()
        self.application_id.setPlaceholderText("e.g. a1b2c3d4-…")
        self.key_path = QLineEdit()
        self.key_path.setPlaceholderText("path to private.key")
        self.browse = QPushButton("Bro&wse…")
        self.browse.setAccessibleName("Choose private key file")
        project_page = identity_row("API ke&y:", self.api_key, "API se&cret:",
                             self.api_secret, self.reveal)  # fmt: skip
        app_page = identity_row("Appli&cation ID:", self.application_id, "Private ke&y:",
                         self.key_path, self.browse)  # fmt: skip

        self.pages = QStackedWidget()
        self.pages.addWidget(project_page)
        self.pages.addWidget(app_page)
        self.hint = HintLabel()

        top = QHBoxLayout()
        top.addWidget(kind_label)
        top.addWidget(self.kind, 1)
        layout = QVBoxLayout(self)
        layout.addWidget(self.profiles)
        layout.addLayout(top)
        layout.addWidget(self.pages)
        layout.addWidget(self.hint)

        self.kind.currentIndexChanged.connect(self._on_kind_changed)
        self.reveal.toggled.connect(self._on_reveal_toggled)
        self.browse.clicked.connect(self._on_browse_clicked)
        self.key_path.editingFinished.connect(self._on_key_path_edited)
        for edit in (self.api_key, self.api_secret, self.application_id):
            edit.textChanged.connect(self._on_field_changed)
            edit.textEdited.connect(self._on_field_edited)
        QWidget.setTabOrder(self.kind, self.api_key)
        QWidget.setTabOrder(self.api_key, self.api_secret)
        QWidget.setTabOrder(self.api_secret, self.reveal)
        QWidget.setTabOrder(self.reveal, self.application_id)
        QWidget.setTabOrder(self.application_id, self.key_path)
        QWidget.setTabOrder(self.key_path, self.browse)
        self.profiles.chosen.connect(self._on_profiles_chosen)
        self.profiles.failed.connect(self._on_profiles_failed)
        self.profiles.cleared.connect(self._on_profiles_cleared)
        self.profiles.saved.connect(self._on_profiles_saved)
        self.profiles.loading.connect(self._on_profiles_loading)
        self.profiles.save_button.clicked.connect(self._on_save_clicked)
        self._update_hint()
        if self.profiles.problem is not None:  # said before we listened
            self._on_profiles_failed(self.profiles.problem)

    # -- reading -------------------------------------------------------------

    def is_application(self) -> bool:
        return self.kind.currentIndex() == APPLICATION

    def credentials(self) -> Credentials | None:
        """Complete credentials that can sign, or None (see ``missing()``)."""
        if self.missing() is not None:
            return None
        return self.identity()

    def identity(self) -> Credentials | None:
        """What is known, even without a secret: enough to check a key."""
        if self.is_application():
            app_id = self.application_id.text().strip()
            if not app_id:
                return None
            return ApplicationCredentials(app_id, self._private_key)
        key = self.api_key.text().strip()
        if not key:
            return None
        return ProjectCredentials(key, self.api_secret.text().strip() or None)

    def missing(self) -> str | None:
        """Why the credentials cannot sign yet, in words; None when they can."""
        if self.is_application():
            if not self.application_id.text().strip():
                return "Enter the application ID."
            if self._private_key is None:
                return "Choose the application's private key file."
            return None
        if not self.api_key.text().strip():
            return "Enter the API key."
        if not self.api_secret.text().strip():
            return "Enter the API secret."
        return None

    def api_url(self) -> str | None:
        """Where REST calls go (core/urls.py: $OPENTOK_API_URL, else the
        profile's), checked; None for the official one.

        Raises:
            StudioError: the URL may not carry our credentials.
        """
        from opentok_studio.core.urls import api_base_url

        profile = self.profiles.current()
        profile_url = profile.defaults.get("api_url") if profile is not None else None
        return api_base_url(None, os.environ, profile_url)

    def import_profiles(self) -> None:
        """File > Import profiles… (the profile bar owns the profile file)."""
        self.profiles.import_profiles()

    def export_profiles(self) -> None:
        """File > Export profiles…"""
        self.profiles.export_profiles()

    def who_signed_job(self, token: str) -> tuple[Callable[[], SignedBy], int]:
        """``who_signed(token)`` to run on a worker thread (no widget is
        touched), and how many saved profiles it checks."""
        from opentok_studio.store.credentials import who_signed

        job = functools.partial(
            who_signed, token, self.profiles.store, now=int(time.time())
        )
        return job, self.profiles.combo.count() - 1  # less "This run only"

    # -- writing (for profiles and tests) --------------------------------------

    def set_presenter(self, on: bool) -> None:
        """On a projector only profile names show: no key, secret or key path,
        not even a masked secret's length."""
        self.hide_secret()
        if on:  # leaving shows again what was shown (an empty hint stays hidden)
            widgets = (self.pages, self.kind, self.kind_label, self.hint,
                       self.profiles.save_button)  # fmt: skip
            self._presenter_hidden = [w for w in widgets if w.isVisibleTo(self)]
            for widget in self._presenter_hidden:
                widget.hide()
        else:
            for widget in self._presenter_hidden:
                widget.show()
            self._presenter_hidden = []

    def recolour(self) -> None:
        """After a theme switch: the profile bar's production colour."""
        self.profiles.recolour()

    def hide_secret(self) -> None:
        """Mask the secret again (a new profile or kind is never shown in clear)."""
        self.reveal.setChecked(False)

    def set_project(self, api_key: str, api_secret: str) -> None:
        self.hide_secret()
        self.kind.setCurrentIndex(PROJECT)
        self.api_key.setText(api_key)
        self.api_secret.setText(api_secret)

    def set_application(self, application_id: str, key_path: str) -> None:
        self.kind.setCurrentIndex(APPLICATION)
        self.application_id.setText(application_id)
        self.key_path.setText(key_path)
        self._load_key(key_path)

    def use(self, credentials: Credentials, key_path: str | None = None) -> None:
        """Fill the fields from loaded credentials (a profile)."""
        self.hide_secret()
        self._from_profile = True
        if isinstance(credentials, ApplicationCredentials):
            self.kind.setCurrentIndex(APPLICATION)
            self.application_id.setText(credentials.application_id)
            self.key_path.setText(key_path or "")
            self.key_path.setPlaceholderText(
                "key stored in the OS keyring"
                if not key_path
                else "path to private.key"
            )
            self._private_key = credentials.private_key
            self._key_error = None
        else:
            self.kind.setCurrentIndex(PROJECT)
            self.api_key.setText(credentials.api_key)
            self.api_secret.setText(credentials.api_secret or "")
        self._on_field_changed()

    # -- slots ---------------------------------------------------------------

    @Slot(object, object)
    def _on_profiles_chosen(self, profile: object, credentials: object) -> None:
        self._detached = None
        key_path = getattr(profile, "private_key_path", None)
        self.use(credentials, key_path)  # type: ignore[arg-type]
        self.hint.show_state(
            HintState.OK, f"Using profile {getattr(profile, 'name', '')}."
        )
        self.profileChosen.emit(profile)

    @Slot()
    def _on_profiles_cleared(self) -> None:
        self._detached = None
        # What the hint said was about the profile left, e.g. "Reading vault:…
        # for profile dev…" whose answer is dropped now (walk-through 35).
        self._update_hint()
        # Leaving a profile leaves nothing of its secret behind in the fields.
        if not self._from_profile:
            return
        self._from_profile = False
        self.hide_secret()
        self.api_secret.clear()
        self._private_key = None
        self.key_path.clear()
        self.key_path.setPlaceholderText("path to private.key")
        self._on_field_changed()

    @Slot(str)
    def _on_profiles_failed(self, message: str) -> None:
        # Store messages end without a full stop (they are also CLI lines):
        # end the sentence, so the advice is not glued to it (walk-through 21).
        if not message.endswith((".", "!", "?", "…")):
            message += "."
        if not message.startswith("Not "):
            message += "\nCredentials typed here still work."
        self.hint.show_state(HintState.ERROR, message)

    @Slot(str)
    def _on_profiles_loading(self, message: str) -> None:
        self.hint.show_state(HintState.PLAIN, message)

    @Slot(str)
    def _on_profiles_saved(self, message: str) -> None:
        self.hint.show_state(HintState.OK, message)

    @Slot()
    def _on_save_clicked(self) -> None:
        credentials = self.credentials()
        if credentials is None:
            self.hint.show_state(HintState.ERROR, f"Not saved: {self.missing()}")
            return
        dialog = SaveProfileDialog(self)
        if dialog.exec() == SaveProfileDialog.DialogCode.Accepted:
            self.profiles.save(
                dialog.name.text().strip(),
                credentials,
                key_path=self.key_path.text().strip() or None,
                production=dialog.production.isChecked(),
                label=dialog.label.text().strip(),
            )

    @Slot(int)
    def _on_kind_changed(self, index: int) -> None:
        self.hide_secret()
        self.pages.setCurrentIndex(index)
        self._on_field_changed()

    @Slot(bool)
    def _on_reveal_toggled(self, shown: bool) -> None:
        self.api_secret.setEchoMode(
            QLineEdit.EchoMode.Normal if shown else QLineEdit.EchoMode.Password
        )
        self.reveal.setText("Hide" if shown else "Show")
        self.reveal.setAccessibleName("Hide API secret" if shown else "Show API secret")

    @Slot()
    def _on_browse_clicked(self) -> None:
        path, _ = QFileDialog.getOpenFileName(
            self,
            "Choose the application's private key",
            str(Path(self.key_path.text()).expanduser().parent)
            if self.key_path.text()
            else "",
            "Private keys (*.key *.pem);;All files (*)",
        )
        if path:
            self.key_path.setText(path)
            self._load_key(path)

    @Slot()
    def _on_key_path_edited(self) -> None:
        path = self.key_path.text().strip()
        if not path and self._private_key is not None and self._from_profile:
            return  # the profile's key came from the keyring, not a file
        self._load_key(path)

    @Slot()
    def _on_field_changed(self) -> None:
        self._update_hint()
        self.credentialsChanged.emit()

    @Slot()
    def _on_field_edited(self) -> None:
        # Typed by the user (not set from a profile): a chosen profile no
        # longer describes what signs, so its name and PRODUCTION banner go
        # (walk-through: tokens signed with a typed secret under "winprod").
        profile = self.profiles.current()
        if profile is None:
            return
        self.profiles.detach()
        self._detached = (
            f"Edited: no longer profile {profile.name}'s credentials (this run only)."
        )
        self._update_hint()
        self.credentialsChanged.emit()

    # -- helpers ---------------------------------------------------------------

    def _load_key(self, path: str) -> None:
        self._private_key = None
        self._key_error = None
        if path:
            try:
                self._private_key = read_private_key(Path(path))
            except CredentialsError as e:
                self._key_error = str(e)
        self._on_field_changed()

    def _update_hint(self) -> None:
        error = self._key_error
        if self.is_application() and error:
            self.hint.show_state(HintState.ERROR, error)
        elif self.is_application() and self._private_key is not None:
            bits = self._private_key.key_size
            self.hint.show_state(HintState.OK, f"RSA {bits}-bit private key loaded.")
        elif self._detached is not None:
            self.hint.show_state(HintState.WARN, self._detached)
        else:
            self.hint.show_state(HintState.PLAIN, None)
