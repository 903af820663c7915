"""Batches in the window: 10,000 tokens while the UI keeps turning, Cancel keeps
nothing, exports are whole (the run's history: test_history.py)."""

from __future__ import annotations

import csv
import json

import jwt
from PySide6.QtCore import QTimer
from PySide6.QtGui import QGuiApplication

from opentok_studio.core.model import Role
from opentok_studio.gui.batchdialog import BatchDialog
from opentok_studio.gui.mainwindow import MainWindow
from opentok_studio.gui.widgets import HintState
from tests.helpers import vectors


def _dialog(window: MainWindow) -> BatchDialog:
    window.open_batch()
    return window.batch_dialog


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
