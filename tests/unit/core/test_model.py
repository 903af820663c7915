"""core/model.py: the closed sets and frozen values every module shares."""

from __future__ import annotations

import dataclasses

import pytest

from opentok_studio.core.model import (
    ApplicationCredentials,
    Family,
    ProblemCode,
    ProjectCredentials,
    Role,
    TokenFormat,
    TokenRequest,
    key_id,
)
from tests.helpers import vectors


def test_roles_and_formats_are_the_spec_words() -> None:
    assert [r.value for r in Role] == [
        "subscriber", "publisher", "publisheronly", "moderator"
    ]  # fmt: skip
    assert [f.value for f in TokenFormat] == ["jwt", "t1"]
    assert {f.value for f in Family} == {"project", "application"}


def test_problem_codes_include_the_spec_vocabulary() -> None:
    spec = {"malformed", "truncated", "alg_none", "alg_confusion", "bad_signature",
            "expired", "issued_in_future", "not_yet_valid", "expiry_too_far",
            "expiry_in_milliseconds", "wrong_api_key", "session_of_other_key",
            "session_mismatch", "session_id_invalid", "unknown_role",
            "data_too_long", "layout_classes_invalid", "project_application_mixup",
            "no_expiry"}  # fmt: skip
    assert spec <= {c.value for c in ProblemCode}


def test_key_id() -> None:
    assert key_id(None) is None
    assert key_id(ProjectCredentials(vectors.API_KEY)) == vectors.API_KEY
    assert key_id(ApplicationCredentials(vectors.APP_ID)) == vectors.APP_ID


def test_secrets_stay_out_of_repr() -> None:
    credentials = ProjectCredentials(vectors.API_KEY, vectors.API_SECRET)
    assert vectors.API_SECRET not in repr(credentials)
    assert "private_key" not in repr(ApplicationCredentials(vectors.APP_ID))


def test_requests_are_frozen_with_sdk_defaults() -> None:
    request = TokenRequest(vectors.SID)
    assert request.role is Role.PUBLISHER and request.format is TokenFormat.JWT
    assert request.expire_time is None and request.expire_in is None
    with pytest.raises(dataclasses.FrozenInstanceError):
        request.data = "x"  # type: ignore[misc]
