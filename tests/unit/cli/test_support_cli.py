"""decode --report/--client-error/--all-profiles and diff, through the CLI."""

from __future__ import annotations

import io
import json
import time

from opentok_studio.cli import main
from tests.helpers import craft, vectors

ENV = {"OPENTOK_API_KEY": vectors.API_KEY, "OPENTOK_API_SECRET": vectors.API_SECRET}


def run(*argv: str, env: dict | None = None, stdin: str = "") -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    rc = main(
        list(argv), out, err, stdin=io.StringIO(stdin), env=ENV if env is None else env
    )
    return rc, out.getvalue(), err.getvalue()


def token(*extra: str) -> str:
    rc, out, err = run("token", "--session-id", vectors.SID, *extra)
    assert rc == 0, err
    return out.strip()


def test_diff_exit_codes_and_json() -> None:
    a, b = token("--data", "x"), token("--data", "x", "--expire-in", "1h")
    rc, out, _ = run("diff", a, b, "--json")
    assert rc == 0 and json.loads(out)["same_access"] is True
    c = token("--role", "moderator")
    rc, out, _ = run("diff", a, c)
    assert rc == 1 and "Role" in out and "DIFFERENT access" in out
    rc, out, err = run("diff", a, "not a token")
    assert rc == 2 and out == "" and err.startswith("error: ")


def test_report_never_shows_signature_secret_or_data() -> None:
    t = token("--data", "secret-ish user data")
    rc, out, _ = run("decode", t, "--report")
    assert rc == 0
    assert t.rsplit(".", 1)[1] not in out and vectors.API_SECRET not in out
    assert "secret-ish" not in out and "[masked" in out


def test_client_error_reranks() -> None:
    case = next(c for c in vectors.load("broken")["cases"]
                if c["name"] == "jwt-session-of-other-key")  # fmt: skip
    rc, out, _ = run(
        "decode", case["token"], "--json", "--client-error", "token has expired"
    )
    assert rc == 1
    assert json.loads(out)["problems"][0]["code"] == "expired"


def test_all_profiles_names_the_signer() -> None:
    for name, secret in (("other", vectors.OTHER_SECRET), ("mine", vectors.API_SECRET)):
        rc, _, err = run("profile", "add", name, "--api-key", vectors.API_KEY,
                         "--secret-stdin", stdin=secret + "\n")  # fmt: skip
        assert rc == 0, err
    rc, out, _ = run("decode", token(), "--json", "--all-profiles", env={})
    assert json.loads(out)["signed_by"] == "mine"
    claims = craft.project_claims(int(time.time()))
    foreign = craft.hs256(claims, secret="a-third-secret-nobody-saved-0123")
    rc, out, _ = run("decode", foreign, "--json", "--all-profiles", env={})
    body = json.loads(out)
    assert body["signed_by"] is None
    assert any("none of the 2 saved profiles" in n for n in body["notes"])


def test_data_template_and_jsonl() -> None:
    import jwt

    rc, out, err = run("token", "--session-id", vectors.SID, "--count", "3",
                       "--data-template", "user-{n}", "--output-format", "jsonl")  # fmt: skip
    assert rc == 0, err
    rows = [json.loads(x) for x in out.splitlines()]
    assert [r["data"] for r in rows] == ["user-1", "user-2", "user-3"]
    for r in rows:
        claims = jwt.decode(r["token"], vectors.API_SECRET, algorithms=["HS256"],
                            options={"verify_exp": False, "verify_iat": False})  # fmt: skip
        assert claims["connection_data"] == r["data"]


def test_csv_input_and_csv_output(tmp_path) -> None:
    import csv as csvmod

    source = tmp_path / "in.csv"
    source.write_text("role,data\nsubscriber,a\nmoderator,b\n", encoding="utf-8")
    rc, out, err = run("token", "--session-id", vectors.SID, "--csv", str(source),
                       "--output-format", "csv")  # fmt: skip
    assert rc == 0, err
    rows = list(csvmod.DictReader(io.StringIO(out)))
    assert [(r["role"], r["data"]) for r in rows] == [
        ("subscriber", "a"),
        ("moderator", "b"),
    ]


def test_bad_csv_row_writes_nothing(tmp_path) -> None:
    source = tmp_path / "in.csv"
    source.write_text("role\npublisher\nowner\n", encoding="utf-8")
    target = tmp_path / "out.txt"
    rc, out, err = run("token", "--session-id", vectors.SID, "--csv", str(source),
                       "--output", str(target))  # fmt: skip
    assert rc == 2 and out == "" and "row 3" in err
    assert list(tmp_path.iterdir()) == [source]
