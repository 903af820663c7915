"""File > Export / Import profiles dialogs (#17): references travel, secrets never."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from PySide6.QtCore import Qt

from opentok_studio.core.model import Family
from opentok_studio.gui.profileio import ExportProfilesDialog, ImportProfilesDialog
from opentok_studio.store import secrets
from opentok_studio.store.exchange import FORMAT
from opentok_studio.store.paths import profiles_file
from opentok_studio.store.profile import Profile
from opentok_studio.store.profiles import ProfileFile
from opentok_studio.store.transaction import add_profile
from tests.conftest import SECRETS, VAULT_SECRET

pytestmark = pytest.mark.gui

REF = "vault:secret/team/dev#api_secret"


@pytest.fixture
def store() -> ProfileFile:
    store = ProfileFile(profiles_file())
    add_profile(store, Profile("dev", Family.PROJECT, "46123457", secret_ref=REF), None)
    add_profile(store, Profile("live", Family.PROJECT, "46123457", color="red",
                               secret_ref=REF), None)  # fmt: skip
    add_profile(store, Profile("mine", Family.PROJECT, "46123457"), VAULT_SECRET)
    return store


@pytest.fixture
def export_dialog(qtbot, store: ProfileFile) -> ExportProfilesDialog:  # type: ignore[no-untyped-def]
    dialog = ExportProfilesDialog(store)
    qtbot.addWidget(dialog)
    dialog.show()
    return dialog


@pytest.fixture
def import_dialog(qtbot, store: ProfileFile) -> ImportProfilesDialog:  # type: ignore[no-untyped-def]
    dialog = ImportProfilesDialog(store)
    qtbot.addWidget(dialog)
    dialog.show()
    return dialog


def test_export_writes_references_and_no_secret(
    qtbot, export_dialog: ExportProfilesDialog, tmp_path: Path
) -> None:
    assert export_dialog.chosen() == ["dev", "live", "mine"]
    assert "[PRODUCTION]" in export_dialog.profiles.item(1).text()
    export_dialog.profiles.item(0).setCheckState(Qt.CheckState.Unchecked)
    target = tmp_path / "team.json"
    qtbot.keyClicks(export_dialog.path, str(target))
    with qtbot.waitSignal(export_dialog.exported, timeout=2000) as sent:
        export_dialog.export_button.click()
    assert sent.args == [str(target)]
    text = target.read_text()
    assert not any(s in text for s in SECRETS)
    data = json.loads(text)
    assert [p["name"] for p in data["profiles"]] == ["live", "mine"]
    assert export_dialog.hint.state == "warn" and "mine" in export_dialog.hint.text()
    assert secrets.get_secret("mine") == VAULT_SECRET  # the keyring is untouched


def test_export_needs_a_choice_and_a_file(
    qtbot, export_dialog: ExportProfilesDialog
) -> None:
    export_dialog.export_button.click()
    assert "Choose the file" in export_dialog.hint.text()
    for i in range(export_dialog.profiles.count()):
        export_dialog.profiles.item(i).setCheckState(Qt.CheckState.Unchecked)
    export_dialog.export_button.click()
    assert export_dialog.hint.state == "error" and "Tick" in export_dialog.hint.text()


def shared_file(tmp_path: Path) -> Path:
    path = tmp_path / "shared.json"
    entry = {"kind": "project", "key_id": "46123457", "secret_ref": REF}
    path.write_text(json.dumps({"format": FORMAT, "version": 1, "profiles": [
        {"name": "dev", **entry},
        {"name": "prod", "color": "red", **entry},
    ]}))  # fmt: skip
    return path


def test_import_shows_needs_and_refuses_a_taken_name(
    qtbot, import_dialog: ImportProfilesDialog, store: ProfileFile, tmp_path: Path
) -> None:
    path = shared_file(tmp_path)
    qtbot.keyClicks(import_dialog.path, str(path))
    qtbot.keyClick(import_dialog.path, Qt.Key.Key_Return)
    assert import_dialog.isVisible()  # Enter read the file, it did not import it
    assert import_dialog.table.rowCount() == 2
    assert "[PRODUCTION]" in import_dialog.table.item(1, 1).text()
    assert "read access to secret/team/dev" in import_dialog.table.item(0, 3).text()
    assert "never overwritten: dev" in import_dialog.hint.text()
    before = store.path.read_text()
    import_dialog.import_button.click()
    assert "Nothing imported" in import_dialog.hint.text()
    assert store.path.read_text() == before
    import_dialog.table.item(0, 0).setText("dev-team")
    assert "PRODUCTION: prod" in import_dialog.hint.text()
    with qtbot.waitSignal(import_dialog.imported, timeout=2000) as done:
        import_dialog.import_button.click()
    assert done.args == [["dev-team", "prod"]]
    assert store.get("dev-team").secret_ref == REF
    assert store.get("prod").is_production
    assert store.get("dev").secret_ref == REF  # the old one is as it was


def test_import_of_a_hostile_file(
    qtbot, import_dialog: ImportProfilesDialog, tmp_path: Path
) -> None:
    path = tmp_path / "bad.json"
    path.write_text(json.dumps({"format": FORMAT, "version": 1, "profiles": [
        {"name": "x", "kind": "project", "key_id": "1", "run": "rm -rf ~"}]}))  # fmt: skip
    assert not import_dialog.load(path)
    assert "unknown field 'run'" in import_dialog.hint.text()
    assert not import_dialog.import_button.isEnabled()
    assert import_dialog.table.rowCount() == 0


def test_import_shows_every_column_and_says_how_to_rename_here(
    qtbot, import_dialog: ImportProfilesDialog, tmp_path: Path
) -> None:
    # Walk-through 52/55: it opened at ~330×270, Needs off-screen, the
    # "Import as" header cut, and a clash spoke of the CLI's --rename.
    dialog = import_dialog
    assert (dialog.width(), dialog.height()) >= (720, 360)
    assert dialog.load(shared_file(tmp_path))
    qtbot.waitUntil(lambda: dialog.table.viewport().width() > 0, timeout=2000)
    table, header = dialog.table, dialog.table.horizontalHeader()
    needs = dialog.NEEDS
    right = header.sectionViewportPosition(needs) + header.sectionSize(needs)
    assert right <= table.viewport().width()  # no column off to the right
    assert header.sectionSize(needs) >= 200
    name = dialog.NAME
    assert header.sectionSize(name) >= header.sectionSizeHint(name)  # header whole
    dialog.import_button.click()
    text = dialog.hint.text()
    assert "Nothing imported" in text
    assert "--rename" not in text
    assert 'Double-click its name under "Import as"' in text
