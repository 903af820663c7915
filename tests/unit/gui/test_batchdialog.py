"""gui/batchdialog.py: batches in the window: 10,000 tokens while the UI keeps
turning, Cancel keeps nothing, exports are whole, CSV exports neutralise
formulas, CSV rows come through the bounded reader, and saving never replaces
what is not a regular file (#13) (the run's history: test_history.py)."""

from __future__ import annotations

import csv
import json
import os
import stat
import threading
from collections.abc import Callable
from pathlib import Path

import jwt
import pytest
from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QDialog

from opentok_studio.core.errors import ValidationError
from opentok_studio.core.model import ProjectCredentials, Role, TokenRequest
from opentok_studio.gui import batchdialog
from opentok_studio.gui.batchdialog import BatchDialog, with_extension
from opentok_studio.gui.clipboard import ClipboardGuard
from opentok_studio.gui.mainwindow import MainWindow
from opentok_studio.gui.widgets import HintState
from tests.helpers import vectors

CREDENTIALS = ProjectCredentials(vectors.API_KEY, vectors.API_SECRET)


def _dialog(window: MainWindow) -> BatchDialog:
    window.open_batch()
    return window.batch_dialog


@pytest.fixture
def make_dialog(qtbot) -> Callable[..., BatchDialog]:
    """A dialog of its own (no window) for ``base``, shown."""

    def make(base: TokenRequest | None = None, **kwargs: object) -> BatchDialog:
        dialog = BatchDialog(base or TokenRequest(vectors.SID), CREDENTIALS, **kwargs)
        qtbot.addWidget(dialog)
        dialog.show()
        return dialog

    return make


def _claims(token: str) -> dict[str, object]:
    return jwt.decode(token, options={"verify_signature": False})


def test_ten_thousand_while_the_window_runs(qtbot, ready: MainWindow) -> None:
    dialog = _dialog(ready)
    dialog.count.setValue(10_000)
    dialog.template.setText("user-{n}")
    dialog.roles[Role.SUBSCRIBER].setChecked(True)
    ticks: list[int] = []
    timer = QTimer()
    timer.timeout.connect(lambda: ticks.append(1))
    timer.start(10)
    with qtbot.waitSignal(dialog.finished_batch, timeout=60_000) as done:
        dialog.start.click()
        assert dialog.running
    timer.stop()
    assert done.args == [10_000] and len(dialog.tokens) == 10_000
    assert len(ticks) >= 5  # the event loop turned between chunks
    claims = jwt.decode(dialog.tokens[9_999], vectors.API_SECRET, algorithms=["HS256"],
                        options={"verify_exp": False, "verify_iat": False})  # fmt: skip
    assert claims["connection_data"] == "user-10000"
    assert {claims["role"] for claims in (
        jwt.decode(t, options={"verify_signature": False}) for t in dialog.tokens[:2]
    )} == {"publisher", "subscriber"}  # fmt: skip


def test_cancel_keeps_nothing(qtbot, ready: MainWindow) -> None:
    dialog = _dialog(ready)
    dialog.count.setValue(50_000)
    dialog.start.click()
    qtbot.waitUntil(lambda: dialog.progress.value() > 0, timeout=10_000)
    dialog.cancel.click()
    qtbot.waitUntil(lambda: not dialog.running, timeout=5_000)
    assert dialog.tokens == []
    assert "nothing was kept" in dialog.hint.text()
    assert not dialog.save_csv.isEnabled()
    assert dialog.progress.isHidden()


def test_exports_are_whole(qtbot, ready: MainWindow, tmp_path) -> None:
    dialog = _dialog(ready)
    dialog.count.setValue(3)
    dialog.template.setText("José {n} 😀")
    with qtbot.waitSignal(dialog.finished_batch, timeout=10_000):
        dialog.start.click()
    dialog.write(tmp_path / "t.csv", "csv")
    dialog.write(tmp_path / "t.jsonl", "jsonl")
    rows = list(csv.DictReader((tmp_path / "t.csv").open(encoding="utf-8")))
    assert [r["data"] for r in rows] == ["José 1 😀", "José 2 😀", "José 3 😀"]
    lines = (tmp_path / "t.jsonl").read_text(encoding="utf-8").splitlines()
    assert [json.loads(x)["token"] for x in lines] == dialog.tokens
    assert sorted(p.name for p in tmp_path.iterdir()) == ["t.csv", "t.jsonl"]
    dialog.copy_lines.click()
    data = QGuiApplication.clipboard().mimeData()
    assert data.text().splitlines() == dialog.tokens
    assert data.data("x-kde-passwordManagerHint") == b"secret"


def test_csv_rows_and_bad_template(qtbot, ready: MainWindow, tmp_path) -> None:
    dialog = _dialog(ready)
    dialog.template.setText("{oops}")
    dialog.start.click()
    assert (
        dialog.hint.state == HintState.ERROR
        and "not a placeholder" in dialog.hint.text()
    )
    rows = tmp_path / "rows.csv"
    rows.write_text('role,data\nmoderator,"a,b"\n,\n', encoding="utf-8")
    dialog.csv_path.setText(str(rows))
    with qtbot.waitSignal(dialog.finished_batch, timeout=10_000) as done:
        dialog.start.click()
    assert done.args == [2]


# -- exports and CSV rows (#13) -------------------------------------------------


def test_csv_export_neutralises_formulas(qtbot, ready: MainWindow, tmp_path) -> None:
    dialog = _dialog(ready)
    dialog.count.setValue(2)
    dialog.template.setText("=cmd|' /C calc'!A{n}")
    with qtbot.waitSignal(dialog.finished_batch, timeout=10_000):
        dialog.start.click()
    dialog.write(tmp_path / "t.csv", "csv")
    dialog.write(tmp_path / "t.jsonl", "jsonl")
    with (tmp_path / "t.csv").open(encoding="utf-8", newline="") as fh:
        rows = list(csv.DictReader(fh))
    assert [r["data"] for r in rows] == ["'=cmd|' /C calc'!A1", "'=cmd|' /C calc'!A2"]
    lines = (tmp_path / "t.jsonl").read_text(encoding="utf-8").splitlines()
    assert [json.loads(x)["data"] for x in lines] == [
        "=cmd|' /C calc'!A1",
        "=cmd|' /C calc'!A2",
    ]


def test_csv_rows_from_a_fifo_are_refused_at_once(qtbot, ready: MainWindow,
                                                   tmp_path) -> None:  # fmt: skip
    fifo = tmp_path / "rows.csv"
    os.mkfifo(fifo)
    # A plain read waits for a writer: this one ends such a wait with nothing,
    # so a regression fails instead of hanging.
    writer = threading.Thread(target=lambda: open(fifo, "w").close(), daemon=True)
    writer.start()
    dialog = _dialog(ready)
    dialog.csv_path.setText(str(fifo))
    try:
        dialog.start.click()
    finally:
        release = os.open(fifo, os.O_RDONLY | os.O_NONBLOCK)  # frees the writer
        writer.join()
        os.close(release)
    assert dialog.hint.state == HintState.ERROR
    assert "named pipe (FIFO), not a regular file" in dialog.hint.text()
    assert not dialog.running


def test_saving_onto_a_link_to_dev_null_keeps_it(qtbot, ready: MainWindow,
                                                 tmp_path) -> None:  # fmt: skip
    dialog = _dialog(ready)
    dialog.count.setValue(1)
    with qtbot.waitSignal(dialog.finished_batch, timeout=10_000):
        dialog.start.click()
    link = tmp_path / "null"
    link.symlink_to("/dev/null")
    dialog.write(link, "csv")
    assert dialog.hint.state == HintState.OK
    assert link.is_symlink() and stat.S_ISCHR(os.stat(link).st_mode)
    assert [p.name for p in tmp_path.iterdir()] == ["null"]


# -- the keyboard and file names (#15) --------------------------------------------


def test_enter_in_the_csv_field_makes_the_batch_not_a_file_picker(
    qtbot, ready: MainWindow
) -> None:
    ready.open_batch()
    dialog = ready.batch_dialog
    dialog.count.setValue(3)
    dialog.browse.setFocus()
    assert not dialog.browse.isDefault() and dialog.start.isDefault()
    dialog.template.setFocus()
    with qtbot.waitSignal(dialog.finished_batch, timeout=10_000):
        qtbot.keyClick(dialog.template, Qt.Key.Key_Return)


def test_exports_get_their_extension() -> None:
    assert with_extension(Path("/t/batch10k"), "csv") == Path("/t/batch10k.csv")
    assert with_extension(Path("/t/b"), "jsonl") == Path("/t/b.jsonl")
    assert with_extension(Path("/t/b.txt"), "csv") == Path("/t/b.txt")


def test_lines_and_unknown_formats_get_no_extension() -> None:
    assert with_extension(Path("/t/b"), "lines") == Path("/t/b")
    assert with_extension(Path("/t/b"), "xlsx") == Path("/t/b")


# -- the dialog on its own ------------------------------------------------------


def test_the_base_role_is_the_one_checked(
    make_dialog: Callable[..., BatchDialog],
) -> None:
    dialog = make_dialog(TokenRequest(vectors.SID, role=Role.MODERATOR))
    checked = [role for role, box in dialog.roles.items() if box.isChecked()]
    assert checked == [Role.MODERATOR]
    assert {r.role for r in dialog.plan()} == {Role.MODERATOR}


def test_no_role_checked_makes_nothing_and_says_why(
    qtbot, make_dialog: Callable[..., BatchDialog], tmp_path: Path
) -> None:
    # It used to plan publishers silently ("✓ Made 100 tokens."; walk-through).
    dialog = make_dialog(TokenRequest(vectors.SID, role=Role.MODERATOR))
    assert dialog.start.isEnabled() and not dialog.role_hint.isVisible()
    dialog.roles[Role.MODERATOR].setChecked(False)
    assert not dialog.start.isEnabled()
    assert dialog.role_hint.isVisible()
    assert dialog.role_hint.text() == "✗ Tick at least one role."
    with pytest.raises(ValidationError, match="roles: none ticked"):
        dialog.plan()
    with qtbot.assertNotEmitted(dialog.finished_batch):
        qtbot.keyClick(dialog.count, Qt.Key.Key_Return)  # the default button
    assert dialog.tokens == [] and not dialog.running
    # CSV rows carry their own roles: the boxes do not hold them back
    rows = tmp_path / "rows.csv"
    rows.write_text("role\nsubscriber\n", encoding="utf-8")
    dialog.csv_path.setText(str(rows))
    assert dialog.start.isEnabled() and not dialog.role_hint.isVisible()
    assert [str(r.role) for r in dialog.plan()] == ["subscriber"]
    dialog.csv_path.clear()
    dialog.roles[Role.SUBSCRIBER].setChecked(True)
    assert dialog.start.isEnabled() and not dialog.role_hint.isVisible()
    assert {str(r.role) for r in dialog.plan()} == {"subscriber"}


def test_checked_roles_are_cycled_in_the_plan(
    make_dialog: Callable[..., BatchDialog],
) -> None:
    dialog = make_dialog()
    for role in Role:
        dialog.roles[role].setChecked(True)
    dialog.count.setValue(2 * len(Role))
    assert [Role(str(r.role)) for r in dialog.plan()] == list(Role) * 2


def test_signs_a_chunk_per_turn_with_one_now(
    qtbot, make_dialog: Callable[..., BatchDialog], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(batchdialog, "CHUNK", 2)
    dialog = make_dialog()
    dialog.count.setValue(5)
    dialog.template.setText("row-{n}")
    progress: list[int] = []
    dialog.progress.valueChanged.connect(progress.append)
    with qtbot.waitSignal(dialog.finished_batch, timeout=10_000) as done:
        dialog.start.click()
    assert done.args == [5]
    assert progress == [0, 2, 4, 5]  # one step per chunk of two
    claims = [_claims(t) for t in dialog.tokens]
    assert [c["connection_data"] for c in claims] == [f"row-{n}" for n in range(1, 6)]
    assert len({c["iat"] for c in claims}) == 1  # every chunk signed at one now
    assert dialog.progress.maximum() == 5


def test_exports_wait_for_a_whole_batch(
    qtbot, make_dialog: Callable[..., BatchDialog]
) -> None:
    dialog = make_dialog()
    exports = (dialog.save_csv, dialog.save_jsonl, dialog.copy_lines)
    assert not any(b.isEnabled() for b in exports)
    dialog.count.setValue(2)
    with qtbot.waitSignal(dialog.finished_batch, timeout=10_000):
        dialog.start.click()
        assert not dialog.start.isEnabled()
    assert all(b.isEnabled() for b in exports)
    assert dialog.start.isEnabled()
    assert dialog.hint.state == HintState.OK and dialog.hint.text().endswith(
        " Made 2 tokens."
    )
    assert dialog.export("lines") == "".join(f"{t}\n" for t in dialog.tokens)


def test_a_request_that_cannot_be_signed_keeps_nothing(
    qtbot, make_dialog: Callable[..., BatchDialog]
) -> None:
    dialog = make_dialog(TokenRequest("not-a-session-id"))
    dialog.count.setValue(3)
    finished: list[int] = []
    dialog.finished_batch.connect(finished.append)
    dialog.start.click()
    qtbot.waitUntil(lambda: not dialog.running, timeout=10_000)
    assert dialog.tokens == [] and finished == []
    assert dialog.hint.state == HintState.ERROR
    assert " session_id: does not decode" in dialog.hint.text()
    assert dialog.start.isEnabled() and not dialog.save_csv.isEnabled()
    assert dialog.progress.isHidden()  # a bar at 0% read as "in progress"


def test_a_bad_row_in_a_later_chunk_drops_the_chunks_before(
    qtbot,
    make_dialog: Callable[..., BatchDialog],
    monkeypatch: pytest.MonkeyPatch,
    tmp_path: Path,
) -> None:
    monkeypatch.setattr(batchdialog, "CHUNK", 2)
    rows = tmp_path / "rows.csv"
    rows.write_text("data\na\nb\n" + "x" * 1001 + "\nd\n", encoding="utf-8")
    dialog = make_dialog()
    dialog.csv_path.setText(str(rows))
    progress: list[int] = []
    dialog.progress.valueChanged.connect(progress.append)
    dialog.start.click()
    qtbot.waitUntil(lambda: not dialog.running, timeout=10_000)
    assert progress == [0, 2]  # the first chunk was signed, then row 3 failed
    assert dialog.tokens == []  # and nothing of it is kept
    assert dialog.hint.state == HintState.ERROR
    assert " batch: token 3: data: 1001 characters" in dialog.hint.text()
    assert not dialog.copy_lines.isEnabled()


def test_a_failed_save_says_why_and_writes_nothing(
    qtbot, make_dialog: Callable[..., BatchDialog], tmp_path: Path
) -> None:
    dialog = make_dialog()
    dialog.count.setValue(1)
    with qtbot.waitSignal(dialog.finished_batch, timeout=10_000):
        dialog.start.click()
    dialog.write(tmp_path / "missing" / "t.csv", "csv")
    assert dialog.hint.state == HintState.ERROR
    # the folder named, and what to do (walk-through: only the OS's words)
    assert dialog.hint.text() == (
        f"✗ Not saved: the folder {tmp_path / 'missing'} does not exist; "
        "choose another place."
    )
    assert list(tmp_path.iterdir()) == []
    dialog.write(tmp_path / "t.csv", "csv")
    assert dialog.hint.state == HintState.OK
    assert dialog.hint.text().endswith(" Saved 1 token to t.csv.")


def test_a_save_refused_by_the_system_names_the_file(
    qtbot,
    make_dialog: Callable[..., BatchDialog],
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    def refuse(path: Path, text: str) -> None:
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr("opentok_studio.store.atomic.write_file", refuse)
    dialog = make_dialog()
    dialog.count.setValue(1)
    with qtbot.waitSignal(dialog.finished_batch, timeout=10_000):
        dialog.start.click()
    dialog.write(tmp_path / "t.csv", "csv")
    assert dialog.hint.text() == (
        f"✗ Not saved: {tmp_path / 't.csv'}: Permission denied; choose another place."
    )


def test_cancel_when_idle_closes_the_dialog(
    make_dialog: Callable[..., BatchDialog],
) -> None:
    dialog = make_dialog()
    assert dialog.isVisible() and not dialog.running
    dialog.cancel.click()
    assert not dialog.isVisible()
    assert dialog.result() == QDialog.DialogCode.Rejected


def test_copied_lines_are_cleared_after_the_delay(
    qtbot, make_dialog: Callable[..., BatchDialog]
) -> None:
    guard = ClipboardGuard()
    dialog = make_dialog(clipboard=guard, clear_after=1)
    dialog.count.setValue(2)
    with qtbot.waitSignal(dialog.finished_batch, timeout=10_000):
        dialog.start.click()
    dialog.copy_lines.click()
    assert QGuiApplication.clipboard().text().splitlines() == dialog.tokens
    assert dialog.hint.text().endswith(" Copied 2 tokens.")
    with qtbot.waitSignal(guard.cleared, timeout=5_000):
        pass
    assert QGuiApplication.clipboard().text() == ""


def _hint_shows_whole(dialog: BatchDialog) -> bool:
    hint = dialog.hint
    needed = hint.heightForWidth(hint.width())
    below = dialog.start.geometry().top()
    return (
        hint.isVisible()
        and hint.height() >= needed
        and hint.geometry().bottom() < below
    )


@pytest.mark.parametrize("narrowed", [False, True])
def test_a_long_hint_shows_whole(
    qtbot, make_dialog: Callable[..., BatchDialog], narrowed: bool
) -> None:
    # Walk-through: the reason for a refused request was cut in its second line.
    dialog = make_dialog(TokenRequest(vectors.SID, data="z" * 1001))
    qtbot.waitExposed(dialog)
    default = dialog.size()
    if narrowed:  # one line when wide; narrowed after, it wraps to more
        dialog.resize(default.width() * 3, default.height())
    dialog.start.click()
    qtbot.waitUntil(lambda: not dialog.running, timeout=10_000)
    assert "data: 1001 characters" in dialog.hint.text()
    if narrowed:
        qtbot.waitUntil(lambda: _hint_shows_whole(dialog), timeout=2_000)
        dialog.resize(default.width(), dialog.height())
        qtbot.waitUntil(lambda: dialog.width() == default.width(), timeout=2_000)
    hint = dialog.hint
    assert hint.heightForWidth(hint.width()) > hint.fontMetrics().height()  # wrapped
    qtbot.waitUntil(lambda: _hint_shows_whole(dialog), timeout=2_000)
