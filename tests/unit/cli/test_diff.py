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


def test_diff_text_reads_times_and_names_a_refused_token(monkeypatch) -> None:
    import time

    a = cli_token("--expire-in", "1h")
    b = cli_token("--expire-in", "60")
    later = int(time.time()) + 600  # b has expired, a has not
    monkeypatch.setattr("opentok_studio.cli.commands._now", lambda: later)
    rc, out, _ = run("diff", a, b, env=PROJECT_ENV)
    assert rc == 0  # same grants: the contract's exit code is about access
    assert "UTC" in out and "Problems" in out
    assert "B: expired" in out and "['expired']" not in out
    assert "Same grants, but token B would be refused (B: expired)." in out
