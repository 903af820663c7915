"""`opentok-studio profile ...` and `--profile`, over an in-memory keyring."""

from __future__ import annotations

import io
import json

import keyring
import pytest
from keyring.backends import fail

from opentok_studio.cli import main
from tests.helpers import vectors
from tests.helpers.cli import run
from tests.helpers.keyrings import LockedKeyring


def add_project(name: str = "staging", *extra: str) -> None:
    rc, _, err = run("profile", "add", name, "--api-key", vectors.API_KEY,
                     "--secret-stdin", *extra, stdin=vectors.API_SECRET + "\n")  # fmt: skip
    assert rc == 0, err


def test_add_then_token_and_decode_with_profile() -> None:
    add_project()
    rc, token, _ = run("token", "--profile", "staging", "--session-id", vectors.SID)
    assert rc == 0
    rc, out, _ = run("decode", token.strip(), "--profile", "staging", "--json")
    assert json.loads(out)["signature"] == "valid"


def test_secret_only_in_keyring_never_printed() -> None:
    add_project("prod", "--color", "red", "--label", "live customers")
    backend = keyring.get_keyring()
    assert backend.store[("opentok-studio", "profile:prod")] == vectors.API_SECRET
    for argv in (("profile", "list"), ("profile", "list", "--json"),
                 ("profile", "show", "prod"), ("profile", "show", "prod", "--json")):  # fmt: skip
        rc, out, err = run(*argv)
        assert rc == 0
        assert vectors.API_SECRET not in out + err
    rc, out, _ = run("profile", "list")
    assert "[PRODUCTION]" in out and "live customers" in out
    shown = json.loads(run("profile", "show", "prod", "--json")[1])
    assert shown["production"] is True and shown["api_key"] == vectors.API_KEY


def test_application_profile_with_path_and_with_stored_key() -> None:
    rc, _, err = run("profile", "add", "app", "--application-id", vectors.APP_ID,
                     "--private-key", str(vectors.PEM_PATH))  # fmt: skip
    assert rc == 0, err
    rc, _, err = run("profile", "add", "app2", "--application-id", vectors.APP_ID,
                     "--private-key", str(vectors.PEM_PATH), "--store-key")  # fmt: skip
    assert rc == 0, err
    assert (
        "PRIVATE KEY" in keyring.get_keyring().store[("opentok-studio", "profile:app2")]
    )
    for name in ("app", "app2"):
        rc, token, err = run(
            "token", "--profile", name, "--session-id", vectors.APP_SID
        )
        assert rc == 0, err
        assert token.startswith("eyJhbGciOiJSUzI1NiI")


def test_remove_deletes_the_secret() -> None:
    add_project()
    rc, _, _ = run("profile", "remove", "staging")
    assert rc == 0
    assert keyring.get_keyring().store == {}
    rc, out, err = run("token", "--profile", "staging", "--session-id", vectors.SID)
    assert rc == 3 and out == "" and "no profile named 'staging'" in err


@pytest.mark.parametrize(
    "argv, stdin, code, message",
    [
        (("profile", "add", "x", "--api-key", "1", "--secret-stdin"), "\n", 3, "empty"),
        (("profile", "add", "x", "--api-key", "1"), "", 3, "--secret-stdin"),
        (("profile", "add", "bad/name", "--api-key", "1", "--secret-stdin"), "s\n", 3,
         "not allowed"),
        (("profile", "add", "x", "--application-id", "a"), "", 3, "--private-key"),
        (("profile", "add", "x"), "", 3, "give --api-key"),
        (("profile", "show", "nope"), "", 3, "no profile named"),
        (("profile",), "", 2, "required"),
    ],
)  # fmt: skip
def test_add_errors(argv, stdin, code, message) -> None:
    rc, out, err = run(*argv, stdin=stdin)
    assert rc == code
    assert out == ""
    assert err.startswith("error: ") and message in err


def test_no_keyring_exit_3_and_nothing_saved() -> None:
    keyring.set_keyring(fail.Keyring())
    rc, _, err = run("profile", "add", "p", "--api-key", "1", "--secret-stdin",
                     stdin="s3cret-profile-value-7731\n")  # fmt: skip
    assert rc == 3 and "no OS keyring" in err
    assert run("profile", "list", "--json")[1].strip() == "[]"


def test_locked_keyring_when_using_a_profile() -> None:
    add_project()
    keyring.set_keyring(LockedKeyring())
    rc, out, err = run("token", "--profile", "staging", "--session-id", vectors.SID)
    assert rc == 3 and out == "" and "locked" in err
    # session-only credentials still work
    env = {"OPENTOK_API_KEY": vectors.API_KEY, "OPENTOK_API_SECRET": vectors.API_SECRET}
    out_io, err_io = io.StringIO(), io.StringIO()
    assert main(["token", "--session-id", vectors.SID], out_io, err_io, env=env) == 0


def test_flags_win_over_a_profile() -> None:
    add_project()
    rc, token, _ = run("token", "--profile", "staging", "--session-id", vectors.OTHER_SID,
                       "--api-key", vectors.OTHER_KEY, "--api-secret", vectors.OTHER_SECRET)  # fmt: skip
    assert rc == 0 and token


def test_profile_defaults_apply_unless_a_flag_says_otherwise() -> None:
    import base64

    add_project("qa", "--default-role", "subscriber", "--default-format", "t1",
                "--default-expire-in", "15m")  # fmt: skip
    shown = json.loads(run("profile", "show", "qa", "--json")[1])
    assert shown["defaults"] == {"role": "subscriber", "format": "t1", "expire_in": 900}
    rc, token, _ = run("token", "--profile", "qa", "--session-id", vectors.SID)
    assert rc == 0 and token.startswith("T1==")
    text = base64.b64decode(token.strip()[4:]).decode()
    fields = dict(kv.split("=", 1) for kv in text.split(":", 1)[1].split("&"))
    assert fields["role"] == "subscriber"
    assert int(fields["expire_time"]) - int(fields["create_time"]) == 900
    rc, token, _ = run("token", "--profile", "qa", "--session-id", vectors.SID,
                       "--format", "jwt", "--role", "moderator", "--expire-in", "2h")  # fmt: skip
    claims = json.loads(base64.urlsafe_b64decode(token.split(".")[1] + "=="))
    assert claims["role"] == "moderator" and claims["exp"] - claims["iat"] == 7200


def test_bad_profile_defaults_are_refused() -> None:
    rc, _, err = run("profile", "add", "x", "--api-key", "1", "--secret-stdin",
                     "--default-role", "owner", stdin="s\n")  # fmt: skip
    assert rc == 3 and "owner" in err


def test_pem_is_never_an_api_secret() -> None:
    pem = vectors.pem().decode()
    rc, out, err = run("profile", "add", "x", "--api-key", "1", "--secret-stdin",
                       stdin=pem.splitlines()[1] + "\n")  # fmt: skip
    assert rc == 3 and "looks like a PEM key" in err
    env = {"OPENTOK_API_KEY": "1", "OPENTOK_API_SECRET": pem}
    out_io, err_io = io.StringIO(), io.StringIO()
    rc = main(["token", "--session-id", "1_MX4xfn4"], out_io, err_io, env=env)
    assert rc == 3 and out_io.getvalue() == ""
    assert "MII" not in err_io.getvalue()


def test_undecodable_secret_is_refused_without_echo() -> None:
    env = {"OPENTOK_API_KEY": "1", "OPENTOK_API_SECRET": "ab\udcffcd"}
    out_io, err_io = io.StringIO(), io.StringIO()
    rc = main(["token", "--session-id", "1_MX4xfn4"], out_io, err_io, env=env)
    assert rc == 3 and "not UTF-8" in err_io.getvalue()
    assert "ab" not in err_io.getvalue().replace("about", "")


def test_unrecognized_arguments_are_not_echoed() -> None:
    rc, out, err = run(
        "profile", "add", "p", "--api-key", "1", "--api-secret", "s3cr3t"
    )
    assert rc == 2 and "s3cr3t" not in err


def test_store_key_keeps_canonical_pem(tmp_path) -> None:
    odd = tmp_path / "k.pem"
    odd.write_bytes("Clé de test\n".encode("latin-1") + vectors.pem())
    rc, _, err = run("profile", "add", "a", "--application-id", vectors.APP_ID,
                     "--private-key", str(odd), "--store-key")  # fmt: skip
    assert rc == 0, err
    stored = keyring.get_keyring().store[("opentok-studio", "profile:a")]
    assert stored.startswith("-----BEGIN PRIVATE KEY-----")


def test_a_secret_missing_from_the_keyring_gives_advice_that_works() -> None:
    # Walk-through: "add it again: opentok-studio profile add prod-team" was
    # refused with "a profile named 'prod-team' exists already".
    add_project("prod-team")
    keyring.get_keyring().store.clear()  # deleted outside OpenTok Studio
    rc, _, err = run("token", "--profile", "prod-team", "--session-id", vectors.SID)
    assert rc == 3 and "missing from the keyring" in err
    assert "opentok-studio profile remove prod-team, then" in err
    rc, _, err = run("profile", "remove", "prod-team")
    assert rc == 0, err
    add_project("prod-team")  # as advised: it works now
    rc, _, err = run("token", "--profile", "prod-team", "--session-id", vectors.SID)
    assert rc == 0, err


def test_import_refuses_an_entry_still_to_fill_in(tmp_path) -> None:  # type: ignore[no-untyped-def]
    # Walk-through: imported unedited, it claimed "secret: in the OS keyring".
    add_project("prod-team")
    rc, _, err = run("profile", "add", "ci", "--api-key", vectors.API_KEY,
                     "--secret-ref", "env:OT_CI")  # fmt: skip
    assert rc == 0, err
    shared = tmp_path / "team.json"
    rc, _, err = run("profile", "export", "--output", str(shared))
    assert rc == 0, err
    run("profile", "remove", "prod-team")
    run("profile", "remove", "ci")
    rc, out, err = run("profile", "import", str(shared))
    assert (rc, out) == (3, "")
    assert err.count("\n") == 1
    assert "profile 'prod-team' still has secret_ref \"keyring\"" in err
    assert "edit its secret_ref to env:NAME or vault:MOUNT/PATH#FIELD" in err
    assert "nothing was imported" in err
    assert run("profile", "list", "--json")[1].strip() == "[]"  # not even 'ci'
    body = json.loads(shared.read_text())
    (prod,) = [e for e in body["profiles"] if e["name"] == "prod-team"]
    prod["secret_ref"] = "env:OT_PROD"  # as the message says
    shared.write_text(json.dumps(body))
    rc, out, err = run("profile", "import", str(shared))
    assert rc == 0, err
    assert "imported 2 profile(s)" in out


def test_application_texts_name_the_private_key_where_it_is(tmp_path) -> None:  # type: ignore[no-untyped-def]
    pem = str(vectors.PEM_PATH)
    rc, _, err = run("profile", "add", "kf", "--application-id", vectors.APP_ID,
                     "--private-key", pem)  # fmt: skip
    assert rc == 0 and "the private key is read from the key file " in err, err
    assert "no secret stored" not in err
    rc, _, err = run("profile", "add", "kr", "--application-id", vectors.APP_ID,
                     "--private-key", pem, "--store-key")  # fmt: skip
    assert rc == 0 and "the private key (PEM) is in the OS keyring" in err, err
    rc, _, err = run("profile", "add", "vt", "--application-id", vectors.APP_ID,
                     "--private-key-ref", "vault:secret/app#pem")  # fmt: skip
    assert rc == 0, err
    assert "its private key (PEM) is read from vault:secret/app#pem" in err
    rc, _, err = run("profile", "export", "kf", "kr", "--output",
                     str(tmp_path / "x.json"))  # fmt: skip
    assert rc == 0, err
    assert "kf: the private key is a key file on your disk and was not" in err
    assert "kr: the secret is in your keyring and was not exported" in err


def test_remove_with_a_locked_keyring_refuses_unless_the_secret_may_stay() -> None:
    # Walk-through: exit 0 "profile removed, but its keyring secret was not
    # removed", and the secret was orphaned for good.
    add_project()
    memory = keyring.get_keyring()
    keyring.set_keyring(LockedKeyring())
    rc, out, err = run("profile", "remove", "staging")
    assert (rc, out) == (3, "") and err.count("\n") == 1
    assert "unlock the keyring and try again" in err
    assert "opentok-studio profile remove staging --keep-secret" in err
    assert "staging" in run("profile", "list")[1]  # nothing removed
    rc, _, err = run("profile", "remove", "staging", "--keep-secret")
    assert rc == 0, err
    assert "its secret was left in the OS keyring" in err
    assert run("profile", "list", "--json")[1].strip() == "[]"
    assert list(memory.store.values()) == [vectors.API_SECRET]  # left, as asked
