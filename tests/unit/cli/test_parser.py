"""cli/parser.py: usage errors never repeat what was typed (hardening #13,
finding 7: `token --api=SECRET` came back in "ambiguous option: --api=SECRET")."""

from __future__ import annotations

import argparse
import io
from collections.abc import Iterator

import pytest

from opentok_studio.cli import main
from opentok_studio.cli.parser import build, without_values

SECRET = "s3cr3t-0123456789abcdef0123456789abcdef"
#: Enough for each command to get past its required arguments.
REQUIRED = {
    ("token",): ["--session-id", "1_MX4xfn4"],
    ("decode",): ["T1==abc"],
    ("diff",): ["T1==abc", "T1==abd"],
    ("session",): ["1_MX4xfn4"],
    ("profile", "add"): ["name"],
    ("profile", "show"): ["name"],
    ("profile", "remove"): ["name"],
}


def _commands(
    parser: argparse.ArgumentParser, path: tuple[str, ...] = ()
) -> Iterator[tuple[tuple[str, ...], argparse.ArgumentParser]]:
    yield path, parser
    for action in parser._actions:
        if isinstance(action, argparse._SubParsersAction):
            for name, sub in action.choices.items():
                yield from _commands(sub, (*path, name))


COMMANDS = dict(_commands(build()))


def _long_options(parser: argparse.ArgumentParser) -> Iterator[argparse.Action]:
    for action in parser._actions:
        if any(o.startswith("--") for o in action.option_strings):
            yield action


def _takes_value(action: argparse.Action) -> bool:
    return action.nargs != 0 and not isinstance(
        action, argparse._VersionAction | argparse._HelpAction
    )


def _name(action: argparse.Action) -> str:
    return next(o for o in action.option_strings if o.startswith("--"))


def _cases() -> Iterator[tuple[str, list[str]]]:
    every_option = {_name(a) for p in COMMANDS.values() for a in _long_options(p)}
    for path, parser in COMMANDS.items():
        base = [*path, *REQUIRED.get(path, [])]
        where = " ".join(path) or "(root)"
        mine = {_name(a): a for a in _long_options(parser)}
        for name, action in mine.items():
            if name == "--help":
                continue
            # Abbreviations, with and without "=": refused, never expanded.
            for cut in {len(name) - 1, max(3, len(name) // 2)}:
                short = name[:cut]
                if short in mine:
                    continue
                yield f"{where} {short}=", [*base, f"{short}={SECRET}"]
                yield f"{where} {short} _", [*base, short, SECRET]
            if _takes_value(action) and (action.choices or action.type):
                yield f"{where} {name} bad value", [*base, name, SECRET]
                yield f"{where} {name}=bad", [*base, f"{name}={SECRET}"]
            if not _takes_value(action):
                yield f"{where} {name}=value", [*base, f"{name}={SECRET}"]
        # Options of other commands, given here with a value.
        for name in sorted(every_option - set(mine)):
            yield f"{where} unknown {name}=", [*base, f"{name}={SECRET}"]
    yield "token ambiguous --api=", ["token", "--session-id", "1_MX4xfn4",
                                     f"--api={SECRET}"]  # fmt: skip
    yield "unknown command", [SECRET]
    yield "unknown profile action", ["profile", SECRET]
    yield "stray word", ["token", "--session-id", "1_MX4xfn4", SECRET]


CASES = dict(_cases())


@pytest.mark.parametrize("argv", CASES.values(), ids=CASES.keys())
def test_usage_errors_never_repeat_what_was_typed(argv: list[str]) -> None:
    out, err = io.StringIO(), io.StringIO()
    rc = main(argv, out, err, env={})
    assert rc == 2, err.getvalue()
    assert out.getvalue() == ""
    lines = err.getvalue().splitlines()
    assert len(lines) == 1 and lines[0].startswith("error: "), lines
    assert SECRET[:8] not in err.getvalue()


def test_every_secret_carrying_flag_is_covered() -> None:
    ids = " ".join(CASES)
    for flag in ("--api-secret", "--private-key", "--api-key", "--profile",
                 "--data", "--api-url", "--client-error", "--secret-stdin"):  # fmt: skip
        assert f" {flag[: len(flag) - 1]}=" in ids, flag
        assert f"unknown {flag}=" in ids or flag in ("--profile",), flag
    assert "profile add unknown --api-secret=" in ids


@pytest.mark.parametrize(
    "message, expected",
    [
        ("ambiguous option: --api=X could match --api-key, --api-secret",
         "ambiguous option: write the whole option name"),
        ("argument --format: invalid choice: 'X' (choose from 'jwt', 't1')",
         "argument --format: invalid choice (choose from 'jwt', 't1')"),
        ("argument --format: invalid choice: \"(choose from 'a')\" (choose from 'jwt')",
         "argument --format: invalid choice (choose from 'jwt')"),
        ("argument --count: invalid int value: 'X'",
         "argument --count: invalid int value"),
        ("argument --json: ignored explicit argument 'X'",
         "argument --json: takes no value"),
        ("unrecognized arguments: --api-secret=X", "unrecognized arguments"),
        ("the following arguments are required: --session-id",
         "the following arguments are required: --session-id"),
    ],
)  # fmt: skip
def test_without_values(message: str, expected: str) -> None:
    assert without_values(message) == expected


def test_whole_option_names_still_work() -> None:
    args = build().parse_args(["token", "--session-id", "S", "--api-secret=X"])
    assert args.api_secret == "X"
    args = build().parse_args(["decode", "T", "--json"])
    assert args.json


def test_abbreviations_are_off_in_every_parser() -> None:
    assert all(not p.allow_abbrev for p in COMMANDS.values())
