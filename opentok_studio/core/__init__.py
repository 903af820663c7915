"""The pure core: make, decode, verify and explain tokens and session IDs.

No Qt, no keyring, no file or network I/O: values in, frozen values out.
"""

import importlib
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from opentok_studio.core.decoder import decode
    from opentok_studio.core.errors import (
        CredentialsError,
        DecodeError,
        NetworkError,
        StoreError,
        StudioError,
        ValidationError,
    )
    from opentok_studio.core.keys import load_private_key, load_public_key
    from opentok_studio.core.model import (
        ApplicationCredentials,
        Credentials,
        Decoded,
        Problem,
        ProblemCode,
        ProjectCredentials,
        Role,
        SessionInfo,
        Signature,
        TokenFormat,
        TokenRequest,
    )
    from opentok_studio.core.sessionid import (
        SdkVerdict,
        belongs_to,
        decode_session_id,
        sdk_verdict,
    )
    from opentok_studio.core.signer import (
        check_request,
        make_token,
        make_tokens,
        request_errors,
    )

# Names load on first use (PEP 562): `opentok-studio token` and the window's
# first paint only pay for the modules they touch.
_HOME = {
    "ApplicationCredentials": "opentok_studio.core.model",
    "Credentials": "opentok_studio.core.model",
    "CredentialsError": "opentok_studio.core.errors",
    "DecodeError": "opentok_studio.core.errors",
    "Decoded": "opentok_studio.core.model",
    "NetworkError": "opentok_studio.core.errors",
    "Problem": "opentok_studio.core.model",
    "ProblemCode": "opentok_studio.core.model",
    "ProjectCredentials": "opentok_studio.core.model",
    "Role": "opentok_studio.core.model",
    "SdkVerdict": "opentok_studio.core.sessionid",
    "SessionInfo": "opentok_studio.core.model",
    "Signature": "opentok_studio.core.model",
    "StoreError": "opentok_studio.core.errors",
    "StudioError": "opentok_studio.core.errors",
    "TokenFormat": "opentok_studio.core.model",
    "TokenRequest": "opentok_studio.core.model",
    "ValidationError": "opentok_studio.core.errors",
    "belongs_to": "opentok_studio.core.sessionid",
    "check_request": "opentok_studio.core.signer",
    "decode": "opentok_studio.core.decoder",
    "decode_session_id": "opentok_studio.core.sessionid",
    "load_private_key": "opentok_studio.core.keys",
    "load_public_key": "opentok_studio.core.keys",
    "make_token": "opentok_studio.core.signer",
    "make_tokens": "opentok_studio.core.signer",
    "request_errors": "opentok_studio.core.signer",
    "sdk_verdict": "opentok_studio.core.sessionid",
}


def __getattr__(name: str) -> Any:
    module = _HOME.get(name)
    if module is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    value = getattr(importlib.import_module(module), name)
    globals()[name] = value
    return value


# Spelled out for linters; tests/unit/core/test_init.py keeps it, _HOME and
# the TYPE_CHECKING imports one set.
__all__ = [
    "ApplicationCredentials",
    "Credentials",
    "CredentialsError",
    "DecodeError",
    "Decoded",
    "NetworkError",
    "Problem",
    "ProblemCode",
    "ProjectCredentials",
    "Role",
    "SdkVerdict",
    "SessionInfo",
    "Signature",
    "StoreError",
    "StudioError",
    "TokenFormat",
    "TokenRequest",
    "ValidationError",
    "belongs_to",
    "check_request",
    "decode",
    "decode_session_id",
    "load_private_key",
    "load_public_key",
    "make_token",
    "make_tokens",
    "request_errors",
    "sdk_verdict",
]
