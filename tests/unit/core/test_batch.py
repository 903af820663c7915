"""Batch inputs (templates, CSV) and exports, shared by the CLI and the window."""

from __future__ import annotations

import csv
import io
import json

import pytest

from opentok_studio.core import TokenRequest, ValidationError
from opentok_studio.core.batch import (
    check_template,
    expand,
    export_rows,
    from_csv,
    from_template,
    plan_batch,
    sign_batch,
)
from opentok_studio.core.model import ProjectCredentials, Role
from tests.helpers import vectors

BASE = TokenRequest(vectors.SID)


def test_template_numbers_from_one() -> None:
    data = [r.data for r in from_template(BASE, "user-{n}", 3)]
    assert data == ["user-1", "user-2", "user-3"]


def test_template_escapes() -> None:
    assert expand('{{"id": {n}}}', 7) == '{"id": 7}'


@pytest.mark.parametrize("bad", ["{x}", "user-{", "}", "{n} and {name}"])
def test_template_refuses_other_placeholders(bad: str) -> None:
    with pytest.raises(ValidationError, match="not a placeholder"):
        check_template(bad)


def test_csv_rows_override_the_base() -> None:
    text = (
        "session_id,role,data,expire_in,layout_class\n"
        f'{vectors.OTHER_SID},moderator,"a, ""quoted"" value",15m,focus full\n'
        ",,José 😀,,\n"
        f",,{'x' * 1000},,\n"
    )
    rows = from_csv("\ufeff" + text, BASE)  # a BOM from spreadsheet exports
    assert rows[0].session_id == vectors.OTHER_SID and rows[0].role is Role.MODERATOR
    assert rows[0].data == 'a, "quoted" value' and rows[0].expire_in == 900
    assert rows[0].layout_classes == ("focus", "full")
    assert rows[1].session_id == vectors.SID and rows[1].data == "José 😀"
    assert len(rows[2].data) == 1000


@pytest.mark.parametrize(
    "text, words",
    [
        ("", "no rows"),
        ("session_id\n", "no rows"),
        ("colour\nred\n", "unknown column 'colour'"),
        ("role\nowner\n", "row 2: role: 'owner' is not a role"),
        ("expire_in\nsoon\n", "row 2"),
    ],
)
def test_csv_errors_name_the_row(text: str, words: str) -> None:
    with pytest.raises(ValidationError, match=words):
        from_csv(text, BASE)


def test_exports_round_trip() -> None:
    requests = list(from_template(BASE, "n={n}", 2))
    tokens = ["tok1", "tok2"]
    assert export_rows(tokens, requests, "lines") == "tok1\ntok2\n"
    lines = [json.loads(x) for x in export_rows(tokens, requests, "jsonl").splitlines()]
    assert lines[1] == {"token": "tok2", "session_id": vectors.SID, "role": "publisher",
                        "data": "n=2", "layout_class": ""}  # fmt: skip
    rows = list(csv.DictReader(io.StringIO(export_rows(tokens, requests, "csv"))))
    assert rows[0]["token"] == "tok1" and rows[0]["data"] == "n=1"


def test_a_csv_error_says_its_fix_once() -> None:
    with pytest.raises(ValidationError) as caught:
        from_csv("role\nowner\n", BASE)
    message = str(caught.value)
    assert message.startswith("csv: row 2: role: 'owner' is not a role; use one of")
    assert message.count("use one of") == 1


def test_plan_alike_is_one_request_repeated() -> None:
    requests = plan_batch(BASE, count=3)
    assert requests == [BASE] * 3 and all(r is BASE for r in requests)
    assert plan_batch(BASE, count=2, roles=[BASE.role]) == [BASE] * 2


def test_plan_template_and_role_mix() -> None:
    requests = plan_batch(BASE, count=3, template="u{n}",
                          roles=[Role.PUBLISHER, Role.SUBSCRIBER])  # fmt: skip
    assert [(r.data, r.role) for r in requests] == [
        ("u1", Role.PUBLISHER), ("u2", Role.SUBSCRIBER), ("u3", Role.PUBLISHER)
    ]  # fmt: skip
    assert [r.data for r in plan_batch(BASE, count=2, template="")] == ["", ""]


def test_plan_csv_rows_make_one_token_a_row() -> None:
    requests = plan_batch(BASE, count=50, template="ignored {n}",
                          csv_text="data\na\nb\n", roles=[Role.MODERATOR])  # fmt: skip
    assert [(r.data, r.role) for r in requests] == [
        ("a", "publisher"),
        ("b", "publisher"),
    ]


@pytest.mark.parametrize("count", [0, -1, 1_000_001])
def test_plan_count_outside_the_range(count: int) -> None:
    with pytest.raises(ValidationError, match=r"count: .* is outside 1\.\.1,000,000"):
        plan_batch(BASE, count=count)


def test_sign_batch_numbers_the_token_at_fault(now: int) -> None:
    credentials = ProjectCredentials(vectors.API_KEY, vectors.API_SECRET)
    requests = plan_batch(BASE, count=3, template="x" * 999 + "{n}")
    requests.append(TokenRequest(vectors.SID, data="y" * 1001))
    assert sign_batch([], credentials, now=now) == []
    with pytest.raises(ValidationError) as caught:
        sign_batch(requests, credentials, now=now, first=11)
    assert str(caught.value).startswith("batch: token 14: data: ")
    assert caught.value.field == "batch"


def test_sign_batch_alike_is_unnumbered_and_distinct(now: int) -> None:
    credentials = ProjectCredentials(vectors.API_KEY, vectors.API_SECRET)
    tokens = sign_batch(plan_batch(BASE, count=50), credentials, now=now)
    assert len(set(tokens)) == 50
    too_long = TokenRequest(vectors.SID, data="y" * 1001)
    with pytest.raises(ValidationError, match=r"^data: "):
        sign_batch([too_long] * 2, credentials, now=now)
