"""store/batchfile.py: a batch's CSV file read with the CSV's limits."""

from __future__ import annotations

from pathlib import Path

import pytest

from opentok_studio.core.errors import ValidationError
from opentok_studio.store.batchfile import read_csv_file


def test_reads_utf8_text(tmp_path: Path) -> None:
    path = tmp_path / "rows.csv"
    path.write_text("data\nJosé 😀\n", encoding="utf-8")
    assert read_csv_file(path) == "data\nJosé 😀\n"


@pytest.mark.parametrize(
    ("content", "words"), [(None, "csv:"), (b"data\n\xff\xfe\n", "csv:")]
)
def test_missing_or_not_utf8_is_a_csv_error(
    tmp_path: Path, content: bytes | None, words: str
) -> None:
    path = tmp_path / "rows.csv"
    if content is not None:
        path.write_bytes(content)
    with pytest.raises(ValidationError, match=words) as caught:
        read_csv_file(path)
    assert caught.value.field == "csv"


def test_a_folder_is_refused(tmp_path: Path) -> None:
    with pytest.raises(ValidationError, match="csv"):
        read_csv_file(tmp_path)
