"""core/belonging.py: one verdict and one wording for "is this session the key's?"."""

from __future__ import annotations

import pytest

from opentok_studio.core.belonging import Belonging, judge_session
from tests.helpers import vectors

#: Field 1 names another key, but the key stands in another field: the opentok
#: SDK signs tokens for it, the service refuses them (vector key-in-other-field).
KEY_IN_OTHER_FIELD = "1_MX45OTl-fjQ2MTIzNDU3fnJ-fg"


def test_belongs() -> None:
    v = judge_session(vectors.SID, vectors.API_KEY)
    assert v.belonging is Belonging.BELONGS and v.belongs is True
    assert v.info is not None and v.info.api_key == vectors.API_KEY
    assert v.sdk_accepts is True
    assert v.text == f"Belongs to {vectors.API_KEY}."
    assert v.summary is not None
    assert v.summary.startswith(f"Session of {vectors.API_KEY}, created ")
    assert v.line == f"{v.summary}. {v.text}"


def test_other_key() -> None:
    v = judge_session(vectors.OTHER_SID, vectors.API_KEY)
    assert v.belonging is Belonging.OTHER_KEY and v.belongs is False
    assert v.sdk_accepts is False
    assert v.text == (
        f"Does NOT belong to {vectors.API_KEY}: it was created by {vectors.OTHER_KEY}."
    )


def test_other_key_the_sdk_accepts_says_so() -> None:
    v = judge_session(KEY_IN_OTHER_FIELD, vectors.API_KEY)
    assert v.belonging is Belonging.OTHER_KEY and v.sdk_accepts is True
    assert v.text is not None
    assert v.text.startswith(
        f"Does NOT belong to {vectors.API_KEY}: it was created by 99"
    )
    assert "The opentok SDK would still sign tokens for it" in v.text


@pytest.mark.parametrize("key", [None, vectors.API_KEY])
def test_unreadable(key: str | None) -> None:
    v = judge_session("1_!!", key)
    assert v.belonging is Belonging.UNREADABLE and v.belongs is None
    assert v.info is None and v.summary is None and v.sdk_accepts is None
    assert v.error is not None and "must look like" in v.error
    assert v.text is not None and v.text.startswith(v.error)
    assert v.text.endswith(f"; check that it belongs to {key}") is (key is not None)
    assert v.line == v.text


def test_no_key() -> None:
    v = judge_session(vectors.SID, None)
    assert v.belonging is Belonging.NO_KEY and v.belongs is None
    assert v.text is None and v.sdk_accepts is None
    assert v.line == f"{v.summary}."


def test_the_faces_share_the_wording() -> None:
    """#14: the form, the Decode tab and the CLI worded it three ways."""
    from pathlib import Path

    package = Path(__file__).resolve().parents[3] / "opentok_studio"
    homes = sorted(
        p.relative_to(package).as_posix()
        for p in package.rglob("*.py")
        if "Does NOT belong" in p.read_text(encoding="utf-8")
        or "not {key}" in p.read_text(encoding="utf-8")
    )
    assert homes == ["core/belonging.py"]
