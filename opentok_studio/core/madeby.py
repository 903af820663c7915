"""Which server SDK made a token: its layout compared with each SDK's fingerprint."""

from __future__ import annotations

import json
from collections.abc import Sequence
from typing import Any

from opentok_studio.core.fingerprints import FINGERPRINTS, Fingerprint
from opentok_studio.core.model import UNKNOWN_SDK, MadeBy
from opentok_studio.core.sdks import NONCE_WORDS, Kind


def header_text(header: dict[str, Any]) -> str:
    """The header as the SDK serialised it: key order kept, compact."""
    return json.dumps(header, separators=(",", ":"), ensure_ascii=False)


def matches(
    fp: Fingerprint,
    names: Sequence[str],
    header: str | None,
    nonce: object,
    url_safe: bool = False,
) -> bool:
    """True when a token's fields, header and nonce are exactly this SDK's."""
    if url_safe and not fp.url_safe:
        return False
    core = tuple(n for n in names if n in fp.core)
    if core != fp.core:
        return False
    if not fp.open_claims and any(
        n not in fp.core and n not in fp.optional for n in names
    ):
        return False
    if fp.header is not None and header != fp.header:
        return False
    return fp.nonce is None or fp.nonce(nonce)


def identify(
    kind: Kind | None,
    names: Sequence[str],
    *,
    header: str | None = None,
    nonce: object = None,
    url_safe: bool = False,
) -> MadeBy:
    """The SDK whose fingerprint the token fits, with what shows it.

    Args:
        kind: T1, HS256 or RS256 (None: no known family, so ``unknown``).
        names: the token's field or claim names, in token order.
        header: a JWT's header as serialised (see ``header_text``).
        nonce: the nonce as found.
        url_safe: a T1 whose base64 uses - and _ (only opentok-java writes it).
    """
    if kind is None:
        return UNKNOWN_SDK
    candidates = [fp for fp in FINGERPRINTS if fp.kind is kind]
    found = [fp for fp in candidates if matches(fp, names, header, nonce, url_safe)]
    evidence = (
        ("T1 base64 in the URL-safe alphabet (- and _): only opentok-java writes it",)
        if url_safe
        else ()
    )
    if not found:
        return MadeBy(
            "unknown",
            None,
            (
                *evidence,
                f"field order {', '.join(names)[:200]} fits no official SDK's layout",
            ),
        )
    fp = found[0]
    said = list(evidence)
    said.append(f"field order {', '.join(n for n in names if n in fp.core)}")
    if fp.header is not None:
        said.append(f"header {fp.header}")
    if fp.nonce is not None:
        said.append(f"nonce {str(nonce)[:24]}: {NONCE_WORDS[fp.nonce]}")
    absent = [n for n in ("exp", "expire_time") if n in fp.optional and n not in names]
    if fp.omits_expiry and absent:
        said.append("no expiry written: this SDK writes one only when asked")
    others = sorted({f.sdk.value for f in found[1:]} - {fp.sdk.value})
    if others:
        said.append("also fits " + ", ".join(others))
    return MadeBy(fp.sdk.value, fp.versions_for(names), tuple(said))


def missing_from_layout(kind: Kind, names: Sequence[str]) -> tuple[str, ...]:
    """Fields a cut-off token lost: ``names`` is the start of an SDK's layout.

    Returns the fields that would follow, or ``()`` when the names are no
    strict prefix of any SDK's fields (a whole token, or one we don't know).
    """
    names = tuple(names)
    for fp in FINGERPRINTS:
        if (
            fp.kind is kind
            and len(names) < len(fp.core)
            and fp.core[: len(names)] == names
        ):
            return fp.core[len(names) :]
    return ()
