"""The pure core: make, decode, verify and explain tokens and session IDs.

No Qt, no keyring, no file or network I/O: values in, frozen values out.
"""

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
