"""gui/snippetsdialog.py: one read-only tab per language; Copy takes the shown one."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QDialogButtonBox, QPlainTextEdit

from opentok_studio.core.model import TokenRequest
from opentok_studio.core.snippets import project_calls
from opentok_studio.gui import theme
from opentok_studio.gui.snippetsdialog import SnippetsDialog
from tests.helpers import vectors

CALLS = {"Python": "print('py')\n", "Node": "console.log('js');\n"}


@pytest.fixture
def dialog(qtbot) -> Iterator[SnippetsDialog]:  # type: ignore[no-untyped-def]
    d = SnippetsDialog(CALLS)
    qtbot.addWidget(d)
    yield d
    QGuiApplication.clipboard().clear()


def _views(dialog: SnippetsDialog) -> list[QPlainTextEdit]:
    views = [dialog.tabs.widget(i) for i in range(dialog.tabs.count())]
    assert all(isinstance(v, QPlainTextEdit) for v in views)
    return views  # type: ignore[return-value]


def test_one_tab_per_language_in_order(dialog: SnippetsDialog) -> None:
    assert [dialog.tabs.tabText(i) for i in range(dialog.tabs.count())] == [
        "Python",
        "Node",
    ]
    assert [v.toPlainText() for v in _views(dialog)] == list(CALLS.values())


def test_code_is_read_only_fixed_width_and_named(dialog: SnippetsDialog) -> None:
    for language, view in zip(CALLS, _views(dialog), strict=True):
        assert view.isReadOnly()
        assert view.font().family() == theme.monospace().family()
        assert view.accessibleName() == f"{language} code"


def test_copy_puts_the_shown_code_on_the_clipboard(
    qtbot, dialog: SnippetsDialog
) -> None:
    dialog.copy.click()
    assert QGuiApplication.clipboard().text() == CALLS["Python"]
    assert dialog.copy.text() == "Copied ✓"
    dialog.tabs.setCurrentIndex(1)
    assert dialog.copy.text() == "&Copy"  # "Copied" was about the Python tab
    assert dialog.current_code() == CALLS["Node"]
    dialog.copy.click()
    assert QGuiApplication.clipboard().text() == CALLS["Node"]


def test_no_languages_copy_nothing(qtbot) -> None:  # type: ignore[no-untyped-def]
    empty = SnippetsDialog({})
    qtbot.addWidget(empty)
    QGuiApplication.clipboard().setText("kept")
    assert empty.current_code() == ""
    empty.copy.click()
    assert QGuiApplication.clipboard().text() == ""


def test_copy_takes_each_real_sdk_call_whole(qtbot) -> None:  # type: ignore[no-untyped-def]
    d = SnippetsDialog(project_calls(TokenRequest(vectors.SID)))
    qtbot.addWidget(d)
    assert d.tabs.count() == 6
    copied = []
    for i in range(d.tabs.count()):
        d.tabs.setCurrentIndex(i)
        d.copy.click()
        copied.append(QGuiApplication.clipboard().text())
        assert copied[-1] == d.current_code() and vectors.SID in copied[-1]
    assert len(set(copied)) == d.tabs.count()  # each tab its own language
    QGuiApplication.clipboard().clear()


def test_close_rejects(qtbot, dialog: SnippetsDialog) -> None:
    dialog.show()
    box = dialog.findChild(QDialogButtonBox)
    with qtbot.waitSignal(dialog.rejected, timeout=1000):
        box.button(QDialogButtonBox.StandardButton.Close).click()
    assert not dialog.isVisible()
