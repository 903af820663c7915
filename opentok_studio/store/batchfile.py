"""A batch's CSV rows from a file: the bounded reader with the CSV's limits.

Shared by `token --csv` and the window's batch dialog, so both refuse a device,
a FIFO, a huge or a non-UTF-8 file with the same words (exit 2 in the CLI).
"""

from __future__ import annotations

from pathlib import Path

from opentok_studio.core.batch import MAX_CSV_BYTES
from opentok_studio.core.errors import StudioError, ValidationError
from opentok_studio.store.reader import read_text


def _csv_error(message: str) -> StudioError:
    return ValidationError("csv", message)


def read_csv_file(path: Path) -> str:
    """The text of the CSV file at ``path`` (rows are parsed by core.batch).

    Raises:
        ValidationError: missing, unreadable, not a regular file, larger than
            MAX_CSV_BYTES, or not UTF-8.
    """
    return read_text(
        path.expanduser(), what="file", limit=MAX_CSV_BYTES, error=_csv_error
    )
