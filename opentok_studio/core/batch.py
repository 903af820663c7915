"""Batches: plan the requests (a count, a data template, a role mix or CSV rows),
sign them, and write the rows of an export. One implementation for the CLI and
the window."""

from __future__ import annotations

import csv
import io
import itertools
import json
import re
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import replace
from typing import Any

from opentok_studio.core import limits
from opentok_studio.core.errors import ValidationError
from opentok_studio.core.model import Credentials, Role, TokenRequest
from opentok_studio.core.signer import make_token, make_tokens
from opentok_studio.core.timeparse import parse_duration, parse_when
from opentok_studio.core.validate import parse_role, validate_count

_PLACEHOLDER = re.compile(r"\{\{|\}\}|\{([^{}]*)\}|[{}]")
CSV_COLUMNS = ("session_id", "role", "data", "expire_in", "expire_at", "layout_class")
OUTPUT_FORMATS = ("lines", "csv", "jsonl")
#: Largest CSV input: a million rows of ~250 bytes (the row cap is MAX_BATCH).
MAX_CSV_BYTES = 256 * 1024 * 1024
#: A spreadsheet runs a cell that starts with one of these as a formula (OWASP,
#: CSV injection): such cells get a leading ' in CSV exports, never in jsonl.
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def check_template(template: str) -> None:
    """Only ``{n}`` (the token's number) and ``{{``/``}}`` may appear.

    Raises:
        ValidationError: another placeholder or a lone brace.
    """
    for match in _PLACEHOLDER.finditer(template):
        token = match.group(0)
        if token in ("{{", "}}", "{n}"):
            continue
        raise ValidationError(
            "data_template",
            f"{token!r} at character {match.start() + 1} is not a placeholder",
            fix="use {n} for the token's number, {{ and }} for literal braces",
        )


def expand(template: str, n: int) -> str:
    """The template with ``{n}`` replaced (templates are checked first)."""
    return _PLACEHOLDER.sub(
        lambda m: {"{{": "{", "}}": "}"}.get(m.group(0), str(n)), template
    )


def from_template(
    base: TokenRequest, template: str, count: int
) -> Iterator[TokenRequest]:
    """``count`` requests like ``base`` whose data is the template for 1..count."""
    check_template(template)
    for n in range(1, count + 1):
        yield replace(base, data=expand(template, n))


def from_csv(text: str, base: TokenRequest) -> list[TokenRequest]:
    """One request per CSV row; empty or missing columns keep ``base``'s values.

    Raises:
        ValidationError: an unknown column, a bad value or a malformed row
            (naming the row), no rows, or more rows than a batch may hold.
    """
    reader = csv.DictReader(io.StringIO(text.lstrip("\ufeff")))
    number = 1  # the row being read; row 1 is the header
    try:
        unknown = [c for c in reader.fieldnames or [] if c not in CSV_COLUMNS]
        if unknown:
            raise ValidationError(
                "csv",
                f"unknown column {unknown[0]!r}",
                fix="columns are " + ", ".join(CSV_COLUMNS),
            )
        requests: list[TokenRequest] = []
        number = 2
        for row in reader:
            if len(requests) == limits.MAX_BATCH:
                raise ValidationError(
                    "csv",
                    f"more than {limits.MAX_BATCH:,} rows",
                    limit=f"{limits.MAX_BATCH:,}",
                    fix="split it: a batch makes at most that many tokens",
                )
            try:
                requests.append(_row(row, base))
            except ValidationError as e:
                raise _located("csv", f"row {number}", e) from None
            number += 1
    except csv.Error as e:
        # e.g. a field over csv.field_size_limit(): connection data is at most
        # 1000 characters, so such a file is not a batch (#13).
        raise ValidationError("csv", f"row {number} cannot be read: {e}") from None
    if not requests:
        raise ValidationError(
            "csv", "no rows under the header", fix="add a row per token"
        )
    return requests


def plan_batch(
    base: TokenRequest,
    *,
    count: int = 1,
    template: str | None = None,
    csv_text: str | None = None,
    roles: Iterable[Role] = (),
) -> list[TokenRequest]:
    """The requests of a batch, one per token.

    CSV rows make one token a row (``count``, ``template`` and ``roles`` do not
    apply). Otherwise ``count`` requests like ``base``: the data from
    ``template`` (``{n}`` counts from 1), the roles cycled when given. Requests
    that are all alike are one object repeated: ``sign_batch`` then signs them
    in one go.

    Raises:
        ValidationError: a count outside 1..MAX_BATCH, a bad template or bad
            CSV (naming the row).
    """
    if csv_text is not None:
        return from_csv(csv_text, base)
    validate_count(count)
    requests: Iterable[TokenRequest] = (
        from_template(base, template, count)
        if template is not None
        else itertools.repeat(base, count)
    )
    cycle = list(roles)
    if len(cycle) > 1 or (cycle and cycle[0] != base.role):
        rotation = itertools.cycle(cycle)
        requests = (replace(r, role=next(rotation)) for r in requests)
    return list(requests)


def sign_batch(
    requests: Sequence[TokenRequest],
    credentials: Credentials,
    *,
    now: int,
    first: int = 1,
) -> list[str]:
    """A token per request, all sharing ``now``.

    Args:
        first: the number of ``requests[0]`` in the whole batch (a window
            signs a batch chunk by chunk), for the error message.

    Raises:
        ValidationError: a request breaks a rule: ``batch: token 7: data: ...``
            (unnumbered when every request is the same).
        CredentialsError: the credentials cannot sign.
    """
    if not requests:
        return []
    if all(r is requests[0] for r in requests):
        # One request N times: validated once, nonces without repeats.
        return make_tokens(requests[0], credentials, now=now, count=len(requests))
    tokens = []
    for n, request in enumerate(requests, first):
        try:
            tokens.append(make_token(request, credentials, now=now))
        except ValidationError as e:
            raise _located("batch", f"token {n}", e) from None
    return tokens


def _located(field: str, where: str, e: ValidationError) -> ValidationError:
    """``e`` said of one row or token: ``csv: row 3: role: 'x' is not a role; fix``."""
    return ValidationError(
        field, f"{where}: {e.field}: {e.problem}", limit=e.limit, value=e.value,
        fix=e.fix,
    )  # fmt: skip


def _row(row: dict[str, Any], base: TokenRequest) -> TokenRequest:
    def cell(name: str) -> str | None:
        value = row.get(name)
        return value if value not in (None, "") else None

    changes: dict[str, Any] = {}
    if (sid := cell("session_id")) is not None:
        changes["session_id"] = sid.strip()
    if (role := cell("role")) is not None:
        changes["role"] = parse_role(role)
    if (data := cell("data")) is not None:
        changes["data"] = data
    if (when := cell("expire_at")) is not None:
        changes.update(expire_time=parse_when(when), expire_in=None)
    if (lifetime := cell("expire_in")) is not None:
        changes.update(expire_in=parse_duration(lifetime), expire_time=None)
    if (classes := cell("layout_class")) is not None:
        changes["layout_classes"] = tuple(classes.split())
    return replace(base, **changes)


def export_rows(
    tokens: Sequence[str], requests: Sequence[TokenRequest], output_format: str
) -> str:
    """Tokens as lines, CSV or JSON Lines; csv/jsonl carry the inputs too."""
    if output_format == "lines":
        return "".join(f"{t}\n" for t in tokens)
    records = [
        {
            "token": token,
            "session_id": r.session_id,
            "role": str(parse_role(r.role)),
            "data": r.data or "",
            "layout_class": " ".join(r.layout_classes),
        }
        for token, r in zip(tokens, requests, strict=True)
    ]
    if output_format == "jsonl":
        return "".join(json.dumps(rec, ensure_ascii=False) + "\n" for rec in records)
    out = io.StringIO()
    # CRLF rows (RFC 4180): the writer then quotes every cell holding \r or \n, so
    # "\r=1+1" cannot start a row of its own past the neutralising quote.
    writer = csv.DictWriter(out, fieldnames=list(records[0]), lineterminator="\r\n")
    writer.writeheader()
    writer.writerows(
        {key: neutralise_formula(value) for key, value in rec.items()}
        for rec in records
    )
    return out.getvalue()


def neutralise_formula(cell: str) -> str:
    """``cell`` with a leading ' when a spreadsheet would run it as a formula.

    Connection data such as ``=cmd|' /C calc'!A0`` is the attack; the JSON Lines
    export keeps every value exactly as signed.
    """
    return "'" + cell if cell.startswith(FORMULA_STARTS) else cell
