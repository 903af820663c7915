"""cli/render.py: what comes from outside (a token, a server, profiles.json)
reaches the terminal with its control characters escaped (hardening #13,
finding 14: ESC sequences could retitle, clear or recolour the terminal)."""

from __future__ import annotations

import json
from collections.abc import Iterator

import pytest
from hypothesis import given
from hypothesis import strategies as st

from opentok_studio.cli.render import dumps, error_line, terminal_safe
from opentok_studio.store.paths import profiles_file
from tests.helpers import craft, hostileapi, vectors
from tests.helpers.cli import PROJECT_ENV as ENV
from tests.helpers.cli import run as _run

#: OSC retitle, clear screen, SGR red, an 8-bit CSI, DEL, CR and a bidi override.
EVIL = "\x1b]0;pwned\x07\x1b[2J\x1b[31mred\x9b0m\x7f\r\u202eevil\u2066"


def _raw_controls(text: str) -> list[str]:
    """Characters a terminal acts on, other than newline and tab."""
    return [
        ch
        for ch in text
        if (ord(ch) < 0x20 and ch not in "\n\t")
        or 0x7F <= ord(ch) <= 0x9F
        or 0x202A <= ord(ch) <= 0x202E
        or 0x2066 <= ord(ch) <= 0x2069
    ]


# -- the renderer -----------------------------------------------------------


def test_terminal_safe_escapes_what_a_terminal_acts_on() -> None:
    shown = terminal_safe(f"a{EVIL}\nnext\tcell é 👩‍👩‍👧")
    assert _raw_controls(shown) == []
    assert shown == (
        "a\\x1b]0;pwned\\x07\\x1b[2J\\x1b[31mred\\x9b0m\\x7f\\r\\u202eevil\\u2066"
        "\nnext\tcell é 👩‍👩‍👧"
    )
    assert terminal_safe("plain text") == "plain text"
    assert terminal_safe("\ud800") == "\\ud800"


def test_error_line_is_one_safe_line() -> None:
    assert error_line(f"bad {EVIL}\nsecond\u2028line") == (
        "error: bad \\x1b]0;pwned\\x07\\x1b[2J\\x1b[31mred\\x9b0m\\x7f "
        "\\u202eevil\\u2066 second line\n"
    )


@given(st.recursive(st.text(st.characters(exclude_categories=("Cs",))),
                    lambda x: st.lists(x, max_size=3), max_leaves=8))  # fmt: skip
def test_dumps_escapes_and_round_trips(value: object) -> None:
    text = dumps({"v": value})
    assert _raw_controls(text.replace("\n", "")) == []
    assert json.loads(text) == {"v": value}


def test_dumps_escapes_c1_and_bidi() -> None:
    # json.dumps(ensure_ascii=False) escapes C0 only; these came through raw.
    assert dumps("\x9b\u202e\u2028\x7f") == '"\\u009b\\u202e\\u2028\\u007f"'


# -- a server's answer -------------------------------------------------------


@pytest.fixture
def api() -> Iterator[hostileapi.HostileApi]:
    with hostileapi.serve() as server:
        yield server


@pytest.mark.parametrize("behaviour", ["escape_error", "escape_session"])
def test_server_text_is_escaped(api, behaviour: str) -> None:
    api.behaviour = behaviour
    rc, out, err = _run("session", "create", "--api-url", api.url, env=ENV)
    assert rc == 4 and out == ""
    assert _raw_controls(err) == [] and err.count("\n") == 1
    assert "\\x1b]0;pwned\\x07" in err


def test_a_url_with_escapes_is_escaped() -> None:
    rc, out, err = _run("session", "create", "--api-url", f"http://x{EVIL}", env=ENV)
    # refused as bad input before anything is sent (core/urls.py)
    assert rc == 2 and out == "" and _raw_controls(err) == []
    assert "is not a URL" in err


# -- a token being decoded ---------------------------------------------------


def _evil_token() -> str:
    claims = craft.project_claims(vectors.MADE_AT, connection_data=f"data {EVIL}",
                                  nonce=f"n{EVIL}", role=f"publisher{EVIL}")  # fmt: skip
    return craft.hs256(claims, header={"alg": f"HS256{EVIL}", "typ": "JWT"})


@pytest.mark.parametrize("mode", [[], ["--report", "--unmask-data"], ["--json"]])
def test_decode_escapes_what_the_token_says(mode: list[str]) -> None:
    rc, out, err = _run("decode", _evil_token(), *mode, env=ENV)
    assert rc in (0, 1), err
    assert _raw_controls(out) == [] and _raw_controls(err) == []
    if mode == ["--json"]:
        assert json.loads(out)["connection_data"] == f"data {EVIL}"
    else:
        assert "data \\x1b]0;pwned\\x07" in out


def test_diff_escapes_both_tokens() -> None:
    other = craft.hs256(craft.project_claims(vectors.MADE_AT, connection_data="x"))
    for mode in ([], ["--json"]):
        rc, out, err = _run("diff", _evil_token(), other, *mode)
        assert rc == 1, err
        assert _raw_controls(out) == [] and _raw_controls(err) == []


def test_a_token_that_is_no_token_is_escaped() -> None:
    rc, out, err = _run("decode", f"{EVIL} nothing here")
    assert rc == 2 and _raw_controls(err) == []


# -- profiles.json -----------------------------------------------------------


def _write_profiles() -> None:
    path = profiles_file()
    path.parent.mkdir(parents=True, exist_ok=True)
    profile = {"name": f"evil{EVIL}", "kind": "application", "key_id": f"id{EVIL}",
               "private_key_path": f"/nowhere/{EVIL}.pem", "label": f"label {EVIL}",
               "color": ""}  # fmt: skip
    path.write_text(json.dumps({"version": 1, "profiles": [profile]}), "utf-8")


@pytest.mark.parametrize(
    "argv",
    [
        ["profile", "list"],
        ["profile", "list", "--json"],
        ["profile", "show", f"evil{EVIL}"],
        ["profile", "show", f"evil{EVIL}", "--json"],
        ["profile", "show", "missing"],  # the error names every profile
        ["decode", craft.hs256(craft.project_claims(vectors.MADE_AT)),
         "--all-profiles"],  # a warning names the profile it skips
    ],
    ids=["list", "list json", "show", "show json", "error", "warning"],
)  # fmt: skip
def test_profile_fields_are_escaped(argv: list[str]) -> None:
    _write_profiles()
    rc, out, err = _run(*argv)
    assert _raw_controls(out) == [] and _raw_controls(err) == []
    assert "\\x1b]0;pwned" in out + err or "\\u001b]0;pwned" in out + err
