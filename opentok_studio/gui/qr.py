"""QR codes for the presenter: segno builds the matrix, Qt paints it."""

from __future__ import annotations

from PySide6.QtCore import QRect, Qt
from PySide6.QtGui import QImage, QPainter


def qr_matrix(text: str) -> list[list[bool]]:
    """The QR modules (True = dark), with the standard 4-module quiet zone."""
    import segno  # pure Python; loaded only when a code is shown

    code = segno.make(text, error="l", micro=False)
    return [[bool(v) for v in row] for row in code.matrix_iter(scale=1, border=4)]


def qr_image(text: str, size: int) -> QImage:
    """A square image of at least ``size`` px; dark on white whatever the
    theme, since scanners need that contrast."""
    matrix = qr_matrix(text)
    n = len(matrix)
    scale = max(1, size // n)
    image = QImage(n * scale, n * scale, QImage.Format.Format_RGB32)
    image.fill(Qt.GlobalColor.white)
    painter = QPainter(image)
    for y, row in enumerate(matrix):
        for x, dark in enumerate(row):
            if dark:
                painter.fillRect(QRect(x * scale, y * scale, scale, scale),
                                 Qt.GlobalColor.black)  # fmt: skip
    painter.end()
    return image
