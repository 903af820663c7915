"""core/validate.py: one function per field (the vectors of validation.json are
in test_vectors_validation.py)."""

from __future__ import annotations

import pytest

from opentok_studio.core import Role, TokenFormat, ValidationError, limits
from opentok_studio.core.validate import (
    parse_format,
    parse_role,
    validate_count,
    validate_data,
    validate_session_for_key,
    validate_session_id,
)
from tests.helpers import vectors


def test_parse_role_and_format() -> None:
    assert parse_role("moderator") is Role.MODERATOR
    assert parse_format("t1") is TokenFormat.T1
    with pytest.raises(ValidationError, match="role: 'owner' is not a role"):
        parse_role("owner")


@pytest.mark.parametrize("count", [1, limits.MAX_BATCH])
def test_count_in_range(count: int) -> None:
    assert validate_count(count) == count


@pytest.mark.parametrize("count", [0, limits.MAX_BATCH + 1])
def test_count_out_of_range(count: int) -> None:
    with pytest.raises(ValidationError) as caught:
        validate_count(count)
    e = caught.value
    assert (e.field, e.value, e.limit) == ("count", str(count), f"{limits.MAX_BATCH:,}")
    assert str(e).startswith(f"count: {count} is outside 1..1,000,000; split")


def test_data_limit() -> None:
    assert validate_data("x" * 1000) == "x" * 1000
    with pytest.raises(ValidationError, match="data"):
        validate_data("x" * 1001)


def test_session_rules() -> None:
    with pytest.raises(ValidationError, match="session_id: is empty"):
        validate_session_id("")
    validate_session_for_key(vectors.SID, vectors.API_KEY)
    with pytest.raises(ValidationError, match="belongs to API key 46999999"):
        validate_session_for_key(vectors.OTHER_SID, vectors.API_KEY)
