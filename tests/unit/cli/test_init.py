"""cli/__init__.py main(): --version and --help."""

from __future__ import annotations

import pytest

from opentok_studio import __version__
from tests.helpers.cli import (
    run,
)

# -- --version / --help --------------------------------------------------------


def test_version_prints_the_version() -> None:
    result = run("--version")
    assert result.code == 0
    assert result.out.strip() == f"opentok-studio {__version__}"
    assert result.err == ""


@pytest.mark.parametrize(
    "argv",
    [["--help"], ["-h"], ["token", "--help"], ["decode", "--help"], ["session", "-h"]],
)
def test_help_exits_0_with_usage_on_stdout(argv: list[str]) -> None:
    result = run(*argv)
    assert result.code == 0
    assert result.out.startswith("usage: opentok-studio")
    assert result.err == ""


def test_token_help_lists_the_token_flags() -> None:
    out = run("token", "--help").out
    for flag in ("--session-id", "--role", "--data", "--expire-in", "--expire-at"):
        assert flag in out
    for flag in ("--layout-class", "--format", "--count", "--output"):
        assert flag in out
