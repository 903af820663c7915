"""HintLabel: a state is a HintState, shown as a symbol as well as a colour."""

from __future__ import annotations

import pytest

from opentok_studio.gui.widgets import HintLabel, HintState


@pytest.mark.parametrize(
    ("state", "shown"),
    [
        (HintState.ERROR, "✗ bad"),
        (HintState.WARN, "! bad"),
        (HintState.OK, "✓ bad"),
        (HintState.PLAIN, "bad"),
    ],
)
def test_each_state_has_its_symbol(qtbot, state: HintState, shown: str) -> None:
    label = HintLabel()
    qtbot.addWidget(label)
    label.show_state(state, "bad")
    assert label.text() == shown
    assert label.state is state
    assert not label.isHidden()


def test_no_text_hides_the_label(qtbot) -> None:
    label = HintLabel()
    qtbot.addWidget(label)
    label.show_state(HintState.ERROR, "bad")
    label.show_state(HintState.PLAIN, None)
    assert label.isHidden() and label.text() == ""
    assert label.state is HintState.PLAIN


def test_states_are_a_closed_set() -> None:
    assert [s.value for s in HintState] == ["error", "warn", "ok", "plain"]
