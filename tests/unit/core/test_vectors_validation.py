"""validation.json: our signer accepts and refuses what the SDKs did, at the
same boundaries, with our own clear messages."""

from __future__ import annotations

from datetime import datetime
from typing import Any

import pytest

from opentok_studio.core import (
    ApplicationCredentials,
    ProjectCredentials,
    Role,
    TokenFormat,
    TokenRequest,
    ValidationError,
    decode,
    make_token,
)
from tests.helpers import vectors

CASES = vectors.load("validation")["cases"]
OPENTOK = [c for c in CASES if c["sdk"] == "opentok"]
VONAGE = [c for c in CASES if c["sdk"] == "vonage-video"]


def _role(value: str | None) -> Role | str:
    if value is None:
        return Role.PUBLISHER
    if value.startswith("Roles."):
        return Role(getattr(Role, value[6:].upper()))
    return value


def _expire(value: Any) -> Any:
    if isinstance(value, str) and value.startswith("datetime("):
        return datetime(*(int(x) for x in value[9:-1].split(",")))
    return value


def _request(args: dict[str, Any], fmt: TokenFormat) -> TokenRequest:
    args = {k: vectors.expand(v) for k, v in args.items()}
    return TokenRequest(
        session_id=args.get("session_id"),  # type: ignore[arg-type]
        role=_role(args.get("role")),  # type: ignore[arg-type]
        data=args.get("data", args.get("connection_data")),
        expire_time=_expire(args.get("expire_time", args.get("exp"))),
        layout_classes=tuple(args.get("initial_layout_class_list", ())),
        format=fmt,
    )


def _is_type_quirk(case: dict[str, Any]) -> bool:
    # opentok wants its Roles enum, so even "publisher" fails as a plain str;
    # our faces take role names, so that refusal is not a rule to copy.
    return case["name"] == "role='publisher' (plain string)"


@pytest.mark.parametrize("case", OPENTOK, ids=[c["name"] for c in OPENTOK])
@pytest.mark.parametrize("fmt", [TokenFormat.JWT, TokenFormat.T1])
def test_opentok_boundaries(case: dict[str, Any], fmt: TokenFormat) -> None:
    creds = ProjectCredentials(vectors.API_KEY, vectors.API_SECRET)
    request = _request(case["args"], fmt)
    now = case["now"]
    if case["sdk_accepts"] or _is_type_quirk(case):
        token = make_token(request, creds, now=now)
        d = decode(token, creds, now=now)
        assert d.problems == ()
        if case["sdk_accepts"]:
            assert d.expires_at == case["token_fields"]["expires_at"]
            assert d.role == case["token_fields"]["role"]
            data_len = case.get("connection_data_len")
            assert (len(d.connection_data) if d.connection_data else None) == data_len
    else:
        with pytest.raises(ValidationError) as info:
            make_token(request, creds, now=now)
        assert str(info.value).startswith(f"{info.value.field}: ")


@pytest.mark.parametrize("case", VONAGE, ids=[c["name"] for c in VONAGE])
def test_vonage_boundaries(case: dict[str, Any]) -> None:
    creds = ApplicationCredentials(vectors.APP_ID, vectors.private_key())
    args = dict(case["args"])
    subject = args.pop("subject", None)
    request = _request(args, TokenFormat.JWT)
    now = case["now"]
    # Stricter on purpose (spec/tokens.md section 5): the opentok data limit
    # applies to every family, although vonage-video has none.
    stricter = "no limit in this SDK" in case["name"]
    if case["sdk_accepts"] and not stricter:
        token = make_token(request, creds, now=now)
        d = decode(token, creds, now=now)
        assert d.problems == ()
        assert d.claims["subject"] == "video"
    elif subject is not None:
        # A subject other than "video" cannot even be asked of our signer.
        token = make_token(request, creds, now=now)
        assert decode(token, creds, now=now).claims["subject"] == "video"
    else:
        with pytest.raises(ValidationError):
            make_token(request, creds, now=now)
