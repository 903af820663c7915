"""core/diff.py: which fields two tokens differ in, and whether they grant the
same access."""

from __future__ import annotations

import pytest

from opentok_studio.core import (
    ProjectCredentials,
    Role,
    TokenRequest,
    decode,
    make_token,
)
from opentok_studio.core.diff import Verdict, diff, same_access, shown, verdict
from tests.helpers import vectors

NOW = vectors.MADE_AT
OURS = ProjectCredentials(vectors.API_KEY, vectors.API_SECRET)


def _pair(project, now, **change):  # type: ignore[no-untyped-def]
    base = {"session_id": vectors.SID, "role": Role.PUBLISHER, "data": "a",
            "layout_classes": ("x",)}  # fmt: skip
    a = decode(make_token(TokenRequest(**base), project, now=now), project, now=now)
    b = decode(make_token(TokenRequest(**{**base, **change}), project, now=now),
               project, now=now)  # fmt: skip
    return diff(a, b)


@pytest.mark.parametrize(
    "change, field",
    [
        ({"role": Role.SUBSCRIBER}, "role"),
        ({"data": "b"}, "connection_data"),
        ({"layout_classes": ("y",)}, "initial_layout_class_list"),
        (
            {
                "session_id": "1_MX40NjEyMzQ1N34xMC4xLjIuM34xNzkzNDkxMjAwMDAwflEyaGhjR1Z5YjI1bFZHVnpkRk5sY3d-fg"
            },
            "session_id",
        ),  # noqa: E501
    ],
)
def test_diff_names_the_one_field(project, now, change, field) -> None:
    differences = _pair(project, now, **change)
    assert [d.field for d in differences if d.field != "nonce"] == [field]
    assert not same_access(differences)


def test_diff_of_equal_grants(project, now) -> None:
    differences = _pair(project, now, expire_in=3600)
    assert {d.field for d in differences} <= {"nonce", "expires_at"}
    assert same_access(differences)


def _decoded(now: int = NOW, **request) -> object:  # type: ignore[no-untyped-def]
    token = make_token(TokenRequest(vectors.SID, **request), OURS, now=NOW)
    return decode(token, OURS, now=now)


def test_an_expired_twin_is_never_same_access() -> None:
    works = _decoded(now=NOW + 30, expire_in=3600)
    expired_token = make_token(TokenRequest(vectors.SID, expire_in=60), OURS, now=NOW)
    expired = decode(expired_token, OURS, now=NOW + 120)
    differences = diff(works, expired)  # type: ignore[arg-type]
    kind, sentence = verdict(works, expired, differences)  # type: ignore[arg-type]
    assert kind is Verdict.PROBLEMS
    assert sentence == "Same grants, but token B would be refused (B: expired)."


def test_same_grants_and_no_problem_is_same_access() -> None:
    a, b = _decoded(), _decoded(expire_in=600)
    kind, sentence = verdict(a, b, diff(a, b))  # type: ignore[arg-type]
    assert kind is Verdict.SAME_ACCESS and sentence.startswith("Same access")


def test_another_role_is_different_access() -> None:
    a, b = _decoded(), _decoded(role="subscriber")
    kind, _ = verdict(a, b, diff(a, b))  # type: ignore[arg-type]
    assert kind is Verdict.DIFFERENT_ACCESS


def test_values_read_as_a_person_reads_them() -> None:
    assert shown("expires_at", NOW) == "2026-10-01 00:00:00 UTC"
    assert (
        shown("problem_codes", ["expired", "wrong_api_key"]) == "expired, wrong_api_key"
    )
    assert shown("problem_codes", []) == "(none)"
    assert shown("connection_data", None) == "(none)"


def test_different_access_still_names_the_token_that_would_be_refused() -> None:
    # A (wrong secret) against a good B with another role: the verdict named
    # only the role, not the signature that makes A fail (a walk-through).
    good = _decoded(role="subscriber")
    other = ProjectCredentials(vectors.API_KEY, "another-secret-0123456789abcdef0123")
    forged = decode(
        make_token(TokenRequest(vectors.SID), other, now=NOW), OURS, now=NOW
    )
    kind, sentence = verdict(forged, good, diff(forged, good))  # type: ignore[arg-type]
    assert kind is Verdict.DIFFERENT_ACCESS
    assert sentence.startswith("Different access: the ✱ fields change what")
    assert sentence.endswith("; and token A would be refused (A: bad_signature).")
