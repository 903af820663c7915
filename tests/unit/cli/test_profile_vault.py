"""vault: and env: profiles end to end, against a real OpenBao dev server (#17).

Secrets are written with hvac, tokens are made through the CLI, and every
token is checked without OpenTok Studio's own code: pyjwt for the JWTs, HMAC
by hand for T1.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import io
import json
import os
import subprocess
import sys
from pathlib import Path
from urllib.parse import parse_qs

import jwt
import pytest

from opentok_studio.cli import main
from tests.conftest import ENV_SECRET, ROTATED_SECRET, SECRETS, VAULT_SECRET
from tests.helpers import vectors
from tests.helpers.openbao import Bao

pytestmark = pytest.mark.vault

REF = "vault:secret/team/dev#api_secret"


def run(*argv: str, env: dict[str, str], stdin: str = "") -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    rc = main(list(argv), out, err, stdin=io.StringIO(stdin), env=env)
    return rc, out.getvalue(), err.getvalue()


def put(server: Bao, path: str, mount: str = "secret", **fields: str) -> None:
    server.client().secrets.kv.v2.create_or_update_secret(
        path=path, secret=fields, mount_point=mount
    )


def add_vault_profile(name: str = "dev", ref: str = REF, *extra: str) -> None:
    rc, _, err = run("profile", "add", name, "--api-key", vectors.API_KEY,
                     "--secret-ref", ref, *extra, env={})  # fmt: skip
    assert rc == 0, err


def jwt_secret_ok(token: str, secret: str) -> bool:
    try:
        jwt.decode(token, secret, algorithms=["HS256"], options={"verify_aud": False})
    except jwt.InvalidSignatureError:
        return False
    return True


def t1_secret_ok(token: str, secret: str) -> bool:
    """T1 = "T1==" + base64("partner_id=K&sig=HEX:" + DATA), HEX = HMAC-SHA1(DATA)."""
    assert token.startswith("T1==")
    body = base64.b64decode(token[4:])
    header, _, data = body.partition(b":")
    sig = parse_qs(header.decode())["sig"][0]
    mac = hmac.new(secret.encode(), data, hashlib.sha1).hexdigest()
    return hmac.compare_digest(sig, mac)


def token(name: str, env: dict[str, str], *extra: str) -> str:
    rc, out, err = run("token", "--profile", name, "--session-id", vectors.SID,
                       *extra, env=env)  # fmt: skip
    assert rc == 0, err
    assert not any(s in out + err for s in SECRETS)
    return out.strip()


def test_jwt_and_t1_from_a_vault_profile(openbao: Bao) -> None:
    put(openbao, "team/dev", api_secret=VAULT_SECRET, note="not this one")
    add_vault_profile()
    made = token("dev", openbao.env())
    assert jwt_secret_ok(made, VAULT_SECRET)
    assert (
        jwt.decode(made, VAULT_SECRET, algorithms=["HS256"])["iss"] == vectors.API_KEY
    )
    assert t1_secret_ok(token("dev", openbao.env(), "--format", "t1"), VAULT_SECRET)


def test_rotation_in_the_vault_is_used_by_the_next_token(openbao: Bao) -> None:
    put(openbao, "team/rotating", api_secret=VAULT_SECRET)
    add_vault_profile("rot", "vault:secret/team/rotating#api_secret")
    before = token("rot", openbao.env())
    put(openbao, "team/rotating", api_secret=ROTATED_SECRET)  # version 2
    after = token("rot", openbao.env())
    assert jwt_secret_ok(before, VAULT_SECRET)
    assert jwt_secret_ok(after, ROTATED_SECRET)
    assert not jwt_secret_ok(after, VAULT_SECRET)


def test_application_key_from_the_vault(openbao: Bao) -> None:
    put(openbao, "team/app", private_key=vectors.pem().decode())
    rc, _, err = run("profile", "add", "app", "--application-id", vectors.APP_ID,
                     "--private-key-ref", "vault:secret/team/app#private_key",
                     env={})  # fmt: skip
    assert rc == 0, err
    rc, out, err = run("token", "--profile", "app", "--session-id", vectors.APP_SID,
                       env=openbao.env())  # fmt: skip
    assert rc == 0, err
    public = vectors.private_key().public_key()
    claims = jwt.decode(out.strip(), public, algorithms=["RS256"])
    assert claims["application_id"] == vectors.APP_ID


def test_token_from_the_vault_token_file(openbao: Bao, tmp_path: Path) -> None:
    """No VAULT_TOKEN: ~/.vault-token, as `bao login` leaves it."""
    put(openbao, "team/dev", api_secret=VAULT_SECRET)
    add_vault_profile()
    (tmp_path / ".vault-token").write_text(openbao.token + "\n")
    env = {"VAULT_ADDR": openbao.address, "HOME": str(tmp_path)}
    assert jwt_secret_ok(token("dev", env), VAULT_SECRET)


def test_namespace(openbao: Bao) -> None:
    openbao.bao("namespace", "create", "qa")
    client = openbao.client()
    client.adapter.namespace = "qa"
    client.sys.enable_secrets_engine("kv", path="kv", options={"version": "2"})
    client.secrets.kv.v2.create_or_update_secret(
        path="ot", secret={"s": ROTATED_SECRET}, mount_point="kv"
    )
    add_vault_profile("ns", "vault:kv/ot#s")
    assert jwt_secret_ok(token("ns", openbao.env(VAULT_NAMESPACE="qa")), ROTATED_SECRET)
    rc, _, err = run("token", "--profile", "ns", "--session-id", vectors.SID,
                     env=openbao.env())  # fmt: skip
    assert rc == 3 and "vault:kv/ot#s" in err  # the root namespace has no kv/


def failure(name: str, env: dict[str, str]) -> str:
    rc, out, err = run("token", "--profile", name, "--session-id", vectors.SID,
                       env=env)  # fmt: skip
    assert (rc, out) == (3, ""), err
    assert err.startswith("error: secret reference ") and err.count("\n") == 1
    assert not any(s in err for s in SECRETS)
    return err


def test_policy_that_denies_the_path(openbao: Bao) -> None:
    put(openbao, "team/dev", api_secret=VAULT_SECRET)
    put(openbao, "other/thing", api_secret=VAULT_SECRET)
    openbao.client().sys.create_or_update_policy(
        "other-only", 'path "secret/data/other/*" { capabilities = ["read"] }'
    )
    limited = openbao.client().auth.token.create(policies=["other-only"])
    add_vault_profile()
    err = failure("dev", openbao.env(token=limited["auth"]["client_token"]))
    assert REF in err and "permission denied" in err
    assert "do not allow reading secret/team/dev" in err


def test_invalid_and_expired_tokens(openbao: Bao) -> None:
    put(openbao, "team/dev", api_secret=VAULT_SECRET)
    add_vault_profile()
    err = failure("dev", openbao.env(token="not-a-token"))
    assert "refused the token (invalid, revoked or expired)" in err
    short = openbao.client().auth.token.create(ttl="1s", policies=["default"])
    revoked = short["auth"]["client_token"]
    openbao.client().auth.token.revoke(revoked)  # as good as expired, and no wait
    assert "refused the token" in failure("dev", openbao.env(token=revoked))


def test_no_token_at_all(openbao: Bao, tmp_path: Path) -> None:
    add_vault_profile()
    err = failure("dev", {"VAULT_ADDR": openbao.address, "HOME": str(tmp_path)})
    assert "no vault token" in err and REF in err
    err = failure("dev", {"HOME": str(tmp_path)})
    assert "VAULT_ADDR is not set" in err


@pytest.mark.parametrize(
    "ref, words",
    [
        ("vault:secret/team/absent#api_secret", "no entry at secret/team/absent"),
        (
            "vault:secret/team/dev#absent",
            "has no field 'absent' (its fields: api_secret",
        ),
        ("vault:nomount/team/dev#api_secret", "no KV v2 secrets engine is mounted"),
    ],
)
def test_missing_path_field_or_mount(openbao: Bao, ref: str, words: str) -> None:
    put(openbao, "team/dev", api_secret=VAULT_SECRET)
    add_vault_profile("gap", ref)
    err = failure("gap", openbao.env())
    assert ref in err and words in err


def test_deleted_entry(openbao: Bao) -> None:
    put(openbao, "team/gone", api_secret=VAULT_SECRET)
    openbao.client().secrets.kv.v2.delete_latest_version_of_secret(
        path="team/gone", mount_point="secret"
    )
    add_vault_profile("gone", "vault:secret/team/gone#api_secret")
    assert "missing or deleted" in failure("gone", openbao.env())


def test_kv_version_1_mount(openbao: Bao) -> None:
    client = openbao.client()
    client.sys.enable_secrets_engine("kv", path="kv1", options={"version": "1"})
    client.secrets.kv.v1.create_or_update_secret(
        path="team/dev", secret={"api_secret": VAULT_SECRET}, mount_point="kv1"
    )
    # Also an entry the KV v2 API path would hit on a v1 mount (kv1/data/...).
    client.secrets.kv.v1.create_or_update_secret(
        path="data/team/dev", secret={"api_secret": VAULT_SECRET}, mount_point="kv1"
    )
    for name, ref in (("v1", "vault:kv1/team/dev#api_secret"),
                      ("v1b", "vault:kv1/team/other#api_secret")):  # fmt: skip
        add_vault_profile(name, ref)
        err = failure(name, openbao.env())
        assert ref in err and "KV version 1 engine" in err


def test_a_value_that_is_no_api_secret(openbao: Bao) -> None:
    put(openbao, "team/pem", api_secret=vectors.pem().decode())
    add_vault_profile("pem", "vault:secret/team/pem#api_secret")
    err = failure("pem", openbao.env())
    assert "unusable" in err and "PRIVATE KEY" not in err


def test_sealed_server(throwaway_bao: Bao) -> None:
    put(throwaway_bao, "team/dev", api_secret=VAULT_SECRET)
    add_vault_profile()
    assert jwt_secret_ok(token("dev", throwaway_bao.env()), VAULT_SECRET)
    throwaway_bao.bao("operator", "seal")
    err = failure("dev", throwaway_bao.env())
    assert REF in err and "is sealed" in err


def test_server_gone(throwaway_bao: Bao) -> None:
    put(throwaway_bao, "team/dev", api_secret=VAULT_SECRET)
    add_vault_profile()
    env = throwaway_bao.env()
    throwaway_bao.stop()
    err = failure("dev", env)
    assert f"cannot reach the vault at {throwaway_bao.address}" in err


def test_server_that_never_answers(monkeypatch: pytest.MonkeyPatch) -> None:
    """Accepts the connection, then says nothing: cut off by the read timeout."""
    import socket

    from opentok_studio.store import vault

    monkeypatch.setattr(vault, "READ_TIMEOUT", 0.5)
    with socket.socket() as silent:
        silent.bind(("127.0.0.1", 0))
        silent.listen(1)
        port = silent.getsockname()[1]
        add_vault_profile()
        env = {"VAULT_ADDR": f"http://127.0.0.1:{port}", "VAULT_TOKEN": "t"}
        assert "did not answer in time" in failure("dev", env)


def test_env_references() -> None:
    rc, _, err = run("profile", "add", "ci", "--api-key", vectors.API_KEY,
                     "--secret-ref", "env:OT_CI_SECRET", env={})  # fmt: skip
    assert rc == 0, err
    made = token("ci", {"OT_CI_SECRET": ENV_SECRET})
    assert jwt_secret_ok(made, ENV_SECRET)
    assert t1_secret_ok(
        token("ci", {"OT_CI_SECRET": ENV_SECRET}, "--format", "t1"), ENV_SECRET
    )
    assert "OT_CI_SECRET is not set" in failure("ci", {})
    assert "OT_CI_SECRET is empty" in failure("ci", {"OT_CI_SECRET": " "})
    rc, _, err = run("profile", "add", "app", "--application-id", vectors.APP_ID,
                     "--private-key-ref", "env:OT_KEY", env={})  # fmt: skip
    assert rc == 0, err
    rc, out, err = run("token", "--profile", "app", "--session-id", vectors.APP_SID,
                       env={"OT_KEY": vectors.pem().decode()})  # fmt: skip
    assert rc == 0, err
    jwt.decode(out.strip(), vectors.private_key().public_key(), algorithms=["RS256"])


def test_show_prints_the_reference_never_the_value(openbao: Bao) -> None:
    put(openbao, "team/dev", api_secret=VAULT_SECRET)
    add_vault_profile()
    rc, out, err = run("profile", "show", "dev", "--json", env=openbao.env())
    assert rc == 0, err
    shown = json.loads(out)
    assert shown["secret_ref"] == REF
    assert (
        shown["secret"]
        == "read from the vault: entry secret/team/dev, field api_secret"
    )
    for argv in (("profile", "show", "dev"), ("profile", "list", "--json")):
        rc, out, err = run(*argv, env=openbao.env())
        assert rc == 0 and VAULT_SECRET not in out + err


def test_export_import_round_trip(
    openbao: Bao, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The lead exports; a tester imports into their own config and makes tokens."""
    put(openbao, "team/dev", api_secret=VAULT_SECRET)
    lead, tester = tmp_path / "lead", tmp_path / "tester"
    monkeypatch.setenv("XDG_CONFIG_HOME", str(lead))
    add_vault_profile("dev", REF, "--label", "team dev", "--default-role", "moderator")
    add_vault_profile("live", REF, "--color", "red")
    rc, _, err = run("profile", "add", "mine", "--api-key", vectors.API_KEY,
                     "--secret-stdin", env={}, stdin=ENV_SECRET + "\n")  # fmt: skip
    assert rc == 0, err
    shared = tmp_path / "team-profiles.json"
    rc, out, err = run("profile", "export", "--output", str(shared), env={})
    assert rc == 0 and out == "", err
    assert "mine: the secret is in your keyring and was not exported" in err
    text = shared.read_text()
    assert not any(s in text for s in SECRETS)  # no secret, not even the keyring's
    entries = {e["name"]: e for e in json.loads(text)["profiles"]}
    assert entries["dev"]["secret_ref"] == REF
    assert entries["mine"]["secret_ref"] == "keyring" and entries["mine"]["fill_in"]

    monkeypatch.setenv("XDG_CONFIG_HOME", str(tester))
    rc, out, err = run("profile", "import", str(shared), env={})
    assert (rc, out) == (3, "")  # 'mine' still to fill in: nothing imported
    assert "profile 'mine' still has secret_ref" in err
    assert not (tester / "opentok-studio" / "profiles.json").exists()
    shared.write_text(text.replace('"keyring"', '"env:OT_MINE"'))
    rc, out, err = run("profile", "import", str(shared), env={})
    assert rc == 0, err
    assert "imported 3 profile(s)" in out
    assert "live  project  46123457  [PRODUCTION]" in out
    assert "marked PRODUCTION" in out
    assert "read access to secret/team/dev (field api_secret" in out
    assert "the environment variable OT_MINE holding the API secret" in out
    made = token("dev", openbao.env())
    assert jwt_secret_ok(made, VAULT_SECRET)
    assert jwt.decode(made, VAULT_SECRET, algorithms=["HS256"])["role"] == "moderator"
    shown = json.loads(run("profile", "show", "dev", "--json", env={})[1])
    assert shown["label"] == "team dev"

    # Again: every name is taken; nothing is overwritten, nothing added.
    before = (tester / "opentok-studio" / "profiles.json").read_text()
    rc, out, err = run("profile", "import", str(shared), env={})
    assert (rc, out) == (3, "")
    assert "never overwritten" in err and "--rename dev=dev-2" in err
    assert (tester / "opentok-studio" / "profiles.json").read_text() == before
    rc, out, err = run("profile", "import", str(shared), "--rename", "dev=dev-b",
                       "--rename", "live=live-b", "--rename", "mine=mine-b",
                       env={})  # fmt: skip
    assert rc == 0, err
    assert jwt_secret_ok(token("dev-b", openbao.env()), VAULT_SECRET)


def test_real_process(openbao: Bao, isolated: Path) -> None:
    """`python -m opentok_studio` in its own process: the environment is read
    from os.environ there, and nothing but the token reaches stdout."""
    put(openbao, "team/dev", api_secret=VAULT_SECRET)
    add_vault_profile()
    env = {
        **{k: v for k, v in os.environ.items() if not k.startswith(("VAULT_", "BAO_"))},
        **openbao.env(),
        "XDG_CONFIG_HOME": str(isolated / "config"),
    }
    done = subprocess.run(
        [sys.executable, "-m", "opentok_studio", "token", "--profile", "dev",
         "--session-id", vectors.SID],
        capture_output=True, text=True, env=env, timeout=60, check=False,
        cwd=vectors.ROOT,
    )  # fmt: skip
    assert done.returncode == 0, done.stderr
    assert jwt_secret_ok(done.stdout.strip(), VAULT_SECRET)
    assert VAULT_SECRET not in done.stderr


def test_an_answer_too_large_is_cut_off() -> None:
    """A server that sends more than MAX_ANSWER_BYTES is refused, not read."""
    import threading
    from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

    from opentok_studio.store.vault import MAX_ANSWER_BYTES

    class Flood(BaseHTTPRequestHandler):
        def do_GET(self) -> None:  # noqa: N802 - http.server's name
            self.send_response(200)
            self.send_header("Content-Type", "application/json")
            self.end_headers()
            chunk = b" " * 65536
            try:
                for _ in range(MAX_ANSWER_BYTES // len(chunk) + 4):
                    self.wfile.write(chunk)
            except OSError:
                pass  # the client hung up: what we want

        def log_message(self, *args: object) -> None:
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Flood)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        add_vault_profile()
        env = {
            "VAULT_ADDR": f"http://127.0.0.1:{server.server_port}",
            "VAULT_TOKEN": "t",
        }
        assert "answer is too large" in failure("dev", env)
    finally:
        server.shutdown()
        server.server_close()
