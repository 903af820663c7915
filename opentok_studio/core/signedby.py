"""Who signed this? Check a token against several credentials, locally."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace

from opentok_studio.core.decoder import decode
from opentok_studio.core.errors import StudioError
from opentok_studio.core.model import Credentials, Decoded, Signature


@dataclass(frozen=True, slots=True)
class SignedBy:
    """The answer to "who signed this?", in the words every face shows.

    Attributes:
        names: the candidates whose credentials verify the signature, in order.
        checked: how many candidates were tried.
        skipped: one line per candidate that could not be tried, and why.
    """

    names: tuple[str, ...]
    checked: int
    skipped: tuple[str, ...] = ()

    @property
    def signer(self) -> str | None:
        """The first name that verifies it, or None."""
        return self.names[0] if self.names else None

    @property
    def text(self) -> str:
        """One sentence: the signer, nobody, or the profiles sharing a secret."""
        if not self.names:
            if self.checked == 0:  # not "none of the 0 saved profiles" (walk-through)
                if self.skipped:
                    return "no saved profile could be checked"
                return "no saved profiles to check"
            if self.checked == 1:
                return "the only saved profile did not sign it"
            return f"none of the {self.checked} saved profiles signed it"
        if len(self.names) == 1:
            return f"signed by profile {self.names[0]}"
        return f"profiles with the same secret: {', '.join(self.names)}"

    @property
    def notes(self) -> tuple[str, ...]:
        """Notes for a decoded token; one signer needs none (``signed_by`` says it)."""
        return () if len(self.names) == 1 else (self.text,)


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


def signed_by(
    text: str,
    candidates: Sequence[tuple[str, Credentials]],
    *,
    now: int,
    skipped: Sequence[str] = (),
) -> SignedBy:
    """Check ``text`` against every candidate; ``skipped`` are passed through."""
    return SignedBy(
        tuple(signers(text, candidates, now=now)), len(candidates), tuple(skipped)
    )


def with_signer(decoded: Decoded, result: SignedBy) -> Decoded:
    """``decoded`` with ``signed_by`` set and the answer's notes added."""
    return replace(
        decoded, signed_by=result.signer, notes=(*decoded.notes, *result.notes)
    )
