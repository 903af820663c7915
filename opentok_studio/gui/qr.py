"""QR codes for the presenter: segno builds the matrix, Qt paints it.

The code is read off a projector from the back of a room, so it fills the
space it is given with whole-pixel modules (no blur between modules).
"""

from __future__ import annotations

from PySide6.QtCore import QRect, QSize, Qt
from PySide6.QtGui import QImage, QPainter, QPaintEvent
from PySide6.QtWidgets import QSizePolicy, QWidget

#: Light modules around the code. The standard asks for 4; the projected
#: window around it is white too (presenter palette), so the margin is wider.
QUIET_ZONE = 4
#: The fewest pixels a module is drawn with; below this the widget says so.
MIN_MODULE_PX = 1


def qr_matrix(text: str) -> list[list[bool]]:
    """The QR modules (True = dark), with a QUIET_ZONE-module quiet zone.

    Error correction: the smallest symbol at level L (large modules matter
    most on a projector), raised to M or Q when that fits the same version
    (segno's ``boost_error``).
    """
    import segno  # pure Python; loaded only when a code is shown

    code = segno.make(text, error="l", micro=False, boost_error=True)
    return [
        [bool(v) for v in row] for row in code.matrix_iter(scale=1, border=QUIET_ZONE)
    ]


def qr_version(text: str) -> tuple[int, str]:
    """The symbol's version and error level for ``text`` (for the status line)."""
    import segno

    code = segno.make(text, error="l", micro=False, boost_error=True)
    return int(code.version), str(code.error)


def draw_matrix(painter: QPainter, matrix: list[list[bool]], x0: int, y0: int,
                scale: int) -> None:  # fmt: skip
    painter.fillRect(QRect(x0, y0, len(matrix) * scale, len(matrix) * scale),
                     Qt.GlobalColor.white)  # fmt: skip
    for y, row in enumerate(matrix):
        for x, dark in enumerate(row):
            if dark:
                painter.fillRect(QRect(x0 + x * scale, y0 + y * scale, scale, scale),
                                 Qt.GlobalColor.black)  # fmt: skip


def qr_image(text: str, size: int) -> QImage:
    """A square image of at least ``size`` px; dark on white whatever the
    theme, since scanners need that contrast."""
    matrix = qr_matrix(text)
    n = len(matrix)
    scale = max(1, size // n)
    image = QImage(n * scale, n * scale, QImage.Format.Format_RGB32)
    painter = QPainter(image)
    draw_matrix(painter, matrix, 0, 0, scale)
    painter.end()
    return image


class QrView(QWidget):
    """A QR code as large as the widget allows, in whole pixels per module.

    Attributes:
        text: what the code holds ("" shows nothing).
    """

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.text = ""
        self._matrix: list[list[bool]] = []
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        self.setMinimumSize(120, 120)

    def set_text(self, text: str) -> None:
        """Encode ``text`` (the join link, else the token)."""
        if text == self.text:
            return
        self.text = text
        self._matrix = qr_matrix(text) if text else []
        self.setAccessibleDescription(
            "QR code of the join link" if text.startswith(("http:", "https:"))
            else "QR code of the token" if text else ""
        )  # fmt: skip
        self.update()

    def modules(self) -> int:
        """Modules across, quiet zone included (0 when empty)."""
        return len(self._matrix)

    def module_px(self) -> int:
        """Pixels per module at the widget's current size."""
        n = self.modules()
        if not n:
            return 0
        return max(MIN_MODULE_PX, min(self.width(), self.height()) // n)

    def code_rect(self) -> QRect:
        """Where the code (with its quiet zone) is drawn: centred on top."""
        side = self.modules() * self.module_px()
        return QRect((self.width() - side) // 2, 0, side, side)

    def sizeHint(self) -> QSize:  # noqa: N802 - Qt override
        return QSize(400, 400)

    def paintEvent(self, event: QPaintEvent) -> None:  # noqa: N802 - Qt override
        if not self._matrix:
            return
        painter = QPainter(self)
        rect = self.code_rect()
        draw_matrix(painter, self._matrix, rect.x(), rect.y(), self.module_px())
        painter.end()
