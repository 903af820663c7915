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
)
from opentok_studio.core.model import Role
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
