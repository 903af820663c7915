"""gui/qr.py: the QR matrix, its image, and the view that paints it."""

from __future__ import annotations

from pathlib import Path

import pytest
import segno

from opentok_studio.gui.qr import (
    MIN_MODULE_PX,
    QUIET_ZONE,
    QrView,
    qr_image,
    qr_matrix,
    qr_version,
)
from tests.helpers import scanner, vectors

TOKEN = vectors.load("tokens")["cases"][0]["token"]
LINK = f"https://demo.example.com/join?session={vectors.SID}&token={TOKEN}"


@pytest.fixture
def view(qtbot) -> QrView:  # type: ignore[no-untyped-def]
    qr = QrView()
    qtbot.addWidget(qr)
    return qr


# -- moved from test_presenter.py ---------------------------------------------------


def test_qr_image_matches_the_encoder(qapp) -> None:  # type: ignore[no-untyped-def]
    # Was made by the window's Generate; any real token is the same to the encoder.
    token = TOKEN
    image = qr_image(token, 400)
    reference = [
        list(row)
        for row in segno.make(token, error="l", boost_error=True).matrix_iter(
            border=QUIET_ZONE
        )
    ]
    n = len(reference)
    scale = image.width() // n
    assert image.width() == image.height() == n * scale
    for y in range(n):
        for x in range(n):
            pixel = image.pixelColor(x * scale + scale // 2, y * scale + scale // 2)
            assert (pixel.lightness() < 128) == bool(reference[y][x]), (x, y)


# -- qr_matrix and qr_version ----------------------------------------------------------


@pytest.mark.parametrize("text", ["hi", TOKEN, LINK])
def test_matrix_is_the_symbol_inside_its_quiet_zone(text: str) -> None:
    matrix = qr_matrix(text)
    version, _ = qr_version(text)
    n = len(matrix)
    # ISO/IEC 18004: a version v symbol is 17 + 4v modules across.
    assert n == 17 + 4 * version + 2 * QUIET_ZONE
    assert all(len(row) == n for row in matrix)
    for i in range(QUIET_ZONE):
        for row in (matrix[i], matrix[n - 1 - i]):
            assert not any(row)
        for row in matrix:
            assert not row[i] and not row[n - 1 - i]
    # The top-left finder pattern starts right inside the quiet zone.
    assert all(matrix[QUIET_ZONE][QUIET_ZONE : QUIET_ZONE + 7])
    assert matrix[QUIET_ZONE + 1][QUIET_ZONE + 1] is False


def test_matrix_is_plain_booleans() -> None:
    assert {type(v) for row in qr_matrix("hi") for v in row} == {bool}


def test_error_level_is_raised_when_the_version_has_room() -> None:
    # 2 characters fit version 1 even at H: the smallest symbol, the best level.
    assert qr_version("hi") == (1, "H")
    assert qr_version(TOKEN) == (12, "L")


def test_longer_text_needs_a_larger_symbol() -> None:
    assert len(qr_matrix(LINK)) > len(qr_matrix(TOKEN)) > len(qr_matrix("hi"))


# -- qr_image ------------------------------------------------------------------------


@pytest.mark.parametrize("size", [1, 100, 400])
def test_image_is_whole_modules_of_at_least_one_pixel(qapp, size: int) -> None:  # type: ignore[no-untyped-def]
    n = len(qr_matrix(TOKEN))
    image = qr_image(TOKEN, size)
    scale = max(1, size // n)
    assert image.width() == image.height() == n * scale
    # The quiet zone's corner is white, the finder's corner black.
    assert image.pixelColor(0, 0).lightness() == 255
    corner = QUIET_ZONE * scale
    assert image.pixelColor(corner, corner).lightness() == 0


def test_a_decoder_reads_the_image(qapp, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    shot = tmp_path / "qr.png"
    assert qr_image(LINK, 400).save(str(shot))
    assert scanner.scan(shot) == LINK


# -- QrView --------------------------------------------------------------------------


def test_empty_view_draws_nothing(view: QrView) -> None:
    assert view.text == ""
    assert view.modules() == 0 and view.module_px() == 0
    assert view.code_rect().isEmpty()
    assert view.accessibleDescription() == ""


@pytest.mark.parametrize(
    ("text", "description"),
    [(LINK, "QR code of the join link"), (TOKEN, "QR code of the token")],
)
def test_view_says_what_its_code_holds(
    view: QrView, text: str, description: str
) -> None:
    view.set_text(text)
    assert view.text == text
    assert view.modules() == len(qr_matrix(text))
    assert view.accessibleDescription() == description
    view.set_text("")
    assert view.modules() == 0 and view.accessibleDescription() == ""


def test_modules_fill_the_shorter_side_in_whole_pixels(view: QrView) -> None:
    view.set_text(TOKEN)
    n = view.modules()
    view.resize(500, 300)
    assert view.module_px() == 300 // n
    rect = view.code_rect()
    assert rect.width() == rect.height() == n * view.module_px()
    assert rect.top() == 0 and rect.left() == (500 - rect.width()) // 2  # centred


def test_a_view_too_small_still_draws_one_pixel_modules(view: QrView) -> None:
    view.set_text(LINK)
    view.setMinimumSize(0, 0)
    view.resize(40, 40)
    assert view.modules() > 40
    assert view.module_px() == MIN_MODULE_PX


def test_a_decoder_reads_what_the_view_paints(
    qtbot, view: QrView, tmp_path: Path
) -> None:
    view.set_text(LINK)
    view.resize(400, 400)
    view.show()
    qtbot.waitExposed(view)
    shot = tmp_path / "view.png"
    assert view.grab().save(str(shot))
    assert scanner.scan(shot) == LINK
