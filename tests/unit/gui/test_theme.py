"""gui/theme.py: state colours from the palette, themes, and presenter scaling."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QFont, QFontDatabase, QPalette
from PySide6.QtWidgets import (
    QApplication,
    QComboBox,
    QLabel,
    QPlainTextEdit,
    QTextEdit,
    QVBoxLayout,
    QWidget,
)

from opentok_studio.gui import theme
from opentok_studio.gui.theme import PRESENTER_SCALE, StateColors, Theme

#: The colours drawn as text; alarm is a background (white text on it).
TEXT_COLOURS = ("error", "ok", "warn", "header", "claims", "signature")


@pytest.fixture
def app(qapp) -> Iterator[QApplication]:  # type: ignore[no-untyped-def]
    """The application, given back in the system theme at its own font size."""
    font = QFont(qapp.font())
    style = qapp.style().name()
    yield qapp
    if theme.font_scale() != 1.0:
        theme.set_presenter(qapp, False, Theme.SYSTEM)
    theme.apply(qapp, Theme.SYSTEM)
    qapp.setFont(font)
    qapp.sendPostedEvents()
    assert qapp.style().name() == style


def _luminance(c: QColor) -> float:
    def channel(v: int) -> float:
        s = v / 255
        return s / 12.92 if s <= 0.03928 else ((s + 0.055) / 1.055) ** 2.4

    return (
        0.2126 * channel(c.red())
        + 0.7152 * channel(c.green())
        + 0.0722 * channel(c.blue())
    )


def _contrast(a: QColor, b: QColor) -> float:
    """WCAG 2 contrast ratio."""
    hi, lo = sorted((_luminance(a), _luminance(b)), reverse=True)
    return (hi + 0.05) / (lo + 0.05)


def _palettes(app: QApplication) -> dict[str, QPalette]:
    return {"light": app.style().standardPalette(), "dark": theme._dark_palette()}


def _window(palette: QPalette) -> QColor:
    return palette.color(QPalette.ColorRole.Window)


def _base(palette: QPalette) -> QColor:
    return palette.color(QPalette.ColorRole.Base)


def _fixed_points() -> float:
    return QFontDatabase.systemFont(QFontDatabase.SystemFont.FixedFont).pointSizeF()


# -- state colours -------------------------------------------------------------------


def test_theme_values_are_what_prefs_store() -> None:
    assert [t.value for t in Theme] == ["system", "light", "dark"]


@pytest.mark.parametrize("name", ["light", "dark"])
def test_token_part_colours_read_on_the_window(app, name: str) -> None:
    # The result pane's legend sits on the window, not on a text field.
    palette = _palettes(app)[name]
    colors = theme.state_colors(palette)
    for field in ("header", "claims", "signature"):
        ratio = _contrast(getattr(colors, field), _window(palette))
        assert ratio >= 4.5, (field, round(ratio, 2))


@pytest.mark.parametrize("name", ["light", "dark"])
def test_state_colours_read_on_the_text_background(app, name: str) -> None:
    palette = _palettes(app)[name]
    colors = theme.state_colors(palette)
    for field in TEXT_COLOURS:
        ratio = _contrast(getattr(colors, field), _base(palette))
        assert ratio >= 4.5, (field, round(ratio, 2))


def test_state_colours_follow_the_window_lightness(app) -> None:
    palettes = _palettes(app)
    assert (
        _window(palettes["dark"]).lightness()
        < 128
        <= _window(palettes["light"]).lightness()
    )
    on_dark = theme.state_colors(palettes["dark"])
    on_light = theme.state_colors(palettes["light"])
    for field in TEXT_COLOURS:
        assert getattr(on_dark, field).lightness() > 128, field
        assert getattr(on_light, field).lightness() < 128, field


def test_alarm_carries_white_text_in_either_theme(app) -> None:
    alarms = {theme.state_colors(p).alarm.name() for p in _palettes(app).values()}
    assert len(alarms) == 1
    assert _contrast(QColor(alarms.pop()), QColor(Qt.GlobalColor.white)) >= 4.5


def test_each_state_has_its_own_hue(app) -> None:
    colors = theme.state_colors(app.palette())
    assert isinstance(colors, StateColors)
    hues = [getattr(colors, field).hslHue() for field in TEXT_COLOURS]
    assert len(set(hues)) == len(TEXT_COLOURS)


# -- themes --------------------------------------------------------------------------


def test_dark_then_light_then_system(app) -> None:
    start_style = app.style().name()
    start_window = _window(app.palette())
    theme.apply(app, Theme.DARK)
    assert app.style().name() == "fusion"
    assert _window(app.palette()).lightness() < 128
    assert _window(app.palette()) == _window(theme._dark_palette())
    theme.apply(app, Theme.LIGHT)
    assert app.style().name() == "fusion"
    assert _window(app.palette()).lightness() >= 128
    theme.apply(app, Theme.SYSTEM)
    assert app.style().name() == start_style
    assert _window(app.palette()) == start_window


def test_dark_palette_greys_out_disabled_text(app) -> None:
    p = theme._dark_palette()
    for role in (QPalette.ColorRole.WindowText, QPalette.ColorRole.Text):
        active = p.color(QPalette.ColorGroup.Active, role)
        disabled = p.color(QPalette.ColorGroup.Disabled, role)
        assert disabled.lightness() < active.lightness()


def test_system_at_start_rebuilds_nothing(app, monkeypatch) -> None:
    class NoFactory:
        @staticmethod
        def create(name: str) -> None:
            raise AssertionError(f"style {name} made for nothing")

    monkeypatch.setattr(theme, "_original_style", None)
    monkeypatch.setattr(theme, "QStyleFactory", NoFactory)
    window = _window(app.palette())
    theme.apply(app, Theme.SYSTEM)
    assert theme._original_style is None  # its style was not even read
    assert _window(app.palette()) == window


# -- presenter mode ------------------------------------------------------------------


def test_presenter_scales_the_font_and_restores_it_exactly(app) -> None:
    size = app.font().pointSizeF()
    theme.set_presenter(app, True, Theme.LIGHT)
    assert theme.font_scale() == PRESENTER_SCALE == 1.6
    assert app.font().pointSizeF() == pytest.approx(size * PRESENTER_SCALE)
    theme.set_presenter(app, False, Theme.LIGHT)
    assert theme.font_scale() == 1.0
    assert app.font().pointSizeF() == size


def test_presenter_palette_is_high_contrast(app) -> None:
    theme.set_presenter(app, True, Theme.DARK)
    palette = app.palette()
    assert palette.color(QPalette.ColorRole.Text) == QColor(Qt.GlobalColor.black)
    assert palette.color(QPalette.ColorRole.Base) == QColor(Qt.GlobalColor.white)
    assert palette.color(QPalette.ColorRole.Window) == QColor(Qt.GlobalColor.white)
    assert palette.color(QPalette.ColorRole.Highlight) == QColor(
        Qt.GlobalColor.darkBlue
    )


@pytest.mark.parametrize(("chosen", "dark"), [(Theme.DARK, True), (Theme.LIGHT, False)])
def test_leaving_presenter_restores_the_chosen_theme(
    app, chosen: Theme, dark: bool
) -> None:
    theme.apply(app, chosen)
    theme.set_presenter(app, True, chosen)
    theme.set_presenter(app, False, chosen)
    assert (_window(app.palette()).lightness() < 128) is dark


def test_monospace_is_the_fixed_font_at_the_current_scale(app) -> None:
    fixed = QFontDatabase.systemFont(QFontDatabase.SystemFont.FixedFont)
    assert theme.monospace().family() == fixed.family()
    assert theme.monospace().pointSizeF() == _fixed_points()
    assert theme.monospace(2).pointSizeF() == _fixed_points() + 2
    theme.set_presenter(app, True, Theme.SYSTEM)
    assert theme.monospace(2).pointSizeF() == pytest.approx(
        (_fixed_points() + 2) * PRESENTER_SCALE
    )


def test_fixed_width_widgets_scale_and_come_back(qtbot, app) -> None:
    before = QPlainTextEdit()
    qtbot.addWidget(before)
    before.setFont(theme.monospace())
    size = before.font().pointSizeF()
    theme.set_presenter(app, True, Theme.SYSTEM)
    assert before.font().pointSizeF() == pytest.approx(size * PRESENTER_SCALE)
    during = QPlainTextEdit()  # made while presenting: already large
    qtbot.addWidget(during)
    during.setFont(theme.monospace())
    theme.set_presenter(app, False, Theme.SYSTEM)
    assert before.font().pointSizeF() == pytest.approx(size)
    assert during.font().pointSizeF() == pytest.approx(size)


# -- size caches ---------------------------------------------------------------------


def _hints(combo: QComboBox, label: QLabel) -> tuple[object, object]:
    return combo.minimumSizeHint().toTuple(), label.sizeHint().toTuple()


def test_refresh_sizes_lets_cached_hints_follow_the_font(qtbot, app) -> None:
    # #15: combo boxes and empty labels kept presenter-sized hints afterwards.
    root = QWidget()
    qtbot.addWidget(root)
    layout = QVBoxLayout(root)
    combo = QComboBox()
    combo.addItems(["Publisher", "Subscriber", "Moderator"])
    label = QLabel()
    layout.addWidget(combo)
    layout.addWidget(label)
    root.show()
    qtbot.waitExposed(root)
    normal = _hints(combo, label)
    font = QFont(app.font())
    big = QFont(font)
    big.setPointSizeF(font.pointSizeF() * 2)
    app.setFont(big)
    app.sendPostedEvents()
    theme.refresh_sizes([combo, label])
    large = _hints(combo, label)
    assert large[0][1] > normal[0][1] and large[1][1] > normal[1][1]  # type: ignore[index]
    app.setFont(font)
    app.sendPostedEvents()
    theme.refresh_sizes([combo, label])
    assert _hints(combo, label) == normal


def test_refresh_sizes_keeps_style_sheets(qtbot, app) -> None:
    label = QLabel("alarm")
    qtbot.addWidget(label)
    label.setStyleSheet("color: palette(highlighted-text);")
    theme.refresh_sizes([label])
    assert label.styleSheet() == "color: palette(highlighted-text);"


def test_reset_scroll_bars_gives_each_its_policy_back(qtbot, app) -> None:
    as_needed, always = QPlainTextEdit(), QPlainTextEdit()
    for w in (as_needed, always):
        qtbot.addWidget(w)
    always.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOn)
    always.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
    theme.reset_scroll_bars([as_needed, always, QLabel()])
    needed = Qt.ScrollBarPolicy.ScrollBarAsNeeded
    assert as_needed.verticalScrollBarPolicy() == needed
    assert as_needed.horizontalScrollBarPolicy() == needed
    assert always.verticalScrollBarPolicy() == Qt.ScrollBarPolicy.ScrollBarAlwaysOn
    assert always.horizontalScrollBarPolicy() == Qt.ScrollBarPolicy.ScrollBarAlwaysOff


def _bar_shown(qtbot, text: str, sizes: list[tuple[int, int]]) -> QTextEdit:  # type: ignore[no-untyped-def]
    view = QTextEdit(text)
    qtbot.addWidget(view)
    view.show()
    for size in sizes:
        view.resize(*size)
        QApplication.processEvents()
        QApplication.processEvents()
    return view


def test_reset_scroll_bars_drops_a_bar_the_text_no_longer_needs(qtbot, app) -> None:
    # A bar shown in a narrow column stays at a width where the text fits
    # without it but not beside it; a fresh view at that width has none.
    text = " ".join(f"word{i}" for i in range(60))
    for width in range(200, 600, 2):
        fresh = _bar_shown(qtbot, text, [(width, 150)])
        grown = _bar_shown(qtbot, text, [(100, 150), (width, 150)])
        if grown.verticalScrollBar().isVisible() and not (
            fresh.verticalScrollBar().isVisible()
        ):
            break
        fresh.close()
        grown.close()
    else:
        pytest.fail("no width where the bar sticks: nothing left to test")
    theme.reset_scroll_bars([grown])
    QApplication.processEvents()
    assert not grown.verticalScrollBar().isVisible()
