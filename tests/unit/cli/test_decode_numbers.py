"""decode --json on numbers JSON allows but floats do not hold (hardening #13,
finding 2): 1e400 in a header or claim once crashed the JSON output."""

from __future__ import annotations

import json

from hypothesis import given, settings
from hypothesis import strategies as st

from tests.helpers import craft, vectors
from tests.helpers.cli import run

#: JSON number texts: overflowing, underflowing, huge integers, ordinary ones.
NUMBERS = st.one_of(
    st.sampled_from(["1e400", "-1e400", "1E+999", "1e-400", "9" * 5000, "-0.0", "0"]),
    st.integers(-(10**30), 10**30).map(str),
    st.from_regex(
        r"-?[1-9][0-9]{0,3}(\.[0-9]{1,3})?[eE][+-]?[0-9]{1,4}", fullmatch=True
    ),
)
FIELDS = st.sampled_from(["iat", "exp", "nbf", "nonce", "x"])


def _token(header_number: str, field: str, number: str) -> str:
    claims = json.dumps(craft.project_claims(vectors.MADE_AT))
    claims = claims[:-1] + f', "{field}_": 0}}'  # keep the order, add a slot
    claims = claims.replace(f'"{field}": ', f'"{field}": {number}, "_{field}": ', 1)
    claims = claims.replace(f', "{field}_": 0', "")
    head = '{"alg": "HS256", "typ": "JWT", "n": ' + header_number + "}"
    return f"{craft.b64url(head.encode())}.{craft.b64url(claims.encode())}.sig"


def _strict(text: str) -> object:
    def refuse(name: str) -> None:
        raise AssertionError(f"{name} in the output is not JSON")

    return json.loads(text, parse_constant=refuse)


@settings(max_examples=60, deadline=None)
@given(header_number=NUMBERS, field=FIELDS, number=NUMBERS)
def test_decode_json_always_prints_strict_json(header_number, field, number) -> None:
    result = run("decode", _token(header_number, field, number), "--json")
    assert result.code in (0, 1), result.err
    assert result.err == ""
    body = _strict(result.out)
    assert isinstance(body, dict) and "problems" in body


def test_the_issue_repro_is_a_problem_not_a_traceback() -> None:
    result = run("decode", _token("1e400", "exp", "1e400"), "--json")
    body = _strict(result.out)
    assert result.code == 1
    assert body["header"]["n"] == "1e400" and body["claims"]["exp"] == "1e400"
    assert any("exp is '1e400'" in p["message"] for p in body["problems"])
