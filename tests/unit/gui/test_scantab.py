"""gui/scantab.py on its own: table, filter, sort, progress, Cancel, signals."""

from __future__ import annotations

import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QModelIndex, Qt, QTimer
from PySide6.QtGui import QGuiApplication

from opentok_studio.core.errors import StudioError
from opentok_studio.core.scan import ScanResult
from opentok_studio.gui import scanjob
from opentok_studio.gui.scantab import ScanTab, Verdict
from tests.helpers import har

pytestmark = pytest.mark.gui


@pytest.fixture
def tab(qtbot) -> Iterator[ScanTab]:  # type: ignore[no-untyped-def]
    widget = ScanTab()
    widget.set_credentials(har.project())
    qtbot.addWidget(widget)
    widget.show()
    yield widget
    widget.cancel()
    widget.wait()


@pytest.fixture
def case() -> har.Case:
    return har.support_case("chrome")


@pytest.fixture
def har_file(tmp_path: Path, case: har.Case) -> Path:
    path = tmp_path / "call.har"
    path.write_text(case.text(), encoding="utf-8")
    return path


def scanned(qtbot, tab: ScanTab, path: Path) -> object:  # type: ignore[no-untyped-def]
    with qtbot.waitSignal(tab.scanFinished, timeout=20_000) as blocker:
        tab.scan_file(path)
    return blocker.args[0]


def column(tab: ScanTab, col: int) -> list[str]:
    proxy = tab.proxy
    return [proxy.index(r, col).data() for r in range(proxy.rowCount())]


def test_every_token_in_a_row(qtbot, tab: ScanTab, har_file: Path) -> None:  # type: ignore[no-untyped-def]
    result = scanned(qtbot, tab, har_file)
    assert isinstance(result, ScanResult)
    assert column(tab, 0) == ["1", "2", "3", "4"]
    assert column(tab, 1) == ["✓ OK", "✗ rejected", "✗ rejected", "✓ OK"]
    assert column(tab, 2) == ["", "truncated", "expired", ""]
    assert column(tab, 7)[1] == "403, 1004 Invalid token format"
    assert not tab.progress.isVisible()
    assert "4 tokens (2 with problems)" in tab.status.text()


def test_filter_and_sort(qtbot, tab: ScanTab, har_file: Path) -> None:  # type: ignore[no-untyped-def]
    scanned(qtbot, tab, har_file)
    tab.filter.setCurrentIndex(tab.filter.findData(Verdict.PROBLEMS))
    assert column(tab, 0) == ["2", "3"]
    tab.filter.setCurrentIndex(tab.filter.findData(Verdict.OK))
    assert column(tab, 0) == ["1", "4"]
    tab.filter.setCurrentIndex(tab.filter.findData(Verdict.ALL))
    tab.table.sortByColumn(0, Qt.SortOrder.DescendingOrder)
    assert column(tab, 0) == ["4", "3", "2", "1"]


def test_token_selected_opens_the_decoder(  # type: ignore[no-untyped-def]
    qtbot, tab: ScanTab, har_file: Path, case: har.Case
) -> None:
    scanned(qtbot, tab, har_file)
    tab.table.clearSelection()  # a scan selects its first refused token
    assert not tab.decode_button.isEnabled()
    tab.table.selectRow(1)
    assert tab.decode_button.isEnabled()
    with qtbot.waitSignal(tab.tokenSelected) as blocker:
        qtbot.mouseClick(tab.decode_button, Qt.MouseButton.LeftButton)
    assert blocker.args == [case.cut]
    with qtbot.waitSignal(tab.tokenSelected) as blocker:
        tab.table.doubleClicked.emit(tab.proxy.index(2, 3))
    assert blocker.args == [case.expired]


def test_copy_report_is_ticket_safe(  # type: ignore[no-untyped-def]
    qtbot, tab: ScanTab, har_file: Path, case: har.Case
) -> None:
    assert not tab.report_button.isEnabled()
    scanned(qtbot, tab, har_file)
    qtbot.mouseClick(tab.report_button, Qt.MouseButton.LeftButton)
    copied = QGuiApplication.clipboard().text()
    assert copied.startswith("OpenTok Studio scan report")
    for secret in (*case.order, *har.FOREIGN_SECRETS, har.FOREIGN_JWT):
        assert secret not in copied


def test_bad_file_is_one_message(qtbot, tab: ScanTab, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    path = tmp_path / "cut.har"
    path.write_text('{"log": {"entries": [{"request": {"url": "ht')
    result = scanned(qtbot, tab, path)
    assert isinstance(result, StudioError)
    assert "cut short" in tab.status.text()
    assert tab.model.rowCount() == 0


def test_progress_cancel_and_a_responsive_window(  # type: ignore[no-untyped-def]
    qtbot, tab: ScanTab, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A scan that would never end: the window keeps painting, progress comes,
    Cancel stops it at the next chunk and keeps nothing."""

    def endless(path, *, progress, **kw):  # type: ignore[no-untyped-def]
        done = 0
        while True:
            time.sleep(0.002)
            done += 4096
            progress(done, 10**12)
            yield "2026-10-01T00:00:00Z nothing to see here\n" * 100

    monkeypatch.setattr(scanjob.reader, "iter_text_chunks", endless)
    ticks: list[float] = []
    timer = QTimer()
    timer.setInterval(10)
    timer.timeout.connect(lambda: ticks.append(time.perf_counter()))
    timer.start()
    tab.scan_file(tmp_path / "endless.log")
    assert tab.busy and tab.cancel_button.isVisible()
    qtbot.waitUntil(lambda: tab.progress.maximum() == 1000, timeout=5000)
    qtbot.wait(300)
    timer.stop()
    assert len(ticks) >= 10
    assert max(b - a for a, b in zip(ticks, ticks[1:], strict=False)) < 0.25
    with qtbot.waitSignal(tab.scanFinished, timeout=5000) as blocker:
        qtbot.mouseClick(tab.cancel_button, Qt.MouseButton.LeftButton)
    assert blocker.args == [None]
    assert not tab.busy
    assert "cancelled" in tab.status.text()
    assert tab.model.rowCount(QModelIndex()) == 0


def test_a_new_scan_replaces_a_running_one(  # type: ignore[no-untyped-def]
    qtbot, tab: ScanTab, har_file: Path, tmp_path: Path
) -> None:
    quiet = tmp_path / "quiet.log"
    quiet.write_text("nothing\n")
    tab.scan_file(quiet)
    result = scanned(qtbot, tab, har_file)
    assert isinstance(result, ScanResult)
    assert tab.model.rowCount() == 4


def test_the_first_failing_token_says_what_to_tell_the_customer(  # type: ignore[no-untyped-def]
    qtbot, tab: ScanTab, har_file: Path
) -> None:
    scanned(qtbot, tab, har_file)
    # the cut token (#2) is the first refused one: selected, with its fix
    assert tab.selected_token() is not None
    text = tab.detail.text()
    assert "Token 2: truncated" in text
    assert "Tell the customer: copy the whole token again" in text
    tab.table.selectRow(0)  # the good token
    assert "Token 1: no problem found." in tab.detail.text()


# -- a new file replaces the old one's rows (walk-through) ----------------------


def test_a_refused_file_clears_the_old_rows_and_verdict(  # type: ignore[no-untyped-def]
    qtbot, tab: ScanTab, har_file: Path, case: har.Case, tmp_path: Path
) -> None:
    scanned(qtbot, tab, har_file)
    assert tab.model.rowCount() == 4 and "Tell the customer" in tab.detail.text()
    cut = tmp_path / "trunc.har"
    cut.write_text(case.text()[:2000], encoding="utf-8")
    result = scanned(qtbot, tab, cut)
    assert isinstance(result, StudioError)
    assert "cut short" in tab.status.text()
    assert tab.path_label.text() == str(cut)
    assert tab.model.rowCount() == 0
    assert tab.detail.text() == "" and not tab.detail.isVisible()
    assert tab.report_text() is None and not tab.report_button.isEnabled()
    assert not tab.decode_button.isEnabled()


def test_a_cancelled_scan_shows_nothing_of_the_file_before(  # type: ignore[no-untyped-def]
    qtbot, tab: ScanTab, har_file: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    scanned(qtbot, tab, har_file)

    def endless(path, *, progress, **kw):  # type: ignore[no-untyped-def]
        while True:
            time.sleep(0.002)
            yield "nothing here\n" * 100

    monkeypatch.setattr(scanjob.reader, "iter_text_chunks", endless)
    tab.scan_file(tmp_path / "endless.log")
    with qtbot.waitSignal(tab.scanFinished, timeout=5000) as blocker:
        tab.cancel()
    assert blocker.args == [None]
    assert "cancelled" in tab.status.text()
    assert tab.model.rowCount() == 0 and tab.detail.text() == ""
    assert tab.report_text() is None and not tab.report_button.isEnabled()


@pytest.mark.parametrize(
    ("name", "content", "said"),
    [
        ("call.har", None, "Scanned call.har: 4 tokens, 2 with problems."),
        ("quiet.log", "nothing\n", "Scanned quiet.log: no token found."),
        ("cut.har", '{"log": {"entries": [{"req', "Not scanned: cut.har: the HAR"),
    ],
)
def test_the_end_of_a_scan_is_said_for_the_status_bar(  # type: ignore[no-untyped-def]
    qtbot, tab: ScanTab, har_file: Path, name: str, content: str | None, said: str
) -> None:
    path = har_file.with_name(name)
    if content is not None:
        path.write_text(content, encoding="utf-8")
    with qtbot.waitSignal(tab.statusMessage, timeout=20_000) as blocker:
        tab.scan_file(path)
    assert blocker.args[0].startswith(said)
