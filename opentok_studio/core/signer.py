"""make_token / make_tokens: validate once, then mint by family (T1, HS256, RS256)."""

from __future__ import annotations

import random
from collections.abc import Callable

from opentok_studio.core import jwt_opentok, jwt_vonage, limits, t1
from opentok_studio.core.errors import CredentialsError, ValidationError
from opentok_studio.core.model import (
    ApplicationCredentials,
    CheckedRequest,
    Credentials,
    ProjectCredentials,
    TokenFormat,
    TokenRequest,
)
from opentok_studio.core.validate import (
    parse_format,
    parse_role,
    resolve_expiry,
    validate_api_secret,
    validate_count,
    validate_data,
    validate_layout_classes,
    validate_session_for_key,
    validate_session_id,
)

# Nonces only keep equal grants apart; they need no cryptographic strength.
_rng = random.Random()  # noqa: S311


def request_errors(
    request: TokenRequest, credentials: Credentials | None, now: int
) -> list[ValidationError]:
    """Every rule the request breaks (empty when it is fine), for forms that
    show all problems at once. Credentials, when given, enable the
    session-belongs-to-key and format checks."""
    errors: list[ValidationError] = []
    for rule in _rules(request, credentials, now).values():
        try:
            rule()
        except ValidationError as e:
            errors.append(e)
    return errors


def check_request(
    request: TokenRequest, credentials: Credentials | None, now: int
) -> CheckedRequest:
    """The request with every rule applied.

    Raises:
        ValidationError: the first rule broken, naming the field.
    """
    # Each rule runs once and its value is kept (as pyjwt's _validate_claims).
    values = {name: rule() for name, rule in _rules(request, credentials, now).items()}
    return CheckedRequest(issued_at=now, **values)  # type: ignore[arg-type]


def _rules(
    request: TokenRequest, credentials: Credentials | None, now: int
) -> dict[str, Callable[[], object]]:
    """CheckedRequest's fields -> the rule that checks and normalises each."""

    def session() -> str:
        if isinstance(credentials, ProjectCredentials):
            validate_session_for_key(request.session_id, credentials.api_key)
        else:  # Vonage session IDs are opaque to the SDKs: never refuse them
            validate_session_id(request.session_id)
        return request.session_id

    def token_format() -> TokenFormat:
        fmt = parse_format(request.format)
        if isinstance(credentials, ApplicationCredentials) and fmt is TokenFormat.T1:
            raise ValidationError(
                "format",
                "T1 tokens exist only for OpenTok projects",
                fix="use jwt: a Vonage application always gets an RS256 JWT",
            )
        return fmt

    return {
        "session_id": session,
        "role": lambda: parse_role(request.role),
        "data": lambda: validate_data(request.data),
        "layout_classes": lambda: validate_layout_classes(request.layout_classes),
        "expires_at": lambda: resolve_expiry(
            request, now, limits.DEFAULT_EXPIRY_SECONDS
        ),
        "format": token_format,
    }


def make_tokens(
    request: TokenRequest,
    credentials: Credentials,
    *,
    now: int,
    count: int = 1,
    rng: random.Random | None = None,
) -> list[str]:
    """``count`` tokens for one request, validated once and signed fast.

    OpenTok nonces are drawn without repeats while ``count`` <= 1,000,000, so
    a batch (which shares one ``now``) holds no two identical tokens.

    Raises:
        ValidationError: a rule the SDKs enforce is broken (or a bad count).
        CredentialsError: the credentials cannot sign.
    """
    validate_count(count)
    checked = check_request(request, credentials, now)
    rng = rng or _rng
    if isinstance(credentials, ApplicationCredentials):
        mint_rs = _prepare_vonage(checked, credentials)
        return [mint_rs(_uuid4(rng)) for _ in range(count)]
    mint = _prepare_project(checked, credentials)
    if count == 1:
        return [mint(rng.randrange(limits.NONCE_RANGE))]
    return [mint(n) for n in _nonces(rng, count)]


def _nonces(rng: random.Random, count: int) -> list[int]:
    """``count`` nonces, without repeats while the range allows it.

    Draw-and-drop-repeats is ~5x faster than ``rng.sample`` here, which
    first copies the whole range of a million into a list.
    """
    if count > limits.NONCE_RANGE:
        return [rng.randrange(limits.NONCE_RANGE) for _ in range(count)]
    drawn: dict[int, None] = {}
    while len(drawn) < count:
        more = rng.choices(range(limits.NONCE_RANGE), k=count - len(drawn))
        drawn.update(dict.fromkeys(more))
    return list(drawn)


def make_token(
    request: TokenRequest,
    credentials: Credentials,
    *,
    now: int,
    rng: random.Random | None = None,
) -> str:
    """One token; see make_tokens."""
    return make_tokens(request, credentials, now=now, count=1, rng=rng)[0]


def _uuid4(rng: random.Random) -> str:
    import uuid  # only RS256 tokens carry a jti

    # jti only needs to differ between tokens, like vonage-video's uuid4().
    return str(uuid.UUID(int=rng.getrandbits(128), version=4))


def _prepare_project(
    checked: CheckedRequest, credentials: ProjectCredentials
) -> Callable[[int], str]:
    if not credentials.api_secret:
        raise CredentialsError(
            f"API secret missing for project {credentials.api_key}: a token "
            "cannot be signed without it"
        )
    validate_api_secret(credentials.api_secret)
    if checked.format is TokenFormat.T1:
        return t1.prepare(credentials.api_key, credentials.api_secret, checked)
    return jwt_opentok.prepare(credentials.api_key, credentials.api_secret, checked)


def _prepare_vonage(
    checked: CheckedRequest, credentials: ApplicationCredentials
) -> Callable[[str], str]:
    if credentials.private_key is None:
        raise CredentialsError(
            f"private key missing for application {credentials.application_id}: "
            "a token cannot be signed without it"
        )
    return jwt_vonage.prepare(
        credentials.application_id, credentials.private_key, checked
    )


__all__ = [
    "CheckedRequest",
    "check_request",
    "make_token",
    "make_tokens",
    "request_errors",
]
