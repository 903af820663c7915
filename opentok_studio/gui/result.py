"""The result pane: the token (colour-coded by part), Copy, and its decoded view."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import Signal, Slot
from PySide6.QtGui import QColor, QContextMenuEvent, QKeyEvent, QKeySequence
from PySide6.QtWidgets import (
    QApplication,
    QHBoxLayout,
    QLabel,
    QMenu,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from opentok_studio.core.model import Decoded
from opentok_studio.gui.theme import monospace, state_colors

if TYPE_CHECKING:
    from opentok_studio.gui.decodedview import DecodedView
    from opentok_studio.gui.qr import QrView

#: Qt's QWIDGETSIZE_MAX: no maximum.
QWIDGETSIZE_MAX = (1 << 24) - 1


class TokenView(QPlainTextEdit):
    """Selectable token text whose copies all go through the clipboard guard.

    Signals:
        copyRequested: Ctrl+C or the context menu's Copy.
    """

    copyRequested = Signal()

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802 - Qt override
        if event.matches(QKeySequence.StandardKey.Copy):
            self.copyRequested.emit()  # concealed and cleared, never a raw copy
            return
        super().keyPressEvent(event)

    def contextMenuEvent(self, event: QContextMenuEvent) -> None:  # noqa: N802
        menu = QMenu(self)
        menu.addAction("Copy token", self.copyRequested.emit)
        menu.exec(event.globalPos())


class ResultPane(QWidget):
    """Shows the last token made.

    Signals:
        copyRequested: the user asked to copy the token.
    """

    copyRequested = Signal()
    snippetsRequested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.token = TokenView()
        self.token.setReadOnly(True)
        self.token.setFont(monospace())
        self.token.setLineWrapMode(QPlainTextEdit.LineWrapMode.WidgetWidth)
        self.token.setWordWrapMode(self.token.wordWrapMode().WrapAnywhere)
        self.token.setPlaceholderText("Your token appears here.")
        self.token.setAccessibleName("Token")
        self.token.setFixedHeight(self.token.fontMetrics().lineSpacing() * 5 + 14)
        self.legend = QLabel()
        self.legend.setWordWrap(True)
        self.legend.setAccessibleName("Token parts legend")
        self.copy = QPushButton("Copy token")
        self.copy.setToolTip("Ctrl+Shift+C; the clipboard is cleared after a while")
        self.copy.setEnabled(False)
        self.snippets = QPushButton("SDK call…")
        self.snippets.setToolTip(
            "The generate_token call in Python, Node, PHP, Ruby and Java for this form"
        )
        self.feedback = QLabel()
        self.feedback.setWordWrap(True)
        self.feedback.setAccessibleName("Clipboard status")
        #: The decoded view: made with the first token shown (``view``).
        self._view: DecodedView | None = None
        self.stale = False
        #: The QR code (``qr``): made when presenter mode first shows it.
        self._qr: QrView | None = None
        #: The text the QR code holds for a token: the join link when a
        #: template is set (the Make tab fills this in), else the token.
        self.qr_text_for: Callable[[str], str | None] = lambda _token: None
        self.join = QPushButton("Copy &join link")
        self.join.hide()

        bar = QHBoxLayout()
        bar.addWidget(self.copy)
        bar.addWidget(self.feedback, 1)
        bar.addWidget(self.snippets)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        title = QLabel("<b>Token</b>")
        layout.addWidget(title)
        layout.addWidget(self.token)
        layout.addWidget(self.legend)
        layout.addLayout(bar)
        layout.addWidget(self.join)
        layout.addStretch(1)  # the decoded view's place until it is made
        self.copy.clicked.connect(self.copyRequested)
        self.token.copyRequested.connect(self.copyRequested)
        self.snippets.clicked.connect(self.snippetsRequested)

    @property
    def view(self) -> DecodedView:
        """The decoded view of the token on show, made on first use: a start
        that makes no token never pays for the rich-text browser (#14)."""
        if self._view is None:
            from opentok_studio.gui.decodedview import DecodedView

            self._view = DecodedView()
            layout = self.layout()
            if isinstance(layout, QVBoxLayout):
                layout.takeAt(layout.count() - 1)  # the stretch holding its place
                layout.addWidget(self._view, 1)
            self._view.setVisible(not self.join.isVisibleTo(self))
        return self._view

    @property
    def qr(self) -> QrView:
        """Presenter mode's QR code, made on first use (the Make tab gives it a
        column of its own, or stacks it above the token); hidden until then."""
        if self._qr is None:
            from opentok_studio.gui.qr import QrView

            self._qr = QrView()
            self._qr.setAccessibleName("QR code")
            self._qr.hide()
        return self._qr

    def show_token(self, token: str, decoded: Decoded) -> None:
        self.stale = False
        self.token.setEnabled(True)
        self.set_feedback("")
        self.token.setPlainText(token)
        self._colour_parts(token)
        self.copy.setEnabled(True)
        self.view.show_decoded(decoded)
        self.update_qr()

    def set_presenter(self, on: bool) -> None:
        """Presenter mode: the token fills the column, the join link button
        shows, the details and the SDK call go (the QR code has its own column)."""
        if self._view is not None:
            self._view.setVisible(not on)
        self.snippets.setVisible(not on)
        self.join.setVisible(on)
        self.token.setFont(monospace())  # at the scale presenter mode set
        self._size_token()
        self.update_qr()

    def _size_token(self) -> None:
        lines = self.token.fontMetrics().lineSpacing()
        presenter = self.join.isVisibleTo(self)
        stacked = presenter and self.qr.parentWidget() is self
        # Under a QR code (narrow windows) two lines and no legend: the code
        # gets the height.
        self.legend.setVisible(not stacked)
        if presenter and not stacked:
            # The QR code has a column of its own: the whole token reads.
            self.token.setMinimumHeight(lines * 3 + 14)
            self.token.setMaximumHeight(QWIDGETSIZE_MAX)
        else:
            # Whole lines only: frame and document margins, no sliver of a third.
            margins = 2 * (
                self.token.frameWidth() + int(self.token.document().documentMargin())
            )
            self.token.setFixedHeight(
                lines * 2 + margins if stacked else lines * 5 + 14
            )

    def stack_qr(self) -> None:
        """Presenter mode in a narrow window: the QR code above the token,
        taking the height the token and its buttons leave (the Make tab decides)."""
        layout = self.layout()
        if isinstance(layout, QVBoxLayout):
            layout.insertWidget(0, self.qr, 1)
        self._size_token()

    def unstack_qr(self) -> None:
        """The QR code went back to a column of its own."""
        self._size_token()

    def presenter_width(self) -> int:
        """The narrowest the token column reads at (presenter mode)."""
        return max(self.copy.sizeHint().width(), self.join.sizeHint().width())

    def presenter_height(self) -> int:
        """The height the token (two lines), its title and buttons take under
        a QR code."""
        line = self.token.fontMetrics().lineSpacing()
        rows = self.copy.sizeHint().height() + self.join.sizeHint().height()
        layout = self.layout()
        spacing = max(0, layout.spacing()) if layout is not None else 6
        return line * 3 + 14 + rows + 4 * spacing

    def update_qr(self) -> None:
        """The QR code for the token on show (presenter mode only)."""
        token = self.current_token()
        on = self.join.isVisibleTo(self)
        if self._qr is None and not on:
            return  # never shown: nothing to clear
        self.qr.set_text((self.qr_text_for(token) or token) if on and token else "")
        self.qr.setVisible(on and bool(token))

    def current_token(self) -> str:
        """The token on show, or "" when there is none or it is stale."""
        return "" if self.stale else self.token.toPlainText()

    def mark_stale(self) -> None:
        """The inputs changed: this token no longer matches the form."""
        if self.stale or not self.token.toPlainText():
            return
        self.stale = True
        self.copy.setEnabled(False)
        self.token.setEnabled(False)
        self.update_qr()  # a code for a stale token must not be scanned
        self.set_feedback("Inputs changed since this token was made: Generate again.")

    @Slot(str)
    def set_feedback(self, text: str) -> None:
        self.feedback.setText(text)

    def recolour(self) -> None:
        """After a theme switch: token parts and the view take the new colours."""
        if self.token.toPlainText():
            self._colour_parts(self.token.toPlainText())
        self.redraw_view()

    def redraw_view(self) -> None:
        """Render the decoded view again (new colours, presenter redaction)."""
        if self._view is not None:
            self._view.recolour()

    def _colour_parts(self, token: str) -> None:
        # The text-format classes build ~0.15 MiB of enums: with the first token.
        from PySide6.QtGui import QTextCharFormat, QTextCursor

        colors = state_colors(QApplication.palette())
        if token.startswith("T1=="):
            spans = [(0, len(token), colors.claims)]
            legend = [("T1: one signed block", colors.claims)]
        else:
            a = token.find(".")
            b = token.find(".", a + 1)
            spans = [(0, a, colors.header), (a + 1, b, colors.claims),
                     (b + 1, len(token), colors.signature)]  # fmt: skip
            legend = [("header", colors.header), ("claims", colors.claims),
                      ("signature", colors.signature)]  # fmt: skip
        cursor = QTextCursor(self.token.document())
        for start, end, color in spans:
            cursor.setPosition(start)
            cursor.setPosition(end, QTextCursor.MoveMode.KeepAnchor)
            fmt = QTextCharFormat()
            fmt.setForeground(QColor(color))
            cursor.setCharFormat(fmt)
        self.legend.setText(
            "  ".join(
                # A narrow column wraps between parts, never inside one
                # ("■ / claims" read as two items in presenter mode).
                f"<span style='color:{c.name()}'>■&nbsp;{name}</span>"
                for name, c in legend
            )
        )
