"""Is this session ID the key's? One verdict, in one wording, for every face.

The service's rule decides (field 1 is the API key or application ID,
``sessionid.belongs_to``); the opentok SDK's looser rule (``sdk_verdict``) is
reported beside it, because the SDK signs tokens the service then refuses.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from opentok_studio.core.errors import DecodeError
from opentok_studio.core.explain import printable
from opentok_studio.core.model import SessionInfo
from opentok_studio.core.sessionid import (
    SdkVerdict,
    belongs_to,
    decode_session_id,
    sdk_verdict,
)
from opentok_studio.core.timeparse import format_utc


class Belonging(StrEnum):
    """How a session ID relates to the key at hand."""

    BELONGS = "belongs"  #: field 1 is the key
    OTHER_KEY = "other_key"  #: field 1 names another key
    UNREADABLE = "unreadable"  #: not a session ID that can be read
    NO_KEY = "no_key"  #: readable, but there is no key to compare with


@dataclass(frozen=True, slots=True)
class SessionVerdict:
    """A session ID judged against a key.

    Attributes:
        belonging: the verdict.
        key: the API key or application ID it was judged against, or None.
        info: the session ID's fields, or None when it cannot be read.
        sdk_accepts: whether the opentok SDK would sign tokens for it with
            ``key`` (None without a key).
        error: why it cannot be read, or None.
    """

    belonging: Belonging
    key: str | None
    info: SessionInfo | None
    sdk_accepts: bool | None
    error: str | None = None

    @property
    def belongs(self) -> bool | None:
        """True or False when judged against a key, else None."""
        if self.belonging in (Belonging.BELONGS, Belonging.OTHER_KEY):
            return self.belonging is Belonging.BELONGS
        return None

    @property
    def summary(self) -> str | None:
        """``Session of 46123457, created 2024-05-01 10:00:00 UTC``, or None."""
        if self.info is None:
            return None
        at = self.info.created_at
        created = f", created {format_utc(at)}" if at else ""
        return f"Session of {printable(self.info.api_key or '(no key)')}{created}"

    @property
    def text(self) -> str | None:
        """The verdict in words; None when there is no key and it reads fine."""
        key = printable(self.key or "")
        if self.belonging is Belonging.BELONGS:
            return f"Belongs to {key}."
        if self.belonging is Belonging.OTHER_KEY:
            owner = printable((self.info and self.info.api_key) or "")
            text = f"Does NOT belong to {key}: it was created by {owner}."
            if self.sdk_accepts:
                text += (
                    " The opentok SDK would still sign tokens for it: it accepts "
                    "the key in any field, but the service checks the key field."
                )
            return text
        if self.belonging is Belonging.UNREADABLE:
            check = f"; check that it belongs to {key}" if self.key else ""
            return f"{self.error}{check}"
        return None

    @property
    def line(self) -> str:
        """The summary and the verdict as one line (for a hint under a field)."""
        summary = f"{self.summary}." if self.summary else None
        return " ".join(x for x in (summary, self.text) if x)


def judge_session(session_id: str, key: str | None) -> SessionVerdict:
    """Read ``session_id`` and judge it against ``key`` (never raises)."""
    try:
        info = decode_session_id(session_id)
    except DecodeError as e:
        return SessionVerdict(Belonging.UNREADABLE, key, None, None, str(e))
    if key is None:
        return SessionVerdict(Belonging.NO_KEY, None, info, None)
    accepts = sdk_verdict(info.session_id, key) is SdkVerdict.ACCEPTED
    belonging = Belonging.BELONGS if belongs_to(info, key) else Belonging.OTHER_KEY
    return SessionVerdict(belonging, key, info, accepts)
