"""Who signed this? Check a token against several credentials, locally."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field, replace

from opentok_studio.core.decoder import decode
from opentok_studio.core.errors import StudioError
from opentok_studio.core.model import (
    Credentials,
    Decoded,
    Family,
    ProblemCode,
    Signature,
    family_of,
)

#: How each family is named where a profile of it is counted.
_KIND = {Family.PROJECT: "OpenTok project", Family.APPLICATION: "Vonage application"}


@dataclass(frozen=True, slots=True)
class SignedBy:
    """The answer to "who signed this?", in the words every face shows.

    Attributes:
        names: the candidates whose credentials verify the signature, in order.
        checked: how many candidates were tried.
        skipped: one line per candidate that could not be tried, and why.
        kind: the family that can sign this token (None when it cannot be told).
        other_kind: how many candidates were of the other family, so not tried.
        credentials: the first signer's credentials (to judge the token with
            them: ``with_signer``); never shown.
    """

    names: tuple[str, ...]
    checked: int
    skipped: tuple[str, ...] = ()
    kind: Family | None = None
    other_kind: int = 0
    credentials: Credentials | None = field(default=None, repr=False, compare=False)

    @property
    def signer(self) -> str | None:
        """The first name that verifies it, or None."""
        return self.names[0] if self.names else None

    @property
    def text(self) -> str:
        """One sentence: the signer, nobody, or the profiles sharing a secret."""
        if self.names:
            if len(self.names) == 1:
                return f"signed by profile {self.names[0]}"
            return f"profiles with the same secret: {', '.join(self.names)}"
        # Only the profiles that could have signed this kind of token count
        # (walk-through: an HS256 token was "not signed by" application profiles).
        kind = f"{_KIND[self.kind]} " if self.other_kind and self.kind else ""
        if self.checked == 0:  # not "none of the 0 saved profiles" (walk-through)
            if self.other_kind and self.kind:
                return f"no saved {kind}profile to check it{self._others}"
            if self.skipped:
                return "no saved profile could be checked"
            return "no saved profiles to check"
        if self.checked == 1:
            return f"the only saved {kind}profile did not sign it{self._others}"
        return (
            f"none of the {self.checked} saved {kind}profiles signed it{self._others}"
        )

    @property
    def _others(self) -> str:
        """``; 2 Vonage application profiles not tried: ...`` or nothing."""
        if not self.other_kind or self.kind is None:
            return ""
        other = Family.APPLICATION if self.kind is Family.PROJECT else Family.PROJECT
        n = self.other_kind
        return (
            f" ({n} {_KIND[other]} profile{'s' if n > 1 else ''} not tried: "
            f"{'they' if n > 1 else 'it'} cannot sign {_KIND[self.kind]} tokens)"
        )

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
    return [name for name, _ in _verifying(text, candidates, now=now)]


def _verifying(
    text: str, candidates: Iterable[tuple[str, Credentials]], *, now: int
) -> list[tuple[str, Credentials]]:
    found = []
    for name, credentials in candidates:
        try:
            decoded = decode(text, credentials, now=now)
        except StudioError:
            continue
        if decoded.signature is Signature.VALID:
            found.append((name, credentials))
    return found


def signed_by(
    text: str,
    candidates: Sequence[tuple[str, Credentials]],
    *,
    now: int,
    skipped: Sequence[str] = (),
) -> SignedBy:
    """Check ``text`` against every candidate that could have signed a token
    of its kind (the others are counted in ``other_kind``); ``skipped`` are
    passed through."""
    try:
        kind = decode(text, None, now=now).family
    except StudioError:
        kind = None
    able = [c for c in candidates if kind is None or family_of(c[1]) is kind]
    found = _verifying(text, able, now=now)
    return SignedBy(
        tuple(name for name, _ in found),
        len(able),
        tuple(skipped),
        kind=kind,
        other_kind=len(candidates) - len(able),
        credentials=found[0][1] if found else None,
    )


def with_signer(decoded: Decoded, result: SignedBy) -> Decoded:
    """``decoded`` with ``signed_by`` set and the answer's notes added.

    A token decoded without the credentials that made it (signature
    unchecked) is judged again with the signer's: the signature is then
    valid and the key and session checks are done (walk-through: "signature
    unchecked" beside the name of the profile that signed it).
    """
    if result.credentials is not None and decoded.signature is Signature.UNCHECKED:
        try:
            again = decode(
                decoded.token,
                result.credentials,
                now=decoded.checked_at if decoded.checked_at is not None else 0,
                expected_session_id=decoded.expected_session_id,
                client_error=decoded.client_error,
            )
        except StudioError:
            pass
        else:
            if again.signature is Signature.VALID:
                # The token was taken out of the text once: keep where it was
                # found and the copy damage repaired then (the client got that).
                damage = tuple(
                    p
                    for p in decoded.problems
                    if p.code is ProblemCode.MALFORMED and p not in again.problems
                )
                decoded = replace(
                    again, source=decoded.source, problems=(*damage, *again.problems)
                )
    return replace(
        decoded, signed_by=result.signer, notes=(*decoded.notes, *result.notes)
    )
