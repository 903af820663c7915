"""gui/prefsdialog.py: shows the saved preferences; save() writes the chosen ones."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QSettings
from PySide6.QtWidgets import QDialog, QDialogButtonBox

from opentok_studio.gui.prefs import Prefs
from opentok_studio.gui.prefsdialog import PreferencesDialog
from opentok_studio.gui.theme import Theme
from tests.helpers import vectors


@pytest.fixture
def dialog(qtbot, prefs: Prefs) -> PreferencesDialog:  # type: ignore[no-untyped-def]
    d = PreferencesDialog(prefs)
    qtbot.addWidget(d)
    return d


def _button(dialog: PreferencesDialog, which: QDialogButtonBox.StandardButton):  # type: ignore[no-untyped-def]
    return dialog.findChild(QDialogButtonBox).button(which)


def test_shows_the_defaults(dialog: PreferencesDialog) -> None:
    assert dialog.seconds.value() == 30
    # The combo box hands its data back as a plain str equal to the member.
    assert dialog.theme.currentData() == Theme.SYSTEM


def test_shows_what_was_saved(qtbot, prefs: Prefs) -> None:  # type: ignore[no-untyped-def]
    prefs.clipboard_seconds, prefs.theme = 90, Theme.DARK
    d = PreferencesDialog(prefs)
    qtbot.addWidget(d)
    assert d.seconds.value() == 90
    assert d.theme.currentData() == Theme.DARK and d.theme.currentText() == "Dark"


def test_theme_choices_are_every_theme(dialog: PreferencesDialog) -> None:
    choices = [dialog.theme.itemData(i) for i in range(dialog.theme.count())]
    assert choices == list(Theme)
    texts = [dialog.theme.itemText(i) for i in range(dialog.theme.count())]
    assert texts == ["System", "Light", "Dark"]


def test_zero_seconds_reads_never(dialog: PreferencesDialog) -> None:
    assert (dialog.seconds.minimum(), dialog.seconds.maximum()) == (0, 3600)
    dialog.seconds.setValue(0)
    assert dialog.seconds.text() == "never"
    dialog.seconds.setValue(45)
    assert dialog.seconds.text() == "45 s"


# Was an AttributeError: Qt hands the combo's data back as a plain str.
def test_save_writes_prefs_that_a_restart_reads(
    dialog: PreferencesDialog, prefs: Prefs
) -> None:
    dialog.seconds.setValue(0)
    dialog.theme.setCurrentIndex(dialog.theme.findData(Theme.LIGHT))
    dialog.save()
    prefs.sync()
    again = Prefs(QSettings(prefs.file_name(), QSettings.Format.IniFormat))
    assert again.clipboard_seconds == 0
    assert again.theme is Theme.LIGHT
    text = Path(prefs.file_name()).read_text(encoding="utf-8")
    assert vectors.API_SECRET not in text


def test_unsaved_choices_change_nothing(
    qtbot, dialog: PreferencesDialog, prefs: Prefs
) -> None:
    dialog.show()
    dialog.seconds.setValue(7)
    dialog.theme.setCurrentIndex(dialog.theme.findData(Theme.DARK))
    with qtbot.waitSignal(dialog.rejected, timeout=1000):
        _button(dialog, QDialogButtonBox.StandardButton.Cancel).click()
    assert dialog.result() == QDialog.DialogCode.Rejected
    assert prefs.clipboard_seconds == 30 and prefs.theme is Theme.SYSTEM


def test_ok_accepts(qtbot, dialog: PreferencesDialog) -> None:
    dialog.show()
    with qtbot.waitSignal(dialog.accepted, timeout=1000):
        _button(dialog, QDialogButtonBox.StandardButton.Ok).click()
    assert dialog.result() == QDialog.DialogCode.Accepted
