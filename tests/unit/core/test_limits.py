"""core/limits.py: the SDK limits, each said once, and how they relate."""

from __future__ import annotations

from datetime import UTC, datetime

from opentok_studio.core import limits


def test_the_sdk_limits() -> None:
    assert limits.MAX_DATA_CHARS == 1000
    assert limits.MAX_EXPIRY_SECONDS == 30 * 86400
    assert limits.DEFAULT_EXPIRY_SECONDS == 86400 < limits.MAX_EXPIRY_SECONDS
    assert limits.NONCE_RANGE == 1_000_000


def test_max_exp_is_the_last_second_of_year_9999() -> None:
    last = datetime.fromtimestamp(limits.MAX_EXP_SECONDS, UTC)
    assert (last.year, last.month, last.day, last.hour, last.minute, last.second) == (
        9999, 12, 31, 23, 59, 59
    )  # fmt: skip


def test_batches_and_inputs_are_bounded() -> None:
    assert 1 <= limits.MAX_BATCH <= limits.NONCE_RANGE  # nonces stay distinct
    assert limits.MAX_INPUT_CHARS >= 20 * limits.MAX_DATA_CHARS
