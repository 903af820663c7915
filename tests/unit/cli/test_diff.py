"""`opentok-studio diff` (spec/cli.md, diff): exit 0 for the same access, 1 not."""

from __future__ import annotations

import json

from tests.helpers.cli import PROJECT_ENV, cli_token, run


def test_diff_exit_codes_and_json() -> None:
    a, b = cli_token("--data", "x"), cli_token("--data", "x", "--expire-in", "1h")
    rc, out, _ = run("diff", a, b, "--json", env=PROJECT_ENV)
    assert rc == 0 and json.loads(out)["same_access"] is True
    c = cli_token("--role", "moderator")
    rc, out, _ = run("diff", a, c, env=PROJECT_ENV)
    assert rc == 1 and "Role" in out and "DIFFERENT access" in out
    rc, out, err = run("diff", a, "not a token", env=PROJECT_ENV)
    assert rc == 2 and out == "" and err.startswith("error: ")
