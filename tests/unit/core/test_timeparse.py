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


# -- typed expiries (the window's expiry field) --------------------------------

_TYPED_NOW = 1_796_205_600  # 2026-12-02 10:00:00 UTC
_ZONE = __import__("datetime").timezone(__import__("datetime").timedelta(hours=1))


@pytest.mark.parametrize(
    "text",
    ["2026-12-03 09:30", "2026-12-03T09:30", " 2026-12-03   09:30 ", "03.12.2026 09:30",
     "202612030930", "2026-12-03 09:30:50", "20261203093050"],
)  # fmt: skip
def test_typed_local_times_in_the_obvious_forms_are_whole_minutes(text: str) -> None:
    from opentok_studio.core.timeparse import parse_typed_expiry

    when = parse_typed_expiry(text, now=_TYPED_NOW, tz=_ZONE)
    assert when == 1_796_286_600  # 2026-12-03 08:30:00 UTC = 09:30 at +01:00
    assert when % 60 == 0


def test_a_typed_duration_counts_from_now() -> None:
    from opentok_studio.core.timeparse import parse_typed_expiry

    assert parse_typed_expiry("45m", now=_TYPED_NOW, tz=_ZONE) == _TYPED_NOW + 2700


@pytest.mark.parametrize(
    ("text", "words"),
    [
        ("2026-12-01 09:30", ["in the past", "after now"]),
        ("2027-01-05 09:30", ["more than 30 days ahead", "or earlier"]),
        ("202-12-25", ["not a date and time", "2026-12-25 12:00"]),
        ("2026-0-20 09:30", ["is no date"]),
        ("2026-02-30 09:30", ["is no date"]),
        ("", ["no expiry typed"]),
        ("31d", ["more than 30 days ahead"]),
    ],
)
def test_typed_expiries_out_of_bounds_say_why(text: str, words: list[str]) -> None:
    from opentok_studio.core.errors import ValidationError
    from opentok_studio.core.timeparse import parse_typed_expiry

    with pytest.raises(ValidationError) as e:
        parse_typed_expiry(text, now=_TYPED_NOW, tz=_ZONE)
    said = f"{e.value} {e.value.fix}"
    for word in words:
        assert word in said
