"""core/diff.py: which fields two tokens differ in, and whether they grant the
same access."""

from __future__ import annotations

import pytest

from opentok_studio.core import Role, TokenRequest, decode, make_token
from opentok_studio.core.diff import diff, same_access
from tests.helpers import vectors


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
