"""Durations, absolute times and their renderings."""

from __future__ import annotations

import contextlib
import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from opentok_studio.core import ValidationError
from opentok_studio.core.timeparse import (
    format_duration,
    format_relative,
    format_utc,
    parse_duration,
    parse_when,
)


@pytest.mark.parametrize(
    "text, seconds",
    [("90", 90), ("90s", 90), ("15m", 900), ("2h", 7200), ("7d", 604800),
     ("1w", 604800), ("1h30m", 5400), ("1d 2h", 93600), ("0", 0), ("2H", 7200)],
)  # fmt: skip
def test_durations(text: str, seconds: int) -> None:
    assert parse_duration(text) == seconds


@pytest.mark.parametrize("text", ["", "-5", "2 hours", "1.5h", "h", "5x", "1e3"])
def test_bad_durations_say_how(text: str) -> None:
    with pytest.raises(ValidationError, match="90s, 15m, 2h, 7d"):
        parse_duration(text)


@pytest.mark.parametrize(
    "text, ts",
    [
        ("1790812800", 1790812800),
        ("1790812800.9", 1790812800),
        ("2026-10-01T00:00:00Z", 1790812800),
        ("2026-10-01T02:00:00+02:00", 1790812800),
        ("2026-10-01 00:00:00+00:00", 1790812800),
    ],
)
def test_when(text: str, ts: int) -> None:
    assert parse_when(text) == ts


def test_when_without_zone_is_refused() -> None:
    with pytest.raises(ValidationError, match="add Z for UTC"):
        parse_when("2026-10-01T00:00:00")


def test_when_garbage() -> None:
    with pytest.raises(ValidationError, match="neither Unix seconds nor"):
        parse_when("tomorrow")


def test_renderings() -> None:
    assert format_utc(1790812800) == "2026-10-01 00:00:00 UTC"
    assert "beyond year 9999" in format_utc(10**13)
    assert format_duration(45) == "45 s"
    assert format_duration(6 * 3600 + 12 * 60 + 5) == "6 h 12 min"
    assert format_duration(30 * 86400) == "30 days"
    assert format_duration(400 * 86400) == "1 year 35 days"
    assert format_relative(100, 100) == "now"
    assert format_relative(160, 100) == "in 1 min"
    assert format_relative(40, 100) == "1 min ago"


def _parse_quietly(text: str) -> None:
    with contextlib.suppress(ValidationError):
        parse_duration(text)


@pytest.mark.parametrize(
    "make",
    [lambda n: "1" * n + "x", lambda n: "1 " * n + "x", lambda n: "1s" * n + "-"],
    ids=["digits", "digits and spaces", "parts"],
)
def test_duration_check_time_grows_linearly(make) -> None:  # type: ignore[no-untyped-def]
    # The backtracking pattern was exponential in the digits: 20 took 90 ms,
    # 30 took minutes. A duration comes from flags, profiles and CSV rows.
    from tests.helpers.complexity import MAX_GROWTH, growth

    assert growth(_parse_quietly, make, 5) < MAX_GROWTH
    assert growth(_parse_quietly, make, 2_000) < MAX_GROWTH


_OLD_DURATION = re.compile(r"(?:\d{1,12}\s*[smhdw]?\s*)+", re.IGNORECASE)


@given(st.text(alphabet="0123456789 smhdwSx\t", max_size=30))
@settings(max_examples=300, deadline=None)
def test_duration_check_accepts_what_it_accepted(text: str) -> None:
    from opentok_studio.core.timeparse import _DURATION_WHOLE

    assert bool(_DURATION_WHOLE.fullmatch(text)) == bool(_OLD_DURATION.fullmatch(text))
