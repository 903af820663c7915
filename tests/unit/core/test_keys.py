"""keys.key_kind(): one guard for keys offered as an API secret, shared by the
signer, the decoder's check and `profile add` (hardening #13, finding 13: a
public key as `ssh-rsa ...` or a bare `MIGf...` body was taken as a secret,
and a token forged with it then decoded as "valid")."""

from __future__ import annotations

import io
import string
from collections.abc import Callable

import pytest
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import ec, ed25519, rsa
from hypothesis import given, settings
from hypothesis import strategies as st

from opentok_studio.cli import main
from opentok_studio.core import (
    CredentialsError,
    ProjectCredentials,
    Signature,
    TokenFormat,
    TokenRequest,
    decode,
    make_token,
)
from opentok_studio.core.keys import key_kind
from opentok_studio.core.validate import validate_api_secret
from tests.helpers import craft, vectors

PEM = serialization.Encoding.PEM
DER = serialization.Encoding.DER
OPENSSH = serialization.Encoding.OpenSSH
SPKI = serialization.PublicFormat.SubjectPublicKeyInfo
PKCS1 = serialization.PublicFormat.PKCS1
SSH_PUB = serialization.PublicFormat.OpenSSH


def _body(pem: bytes) -> str:
    """A PEM's base64 body on one line, armour dropped."""
    return "".join(line for line in pem.decode().splitlines() if "-----" not in line)


def _key_forms() -> dict[str, str]:
    # A weak key on purpose: its SPKI body is the MIGf... form.
    rsa1024 = rsa.generate_private_key(public_exponent=65537, key_size=1024)  # noqa: S505
    rsa2048 = vectors.private_key()
    ed = ed25519.Ed25519PrivateKey.generate()
    p256 = ec.generate_private_key(ec.SECP256R1())
    pub_pem = rsa2048.public_key().public_bytes(PEM, SPKI)
    ssh_rsa = rsa2048.public_key().public_bytes(OPENSSH, SSH_PUB).decode()
    return {
        "PEM public key": pub_pem.decode(),
        "PEM private key": vectors.pem().decode(),
        "PEM inside other text": "secret = " + pub_pem.decode().replace("\n", " "),
        "PEM body with line breaks": "\n".join(pub_pem.decode().splitlines()[1:-1]),
        "ssh-rsa line": ssh_rsa + " me@host",
        "ssh-ed25519 line": ed.public_key().public_bytes(OPENSSH, SSH_PUB).decode(),
        "ecdsa-sha2 line": p256.public_key().public_bytes(OPENSSH, SSH_PUB).decode(),
        "authorized_keys with options": 'from="10.0.0.1" ' + ssh_rsa,
        "bare SSH blob": ssh_rsa.split()[1],
        "bare RSA-1024 SPKI (MIGf)": _body(
            rsa1024.public_key().public_bytes(PEM, SPKI)
        ),
        "bare RSA-2048 SPKI (MIIB)": _body(pub_pem),
        "bare PKCS#1 public key": _body(rsa2048.public_key().public_bytes(PEM, PKCS1)),
        "bare Ed25519 SPKI (MCow)": _body(ed.public_key().public_bytes(PEM, SPKI)),
        "bare P-256 SPKI (MFkw)": _body(p256.public_key().public_bytes(PEM, SPKI)),
        "bare PKCS#8 private key": _body(vectors.pem()),
        "cut SPKI body": _body(pub_pem)[:40],
        "base64url SPKI body": _body(pub_pem).replace("+", "-").replace("/", "_"),
    }


KEYS = _key_forms()
ONE_LINE = {name: key for name, key in KEYS.items() if "\n" not in key.strip()}


@pytest.mark.parametrize("key", KEYS.values(), ids=KEYS.keys())
def test_every_key_form_is_recognised(key: str) -> None:
    assert key_kind(key) is not None
    with pytest.raises(CredentialsError, match="looks like a") as caught:
        validate_api_secret(key)
    assert max(key.split(), key=len)[8:24] not in str(caught.value)  # never quoted


@pytest.mark.parametrize("key", KEYS.values(), ids=KEYS.keys())
@pytest.mark.parametrize("fmt", [TokenFormat.JWT, TokenFormat.T1])
def test_the_signer_refuses_a_key_as_secret(key: str, fmt: TokenFormat) -> None:
    request = TokenRequest(session_id=vectors.SID, format=fmt)
    with pytest.raises(CredentialsError):
        make_token(
            request, ProjectCredentials(vectors.API_KEY, key), now=vectors.MADE_AT
        )


def _forged(key: str, now: int) -> list[str]:
    # Signed by hand, as an attacker holding the public key would.
    jwt = craft.hs256(craft.project_claims(now), secret=key)
    t1 = craft.t1({"session_id": vectors.SID, "create_time": str(now),
                   "expire_time": str(now + 3600), "role": "publisher",
                   "nonce": "1", "initial_layout_class_list": ""}, secret=key)  # fmt: skip
    return [jwt, t1]


@pytest.mark.parametrize("key", KEYS.values(), ids=KEYS.keys())
def test_a_token_forged_with_a_key_never_decodes_valid(key: str) -> None:
    now = vectors.MADE_AT
    for token in _forged(key, now):
        try:
            decoded = decode(token, ProjectCredentials(vectors.API_KEY, key), now=now)
        except CredentialsError:
            continue
        assert decoded.signature is not Signature.VALID


@pytest.mark.parametrize("key", ONE_LINE.values(), ids=ONE_LINE.keys())
def test_cli_decode_and_profile_add_refuse_a_key(key: str) -> None:
    token = _forged(key, vectors.MADE_AT)[0]
    out, err = io.StringIO(), io.StringIO()
    env = {"OPENTOK_API_KEY": vectors.API_KEY, "OPENTOK_API_SECRET": key}
    rc = main(["decode", token, "--json"], out, err, env=env)
    assert rc == 3 and '"valid"' not in out.getvalue()
    out, err = io.StringIO(), io.StringIO()
    rc = main(["profile", "add", "k", "--api-key", "1", "--secret-stdin"], out, err,
              stdin=io.StringIO(key + "\n"), env={})  # fmt: skip
    assert rc == 3 and "looks like" in err.getvalue()
    rc = main(
        ["profile", "list", "--json"], out := io.StringIO(), io.StringIO(), env={}
    )
    assert rc == 0 and '"k"' not in out.getvalue()


# -- no false positives on real secrets -------------------------------------

hex_secrets = st.text(alphabet="0123456789abcdef", min_size=40, max_size=40)


@given(hex_secrets, st.sampled_from([str.lower, str.upper]))
@settings(max_examples=500)
def test_hex_secrets_are_never_keys(secret: str, case: Callable[[str], str]) -> None:
    assert key_kind(case(secret)) is None
    assert validate_api_secret(case(secret)) == case(secret)


@given(st.text(alphabet=string.hexdigits, min_size=1, max_size=128))
@settings(max_examples=500)
def test_hex_of_any_length_is_never_a_key(secret: str) -> None:
    assert key_kind(secret) is None


@given(hex_secrets)
@settings(max_examples=25, deadline=None)
def test_hex_secrets_still_sign_and_verify(secret: str) -> None:
    creds = ProjectCredentials(vectors.API_KEY, secret)
    for fmt in (TokenFormat.JWT, TokenFormat.T1):
        request = TokenRequest(session_id=vectors.SID, format=fmt)
        token = make_token(request, creds, now=vectors.MADE_AT)
        decoded = decode(token, creds, now=vectors.MADE_AT)
        assert decoded.signature is Signature.VALID


@pytest.mark.parametrize(
    "secret",
    [vectors.API_SECRET, vectors.OTHER_SECRET, "s3cret-profile-value-7731",
     "MIXED-case-but-not-a-key", "Mk9hZ3JlZW4gc2VjcmV0IHZhbHVl", "ssh-rsa",
     "my ssh-rsa secret", "AAAAAAAAAAAAAAAAAAAAAAAA", "0" * 40],
)  # fmt: skip
def test_other_secrets_pass(secret: str) -> None:
    assert key_kind(secret) is None
