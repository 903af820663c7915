"""core/errors.py: errors build their own messages from their attributes."""

from __future__ import annotations

from pathlib import Path

from opentok_studio.core.errors import (
    ProfileExistsError,
    StoreError,
    StudioError,
    ValidationError,
)

PACKAGE = Path(__file__).resolve().parents[3] / "opentok_studio"


def test_validation_error_message_from_its_attributes() -> None:
    e = ValidationError("data", "1204 characters", limit="1000", fix="shorten it")
    assert str(e) == "data: 1204 characters; shorten it"
    assert (e.field, e.limit, e.fix) == ("data", "1000", "shorten it")


def test_profile_exists_error_names_the_profile() -> None:
    e = ProfileExistsError("staging")
    assert isinstance(e, StoreError) and isinstance(e, StudioError)
    assert e.name == "staging"
    assert str(e).startswith("a profile named 'staging' exists already")
    assert "pick another name" in str(e)


def test_the_sentence_is_said_once() -> None:
    """#14: it was worded four ways in four files."""
    homes = [
        path.relative_to(PACKAGE).as_posix()
        for path in PACKAGE.rglob("*.py")
        if "a profile named {" in path.read_text(encoding="utf-8")
        and "exists" in path.read_text(encoding="utf-8")
    ]
    assert homes == ["core/errors.py"]
