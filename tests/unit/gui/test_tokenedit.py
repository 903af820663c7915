"""TokenEdit: a large text is held whole, the field shows its start."""

from __future__ import annotations

from opentok_studio.gui.tokenedit import (
    LARGE_TEXT_CHARS,
    PREVIEW_CHARS,
    TokenEdit,
    is_large,
    large_note,
)


def test_large_text_is_held_whole(qtbot) -> None:
    edit = TokenEdit(lines=3)
    qtbot.addWidget(edit)
    text = "a" * (LARGE_TEXT_CHARS + 1)
    edit.set_text(text)
    assert edit.toPlainText() == text[:PREVIEW_CHARS]
    assert edit.whole_text() == text
    edit.setPlainText("typed")  # an edit: the field is the input again
    assert edit.whole_text() == "typed"


def test_small_text_is_the_field(qtbot) -> None:
    edit = TokenEdit(lines=3)
    qtbot.addWidget(edit)
    edit.set_text("abc")
    assert edit.toPlainText() == edit.whole_text() == "abc"


def test_size_rule() -> None:
    assert not is_large("a" * LARGE_TEXT_CHARS)
    assert is_large("a" * (LARGE_TEXT_CHARS + 1))
    assert large_note("short") is None
    note = large_note("a" * 40_000)
    assert note is not None and "40,000 characters" in note
