"""`profile add --secret-ref/--private-key-ref`, `profile export|import`: the
command-line side, without a vault server (see test_profile_vault.py)."""

from __future__ import annotations

import io
import json
from pathlib import Path

import keyring
import pytest

from opentok_studio.cli import main
from opentok_studio.store.exchange import FORMAT
from tests.conftest import ENV_SECRET
from tests.helpers import vectors


def run(
    *argv: str, stdin: str = "", env: dict[str, str] | None = None
) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    rc = main(list(argv), out, err, stdin=io.StringIO(stdin), env=env or {})
    return rc, out.getvalue(), err.getvalue()


@pytest.mark.parametrize(
    "argv, words",
    [
        (["--api-key", "1", "--secret-ref", "env:A", "--secret-stdin"],
         "--secret-stdin and --secret-ref env:A exclude each other"),
        (["--api-key", "1", "--private-key-ref", "env:A"], "takes --secret-ref"),
        (["--application-id", "a", "--secret-ref", "env:A"],
         "takes --private-key PATH or --private-key-ref"),
        (["--application-id", "a", "--private-key-ref", "env:A",
          "--private-key", str(vectors.PEM_PATH)], "drop --private-key"),
        (["--application-id", "a", "--private-key-ref", "keyring"],
         "needs --private-key PATH"),
    ],
)  # fmt: skip
def test_add_refuses_mixed_flags(argv: list[str], words: str) -> None:
    rc, out, err = run("profile", "add", "p", *argv)
    assert (rc, out) == (3, "") and words in err
    assert run("profile", "list", "--json")[1] == "[]\n"


def test_bad_reference_is_bad_input() -> None:
    rc, _, err = run("profile", "add", "p", "--api-key", "1", "--secret-ref", "s3cr3t")
    assert rc == 2 and "secret reference" in err and "s3cr3t" not in err


def test_keyring_references_behave_as_before() -> None:
    rc, _, err = run("profile", "add", "p", "--api-key", vectors.API_KEY,
                     "--secret-ref", "keyring", "--secret-stdin",
                     stdin=vectors.API_SECRET + "\n")  # fmt: skip
    assert rc == 0, err
    rc, _, err = run("profile", "add", "a", "--application-id", vectors.APP_ID,
                     "--private-key-ref", "keyring", "--private-key",
                     str(vectors.PEM_PATH))  # fmt: skip
    assert rc == 0, err
    store = keyring.get_keyring().store  # type: ignore[attr-defined]
    assert store[("opentok-studio", "profile:p")] == vectors.API_SECRET
    assert "PRIVATE KEY" in store[("opentok-studio", "profile:a")]
    shown = json.loads(run("profile", "show", "a", "--json")[1])
    assert shown["secret_ref"] == "keyring" and shown["private_key_path"] is None
    rc, token, err = run("token", "--profile", "a", "--session-id", vectors.APP_SID)
    assert rc == 0, err


def test_env_profile_needs_no_keyring(monkeypatch: pytest.MonkeyPatch) -> None:
    from keyring.backends import fail

    keyring.set_keyring(fail.Keyring())
    rc, _, err = run("profile", "add", "ci", "--api-key", vectors.API_KEY,
                     "--secret-ref", "env:OT")  # fmt: skip
    assert rc == 0 and "read from env:OT when needed" in err
    rc, token, err = run("token", "--profile", "ci", "--session-id", vectors.SID,
                         env={"OT": ENV_SECRET})  # fmt: skip
    assert rc == 0, err
    rc, _, err = run("profile", "remove", "ci")  # no keyring secret to delete
    assert rc == 0 and "warning" not in err


def test_export_names_and_errors(tmp_path: Path) -> None:
    for name in ("a", "b"):
        run(
            "profile",
            "add",
            name,
            "--api-key",
            "1",
            "--secret-ref",
            f"env:{name.upper()}",
        )
    out_file = tmp_path / "one.json"
    rc, out, err = run("profile", "export", "b", "--output", str(out_file))
    assert rc == 0 and out == "" and "exported 1 profile(s)" in err
    assert [p["name"] for p in json.loads(out_file.read_text())["profiles"]] == ["b"]
    rc, _, err = run("profile", "export", "zz", "--output", str(tmp_path / "z.json"))
    assert rc == 3 and "no profile named 'zz'" in err
    assert not (tmp_path / "z.json").exists()
    rc, _, err = run("profile", "export")
    assert rc == 2 and "--output" in err
    rc, _, err = run("profile", "export", "--output", str(tmp_path / "no" / "x.json"))
    assert rc == 3 and "cannot be written" in err


def test_import_output_is_terminal_safe_and_notes_api_url(tmp_path: Path) -> None:
    path = tmp_path / "in.json"
    path.write_text(json.dumps({"format": FORMAT, "version": 1, "profiles": [
        {"name": "x", "kind": "project", "key_id": "1\x1b]52;c;aGk=\x07",
         "secret_ref": "env:X",
         "defaults": {"api_url": "https://video.example.com"}},
    ]}))  # fmt: skip
    rc, out, err = run("profile", "import", str(path))
    assert rc == 0, err
    assert "\x1b" not in out and "\x07" not in out
    assert "session create sends signed requests to https://video.example.com" in out
    assert "environment variable X" in out


@pytest.mark.parametrize("pair", ["a", "=b", "a=", "a=b=c"])
def test_import_rename_syntax(tmp_path: Path, pair: str) -> None:
    path = tmp_path / "in.json"
    path.write_text(json.dumps({"format": FORMAT, "version": 1, "profiles": [
        {"name": "a", "kind": "project", "key_id": "1", "secret_ref": "env:X"}]}))  # fmt: skip
    rc, _, err = run("profile", "import", str(path), "--rename", pair)
    assert rc == 3, err
    assert run("profile", "list", "--json")[1] == "[]\n"
