"""Palettes and state colours, all derived in one place from palette roles.

No hex literals: state colours are computed from the palette's own lightness,
so they read on light and dark backgrounds alike.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from PySide6.QtCore import QEvent
from PySide6.QtGui import QColor, QFont, QFontDatabase, QPalette
from PySide6.QtWidgets import (
    QAbstractScrollArea,
    QApplication,
    QComboBox,
    QLabel,
    QStyleFactory,
    QWidget,
)


class Theme(StrEnum):
    """The user's palette choice (View > Theme)."""

    SYSTEM = "system"
    LIGHT = "light"
    DARK = "dark"


@dataclass(frozen=True, slots=True)
class StateColors:
    """Colours for states and token parts; always paired with text or symbols."""

    error: QColor
    ok: QColor
    warn: QColor
    header: QColor
    claims: QColor
    signature: QColor
    alarm: QColor  #: a dark red that carries white text in either theme


def _is_dark(palette: QPalette) -> bool:
    return palette.color(QPalette.ColorRole.Window).lightness() < 128


def state_colors(palette: QPalette) -> StateColors:
    """Hue-coded colours with a lightness that contrasts with the window."""
    dark = _is_dark(palette)
    light = 175 if dark else 95

    def hue(h: int, s: int = 200, lightness: int | None = None) -> QColor:
        return QColor.fromHsl(h, s, lightness or light)

    # Green and orange are bright by nature: darker on light windows for 4.5:1.
    strong = 175 if dark else 70
    return StateColors(
        error=hue(0),
        ok=hue(125, 160, strong),
        warn=hue(32, 220, strong),
        alarm=QColor.fromHsl(0, 190, 85),
        header=hue(340),
        claims=hue(275, 150),
        signature=hue(200, 200, strong),  # cyan is bright too (legend: 4.5:1)
    )


def _dark_palette() -> QPalette:
    # Fusion's roles, re-toned from a grey ramp rather than fixed colours.
    p = QPalette()
    grey = QColor.fromHsl

    def put(role: QPalette.ColorRole, color: QColor) -> None:
        p.setColor(QPalette.ColorGroup.All, role, color)

    put(QPalette.ColorRole.Window, grey(220, 12, 45))
    put(QPalette.ColorRole.WindowText, grey(0, 0, 232))
    put(QPalette.ColorRole.Base, grey(220, 12, 30))
    put(QPalette.ColorRole.AlternateBase, grey(220, 12, 40))
    put(QPalette.ColorRole.Text, grey(0, 0, 232))
    put(QPalette.ColorRole.Button, grey(220, 12, 55))
    put(QPalette.ColorRole.ButtonText, grey(0, 0, 232))
    put(QPalette.ColorRole.ToolTipBase, grey(220, 12, 55))
    put(QPalette.ColorRole.ToolTipText, grey(0, 0, 232))
    put(QPalette.ColorRole.PlaceholderText, grey(0, 0, 150))
    put(QPalette.ColorRole.Highlight, grey(210, 150, 110))
    put(QPalette.ColorRole.HighlightedText, grey(0, 0, 255))
    put(QPalette.ColorRole.Link, grey(205, 200, 175))
    put(QPalette.ColorRole.BrightText, grey(0, 200, 175))
    put(QPalette.ColorRole.Light, grey(220, 12, 70))
    put(QPalette.ColorRole.Midlight, grey(220, 12, 60))
    put(QPalette.ColorRole.Mid, grey(220, 12, 38))
    put(QPalette.ColorRole.Dark, grey(220, 12, 20))
    put(QPalette.ColorRole.Shadow, grey(0, 0, 0))
    for role in (
        QPalette.ColorRole.WindowText,
        QPalette.ColorRole.Text,
        QPalette.ColorRole.ButtonText,
    ):
        p.setColor(QPalette.ColorGroup.Disabled, role, grey(0, 0, 128))
    return p


_original_style: str | None = None


def apply(app: QApplication, theme: Theme) -> None:
    """Switch the whole application to ``theme``; SYSTEM restores the start style."""
    global _original_style
    if _original_style is None:
        if theme is Theme.SYSTEM:
            return  # already the start style and palette: nothing to redo
        # Read only when first leaving it: touching QStyle from Python builds
        # its ~20 enums (0.3 MiB), which a start in the system theme skips.
        _original_style = app.style().name()
    style = QStyleFactory.create(_original_style if theme is Theme.SYSTEM else "Fusion")
    if style is not None:
        app.setStyle(style)
    if theme is Theme.DARK:
        app.setPalette(_dark_palette())
    else:
        app.setPalette(app.style().standardPalette())


#: Presenter mode scales every font by this (one place, as STYLE.md asks),
#: the fixed-width ones too (#15: 9 px IDs beside 20 px labels).
PRESENTER_SCALE = 1.6
_normal_font: QFont | None = None
_scale = 1.0
#: The property a widget's unscaled fixed-width point size is kept in.
_MONO_POINTS = "_studio_mono_points"


def font_scale() -> float:
    """The factor every font is drawn at now (1.0 outside presenter mode)."""
    return _scale


def _high_contrast() -> QPalette:
    # Projectors wash out greys: pure black on pure white, a strong highlight.
    # Qt's namespace costs ~12 ms to load (its enums): not before the first paint.
    from PySide6.QtCore import Qt

    p = QPalette()
    for role in (
        QPalette.ColorRole.Window,
        QPalette.ColorRole.Base,
        QPalette.ColorRole.Button,
        QPalette.ColorRole.AlternateBase,
    ):
        p.setColor(role, QColor(Qt.GlobalColor.white))
    for role in (
        QPalette.ColorRole.WindowText,
        QPalette.ColorRole.Text,
        QPalette.ColorRole.ButtonText,
    ):
        p.setColor(role, QColor(Qt.GlobalColor.black))
    p.setColor(QPalette.ColorRole.Highlight, QColor(Qt.GlobalColor.darkBlue))
    p.setColor(QPalette.ColorRole.HighlightedText, QColor(Qt.GlobalColor.white))
    return p  # fmt: skip


def set_presenter(app: QApplication, on: bool, theme: Theme) -> None:
    """Large type and a high-contrast palette for projectors; off restores
    the user's font and ``theme`` exactly, with every size cache emptied."""
    global _normal_font, _scale
    if _normal_font is None:
        _normal_font = QFont(app.font())
    old, _scale = _scale, (PRESENTER_SCALE if on else 1.0)
    font = QFont(_normal_font)
    if on and font.pointSizeF() > 0:
        font.setPointSizeF(font.pointSizeF() * PRESENTER_SCALE)
    app.setFont(font)
    _rescale_monospace(app, old, _scale)
    if on:
        apply(app, Theme.LIGHT)  # Fusion, so the palette below is honoured
        app.setPalette(_high_contrast())
    else:
        apply(app, theme)
    # The new font reaches the widgets by posted events: deliver them, then
    # empty the caches that kept the old sizes.
    app.sendPostedEvents()
    refresh_sizes(app.allWidgets())


def _fixed_family() -> str:
    return QFontDatabase.systemFont(QFontDatabase.SystemFont.FixedFont).family()


def _rescale_monospace(app: QApplication, old: float, new: float) -> None:
    # A widget with its own font does not follow the application's: each
    # fixed-width one (monospace(), wherever it was set) is scaled again from
    # its unscaled size, kept on the widget the first time.
    from PySide6.QtCore import Qt  # its ~12 ms of enums: not at start-up

    family = _fixed_family()
    for widget in app.allWidgets():
        font = widget.font()
        # Only a font set on the widget itself; its children inherit it.
        if font.family() != family or not widget.testAttribute(
            Qt.WidgetAttribute.WA_SetFont
        ):
            continue
        points = widget.property(_MONO_POINTS)
        if points is None:
            points = font.pointSizeF() / old
            widget.setProperty(_MONO_POINTS, points)
        font.setPointSizeF(float(points) * new)
        widget.setFont(font)


def refresh_sizes(widgets: list[QWidget]) -> None:
    """Empty the size caches Qt keeps across a font change (#15: leaving
    presenter mode left combo boxes, their pop-ups and labels tall, so the
    window grew): combo boxes cache their minimum size hint, labels without
    text their size hint, widgets with a style sheet and hidden ones keep the
    old font."""
    from PySide6.QtCore import Qt  # its ~12 ms of enums: not at start-up

    for widget in widgets:
        parent = widget.parentWidget()
        if (
            parent is not None
            and not widget.testAttribute(Qt.WidgetAttribute.WA_SetFont)
            and widget.font() != parent.font()
        ):
            widget.setFont(QFont())  # a hidden child kept the old one: inherit
        if isinstance(widget, QComboBox):
            # Only a style change empties its cached minimum size hint.
            QApplication.sendEvent(widget, QEvent(QEvent.Type.StyleChange))
            widget.view().doItemsLayout()
        elif isinstance(widget, QLabel):
            widget.setIndent(widget.indent())  # recomputes its size hints
        sheet = widget.styleSheet()
        if sheet:
            widget.setStyleSheet("")
            widget.setStyleSheet(sheet)
        widget.updateGeometry()


def reset_scroll_bars(widgets: list[QWidget]) -> None:
    """Scroll bars as the content needs them at the present size.

    An as-needed bar is bistable at the edge: a text that fits without it
    needs it once it shows (it takes width). One shown in presenter mode's
    narrow column would stay after leaving; hidden first, it is asked anew.
    """
    from PySide6.QtCore import Qt  # its ~12 ms of enums: not at start-up

    for widget in widgets:
        if not isinstance(widget, QAbstractScrollArea):
            continue
        for get, put in (
            (widget.verticalScrollBarPolicy, widget.setVerticalScrollBarPolicy),
            (widget.horizontalScrollBarPolicy, widget.setHorizontalScrollBarPolicy),
        ):
            policy = get()
            if policy == Qt.ScrollBarPolicy.ScrollBarAsNeeded:
                put(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
                put(policy)


def monospace(point_size_delta: int = 0) -> QFont:
    """The system's fixed-width font, for tokens and IDs, at the current scale.

    Presenter mode finds the widgets that have it and scales them with the rest.
    """
    font = QFontDatabase.systemFont(QFontDatabase.SystemFont.FixedFont)
    if font.pointSizeF() > 0:
        font.setPointSizeF((font.pointSizeF() + point_size_delta) * _scale)
    return font
