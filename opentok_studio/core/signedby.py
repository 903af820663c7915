"""Who signed this? Check a token against several credentials, locally."""

from __future__ import annotations

from collections.abc import Iterable

from opentok_studio.core.decoder import decode
from opentok_studio.core.errors import StudioError
from opentok_studio.core.model import Credentials, Signature


def signers(
    text: str, candidates: Iterable[tuple[str, Credentials]], *, now: int
) -> list[str]:
    """The names whose credentials verify the token's signature, in order.

    Candidates that cannot check this kind of token (a project for an RS256
    token, say) are skipped; so is one whose credentials are unusable.
    """
    names = []
    for name, credentials in candidates:
        try:
            decoded = decode(text, credentials, now=now)
        except StudioError:
            continue
        if decoded.signature is Signature.VALID:
            names.append(name)
    return names
