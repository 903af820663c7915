"""store/vault.py: one field of a KV v2 entry, read with hvac, every failure a
SecretRefError naming the reference and never the value (#17).

A real OpenBao dev server answers the tests marked ``vault``; states it cannot
be put in on demand (rate limits, a server error, an endpoint that is no
vault) come from a small local HTTP server. End to end through the CLI, with
sealed and stopped servers: tests/unit/cli/test_profile_vault.py.
"""

from __future__ import annotations

import json
import socket
from collections.abc import Iterator
from pathlib import Path

import pytest

from opentok_studio.core.errors import SecretRefError
from opentok_studio.core.secretref import SecretRef, parse_secret_ref
from opentok_studio.store import vault
from opentok_studio.store.resolver import resolve_secret
from opentok_studio.store.vault import read_field
from tests.conftest import ROTATED_SECRET, VAULT_SECRET
from tests.helpers.localserver import QuietHandler, serve_locally
from tests.helpers.openbao import Bao

#: A token the tests hand the vault; it must never appear in a message.
TOKEN = "hvs.never-shown-0123456789"


def ref(text: str = "vault:secret/unit/entry#api_secret") -> SecretRef:
    return parse_secret_ref(text)


def put(server: Bao, path: str, **fields: object) -> None:
    server.client().secrets.kv.v2.create_or_update_secret(
        path=path, secret=fields, mount_point="secret"
    )


def refused(reference: SecretRef, env: dict[str, str]) -> SecretRefError:
    """The error ``read_field`` raises, checked for what it must never say."""
    with pytest.raises(SecretRefError) as caught:
        read_field(reference, env)
    error = caught.value
    assert error.ref == str(reference)
    assert str(error) == f"secret reference {reference}: {error.reason}"
    assert "\n" not in str(error)
    assert not any(s in str(error) for s in (TOKEN, VAULT_SECRET, ROTATED_SECRET))
    return error


class _Answers(list[tuple[int, object]]):
    """(status, body) answers for the local server; ``address`` is its URL."""

    address = ""


@pytest.fixture(name="answers")
def _answers() -> Iterator[_Answers]:
    """A local HTTP server answering every GET with the last (status, body) the
    test appended: a dict is sent as JSON, a str as an HTML page."""
    answers = _Answers()

    class Handler(QuietHandler):
        def do_GET(self) -> None:  # noqa: N802 - http.server's name
            status, body = answers[-1]
            is_json = not isinstance(body, str)
            payload = (json.dumps(body) if is_json else str(body)).encode()
            self.send_response(status)
            self.send_header(
                "Content-Type", "application/json" if is_json else "text/html"
            )
            self.send_header("Content-Length", str(len(payload)))
            self.end_headers()
            self.wfile.write(payload)

    with serve_locally(Handler) as address:
        answers.address = address
        yield answers


def env_for(address: str) -> dict[str, str]:
    return {"VAULT_ADDR": address, "VAULT_TOKEN": TOKEN}


def entry(fields: object) -> dict[str, object]:
    """A KV v2 read answer holding ``fields``."""
    return {"data": {"data": fields, "metadata": {"version": 1}}}


# -- moved from test_resolver.py --------------------------------------------------


def test_vault_reference_needs_an_address_and_a_token(tmp_path) -> None:  # type: ignore[no-untyped-def]
    ref = parse_secret_ref("vault:secret/x#f")
    with pytest.raises(SecretRefError, match="VAULT_ADDR is not set"):
        resolve_secret(ref, "p", {"HOME": str(tmp_path)})
    for address in ("ftp://h", "http://", "http://u:p@h", "http://h/?q=1"):
        with pytest.raises(SecretRefError, match="VAULT_ADDR must be"):
            resolve_secret(ref, "p", {"VAULT_ADDR": address, "VAULT_TOKEN": "t"})
    env = {"VAULT_ADDR": "http://127.0.0.1:9", "HOME": str(tmp_path)}
    with pytest.raises(SecretRefError, match="no vault token"):
        resolve_secret(ref, "p", env)
    (tmp_path / ".vault-token").write_text("\n")
    with pytest.raises(SecretRefError, match="is empty"):
        resolve_secret(ref, "p", env)
    (tmp_path / ".vault-token").write_text("x" * 20000)
    with pytest.raises(SecretRefError, match="vault token file"):
        resolve_secret(ref, "p", env)


# -- against a real OpenBao dev server ---------------------------------------------


@pytest.mark.vault
def test_reads_the_field_of_the_latest_version(openbao: Bao) -> None:
    put(openbao, "unit/latest", api_secret=ROTATED_SECRET, note="old")
    put(openbao, "unit/latest", api_secret=VAULT_SECRET, note="new")  # version 2
    reference = ref("vault:secret/unit/latest#api_secret")
    assert read_field(reference, openbao.env()) == VAULT_SECRET
    assert read_field(ref("vault:secret/unit/latest#note"), openbao.env()) == "new"
    # VAULT_ADDR as people paste it, with a trailing slash
    env = openbao.env(VAULT_ADDR=openbao.address + "/")
    assert read_field(reference, env) == VAULT_SECRET


@pytest.mark.vault
def test_vault_token_comes_before_the_token_file(openbao: Bao, tmp_path: Path) -> None:
    put(openbao, "unit/token", api_secret=VAULT_SECRET)
    reference = ref("vault:secret/unit/token#api_secret")
    (tmp_path / ".vault-token").write_text(TOKEN + "\n")  # not a token it knows
    env = {"VAULT_ADDR": openbao.address, "HOME": str(tmp_path)}
    assert read_field(reference, {**env, "VAULT_TOKEN": openbao.token}) == VAULT_SECRET
    error = refused(reference, {**env, "VAULT_TOKEN": "  "})  # blank: the file
    assert "refused the token (invalid, revoked or expired)" in error.reason
    (tmp_path / ".vault-token").write_text(f"  {openbao.token}\n")
    assert read_field(reference, env) == VAULT_SECRET


@pytest.mark.vault
def test_a_missing_field_names_the_fields_never_their_values(openbao: Bao) -> None:
    put(openbao, "unit/fields", api_key="46123457", secret=VAULT_SECRET)
    error = refused(ref("vault:secret/unit/fields#api_secret"), openbao.env())
    assert error.reason == (
        "the entry secret/unit/fields has no field 'api_secret' "
        "(its fields: api_key, secret)"
    )


@pytest.mark.vault
@pytest.mark.parametrize("value", ["   ", 12345, ["a", "b"], {"x": "y"}])
def test_a_field_that_is_blank_or_not_text_is_refused(
    openbao: Bao, value: object
) -> None:
    put(openbao, "unit/odd", api_secret=value)
    error = refused(ref("vault:secret/unit/odd#api_secret"), openbao.env())
    assert (
        error.reason == "the field 'api_secret' of secret/unit/odd is empty or not text"
    )


# -- answers a dev server will not give on demand -----------------------------------


@pytest.mark.parametrize(
    ("status", "errors", "reason"),
    [
        (401, ["bad token"], "the vault refused the token (bad token)"),
        (429, ["slow down"], "the vault at {address} is rate-limiting; wait"),
        (501, [], "the vault at {address} is not initialised"),
        (
            503,
            ["Vault is sealed"],
            "the vault at {address} is sealed (or in standby); ask its operators "
            "to unseal it, then try again",
        ),
        (
            500,
            ["1 error occurred:\n\t* storage backend down\n\n"],
            "the vault at {address} answered: storage backend down",
        ),
        (418, [], "the vault at {address} answered: UnexpectedError"),
    ],
)
def test_each_vault_error_in_plain_words(
    answers: _Answers, status: int, errors: list[str], reason: str
) -> None:
    answers.append((status, {"errors": errors}))
    error = refused(ref(), env_for(answers.address))
    assert error.reason == reason.format(address=answers.address)


def test_long_vault_errors_are_cut_to_one_short_line(answers: _Answers) -> None:
    answers.append((500, {"errors": ["a" * 150, "b\n" * 150]}))
    words = refused(ref(), env_for(answers.address)).reason.split("answered: ")[1]
    assert words == "a" * 150 + "; " + ("b " * 23)[:45] + "..."
    assert len(words) == 200


def test_a_server_that_is_no_vault(answers: _Answers) -> None:
    answers.append((200, "<html><body>It works!</body></html>"))
    error = refused(ref(), env_for(answers.address))
    assert error.reason == "the answer for secret/unit/entry is not a KV v2 entry"


def test_an_entry_whose_data_was_destroyed(answers: _Answers) -> None:
    answers.append((200, entry(None)))
    error = refused(ref(), env_for(answers.address))
    assert error.reason == (
        "the entry secret/unit/entry holds no data (deleted or destroyed?)"
    )


def test_at_most_twenty_field_names_are_listed(answers: _Answers) -> None:
    fields = {f"f{n:02}" + "x" * 60: VAULT_SECRET for n in range(25)}
    answers.append((200, entry(fields)))
    reason = refused(ref(), env_for(answers.address)).reason
    listed = reason.split("(its fields: ")[1].rstrip(")").split(", ")
    assert listed == [f"f{n:02}" + "x" * 37 for n in range(20)]


def test_a_kv_version_1_mount_is_named(answers: _Answers) -> None:
    # The read's answer has no KV v2 metadata, and the mount's description
    # (this server gives both requests the same body) says version 1.
    answers.append((200, {"data": {"type": "kv", "options": {"version": "1"}}}))
    reason = refused(ref(), env_for(answers.address)).reason
    assert reason.startswith("the mount secret/ is a KV version 1 engine")
    assert "bao kv enable-versioning secret/" in reason


def test_an_answer_slower_than_the_deadline_is_cut_off(
    answers: _Answers, monkeypatch: pytest.MonkeyPatch
) -> None:
    answers.append((200, entry({"api_secret": VAULT_SECRET})))
    assert read_field(ref(), env_for(answers.address)) == VAULT_SECRET
    monkeypatch.setattr(vault, "BODY_DEADLINE", -1.0)  # past after the first chunk
    error = refused(ref(), env_for(answers.address))
    assert error.reason == "the vault's answer took too long"


def test_an_answer_over_the_size_bound_is_refused(
    answers: _Answers, monkeypatch: pytest.MonkeyPatch
) -> None:
    answers.append((200, entry({"api_secret": VAULT_SECRET})))
    monkeypatch.setattr(vault, "MAX_ANSWER_BYTES", 16)
    error = refused(ref(), env_for(answers.address))
    assert error.reason == "the vault's answer is too large"


def test_tls_to_a_plain_http_server_fails_the_tls_check(answers: _Answers) -> None:
    answers.append((200, entry({"api_secret": VAULT_SECRET})))
    address = answers.address.replace("http://", "https://")
    error = refused(ref(), env_for(address))
    assert error.reason == (
        f"the vault at {address} failed the TLS check; set VAULT_CACERT to its "
        "CA certificate"
    )


def test_a_ca_file_that_is_not_there_is_said_as_such(
    answers: _Answers, tmp_path
) -> None:  # type: ignore[no-untyped-def]
    # It said "set VAULT_CACERT to its CA certificate" while it was set.
    missing = tmp_path / "no-such-ca.pem"
    env = {**env_for(answers.address), "VAULT_CACERT": str(missing)}
    error = refused(ref(), env)
    assert error.reason == (
        f"VAULT_CACERT names {missing}, which is not a file; point it at the "
        "vault's CA certificate (PEM)"
    )
    env = {**env_for(answers.address), "VAULT_CAPATH": str(missing)}
    assert "VAULT_CAPATH names" in refused(ref(), env).reason


def test_a_ca_that_does_not_sign_the_server_names_the_ca(
    answers: _Answers, tmp_path
) -> None:  # type: ignore[no-untyped-def]
    answers.append((200, entry({"api_secret": VAULT_SECRET})))
    address = answers.address.replace("http://", "https://")
    ca = tmp_path / "other-ca.pem"
    ca.write_text("not the CA that signed it\n")
    error = refused(ref(), {**env_for(address), "VAULT_CACERT": str(ca)})
    assert error.reason.startswith(f"the vault at {address} ")
    assert str(ca) in error.reason


def test_nobody_listening_names_the_address_as_given() -> None:
    with socket.socket() as s:  # a free port, closed again: refused at once
        s.bind(("127.0.0.1", 0))
        address = f"http://127.0.0.1:{s.getsockname()[1]}"
    error = refused(ref(), env_for(address + "/"))
    assert error.reason.startswith(f"cannot reach the vault at {address} (")
