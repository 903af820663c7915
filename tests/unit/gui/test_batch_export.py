"""The window's batch: CSV exports neutralise formulas, CSV rows come through the
bounded reader, and saving never replaces what is not a regular file (#13)."""

from __future__ import annotations

import csv
import json
import os
import stat
import threading

from opentok_studio.gui.batchdialog import BatchDialog
from opentok_studio.gui.mainwindow import MainWindow
from opentok_studio.gui.widgets import HintState


def _dialog(window: MainWindow) -> BatchDialog:
    window.open_batch()
    return window.batch_dialog


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
