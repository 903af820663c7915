"""Check a token's signature against the credentials, and that they are of
the token's kind (an OpenTok project or a Vonage application)."""

from __future__ import annotations

import hmac
import re

from opentok_studio.core import jwt_opentok, jwt_vonage, limits, t1
from opentok_studio.core.encoding import b64url_decode
from opentok_studio.core.findings import Findings
from opentok_studio.core.model import (
    ApplicationCredentials,
    Credentials,
    Family,
    ProblemCode,
    ProjectCredentials,
    Signature,
    TokenFormat,
)
from opentok_studio.core.sdks import Sdk

C = ProblemCode
#: Vonage application IDs are UUIDs; OpenTok API keys are digits.
_APPLICATION_ID = re.compile(r"[0-9a-fA-F]{8}(-[0-9a-fA-F]{4}){3}-[0-9a-fA-F]{12}")


def verify_t1(
    f: Findings, parsed: t1.ParsedT1, credentials: Credentials | None
) -> None:
    """The T1 HMAC-SHA1 over DATA's bytes as found, and the credentials' kind."""
    check_key_is_application(f, f.api_key, credentials)

    if isinstance(credentials, ApplicationCredentials):
        if _has_mixup(f):
            return
        f.add(
            C.PROJECT_APPLICATION_MIXUP,
            "a T1 token belongs to an OpenTok project (API key + secret), but "
            f"it was checked with Vonage application {credentials.application_id}",
        )
        return
    if not (isinstance(credentials, ProjectCredentials) and credentials.api_secret):
        return
    sig = parsed.header.get("sig")
    if sig is None or not parsed.data_bytes:
        f.signature = Signature.INVALID
        return
    expected = t1.signature(credentials.api_secret, parsed.data_bytes)
    ok = hmac.compare_digest(sig.encode("utf-8", "replace"), expected.encode())
    f.signature = Signature.VALID if ok else Signature.INVALID
    if not ok and not f.damaged:
        f.add(
            C.BAD_SIGNATURE,
            "the T1 signature (HMAC-SHA1) does not match this API secret",
        )


def verify_jwt(f: Findings, parts: list[str], credentials: Credentials | None) -> None:
    """The HS256 or RS256 signature, and the credentials' kind."""
    if f.family is Family.PROJECT:
        check_key_is_application(f, f.api_key, credentials)
    if len(parts) != 3 or f.header is None:
        return
    if f.family is None or credentials is None:
        return
    signing_input = f"{parts[0]}.{parts[1]}".encode("ascii", "replace")
    try:
        sig = b64url_decode(parts[2])
    except ValueError:
        f.add(C.MALFORMED, "the JWT signature is not base64url text")
        if _can_verify(f, credentials):
            f.signature = Signature.INVALID
        return

    if f.family is Family.PROJECT:
        if isinstance(credentials, ApplicationCredentials):
            _hs256_with_rsa_key(f, credentials)
            return
        if not credentials.api_secret:
            return
        ok = hmac.compare_digest(
            sig, jwt_opentok.signature(credentials.api_secret, signing_input)
        )
        expected_len = limits.HS256_SIGNATURE_BYTES
    else:
        if isinstance(credentials, ProjectCredentials):
            f.add(
                C.PROJECT_APPLICATION_MIXUP,
                "this RS256 token was made by a Vonage application (application "
                "ID + private key), but it was checked with OpenTok project "
                f"{credentials.api_key}'s key and secret",
            )
            return
        public = credentials.public_key or (
            credentials.private_key.public_key() if credentials.private_key else None
        )
        if public is None:
            return
        ok = jwt_vonage.verify(public, signing_input, sig)
        expected_len = public.key_size // 8
    f.signature = Signature.VALID if ok else Signature.INVALID
    if ok or f.damaged:
        return
    if len(sig) < expected_len:
        f.add(
            C.TRUNCATED,
            f"the signature is {len(sig)} bytes, but {f.alg} signatures here are "
            f"{expected_len}: the end of the token was cut off",
        )
    else:
        f.add(
            C.BAD_SIGNATURE,
            f"the {f.alg} signature does not match "
            + (
                "this API secret"
                if f.family is Family.PROJECT
                else "this application's key"
            ),
        )


def _hs256_with_rsa_key(f: Findings, credentials: ApplicationCredentials) -> None:
    # An HS256 token "signed" with the application's public key PEM is the
    # classic confusion attack: refuse, never use the PEM as an HMAC secret.
    if _has_mixup(f):
        return
    if f.claims.get("ist") == "project" or (
        "iss" in f.claims and "application_id" not in f.claims
    ):
        f.add(
            C.PROJECT_APPLICATION_MIXUP,
            "this HS256 token was made by an OpenTok project (API key + "
            "secret), but it was checked with Vonage application "
            f"{credentials.application_id}'s RSA key",
        )
        return
    f.signature = Signature.INVALID
    f.add(
        C.ALG_CONFUSION,
        "an HS256 token was presented where an RSA key (Vonage application "
        f"{credentials.application_id}) is configured: refused, as a real "
        "application token is RS256",
    )


def _can_verify(f: Findings, credentials: Credentials) -> bool:
    if isinstance(credentials, ProjectCredentials):
        return f.family is Family.PROJECT and bool(credentials.api_secret)
    return f.family is Family.APPLICATION


def check_key_is_application(
    f: Findings, key: str | None, credentials: Credentials | None
) -> None:
    """A project-format token (T1, HS256) whose key is an application ID.

    opentok-php given an application ID and a key file signs HMAC with the
    file's *path* as the secret (spec/tokens.md section 9): no one can verify it.
    """
    if not key or not _APPLICATION_ID.fullmatch(key):
        return
    if _has_mixup(f):
        return
    php = (
        " (opentok-php does this when given an application ID and a private key: it signs with the key file's path)"
        if f.made_by.sdk == Sdk.OPENTOK_PHP
        else ""
    )
    f.add(
        C.PROJECT_APPLICATION_MIXUP,
        f"{'a T1' if f.format is TokenFormat.T1 else 'an HS256'} token is an OpenTok project "
        f"token, but its key {key} is a Vonage application ID, and no secret "
        f"of an application can verify it{php}",
        fix="make Vonage application tokens with a Vonage SDK (vonage/video in "
        "PHP) and the private key, or OpenTok tokens with the API key and secret",
    )


def _has_mixup(f: Findings) -> bool:
    return any(p.code is C.PROJECT_APPLICATION_MIXUP for p in f.problems)
