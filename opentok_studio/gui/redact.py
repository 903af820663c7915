"""Presenter mode's redaction: no identifier of the account on a projector.

One module-level state, set by the main window when presenter mode or the
credentials change; every widget that shows words from the core (hints,
the decoded view, the Compare table) passes them through ``redact``.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

#: What an identifier becomes on screen, by kind.
THIS_PROJECT = "this project"
THIS_APPLICATION = "this application"
OTHER_ACCOUNT = "another account"
HIDDEN = "(hidden)"

_on = False
#: identifier -> its replacement, longest first when applied.
_names: dict[str, str] = {}
#: Identifiers nobody told us about (another account's, in a pasted token or
#: session ID): OpenTok API keys are 6 to 9 digits, application IDs are UUIDs.
#: Epoch times (10 digits) and parts of base64 text are left alone.
_UNKNOWN = re.compile(
    r"(?<![\w.+/=-])(?:\d{6,9}|[0-9a-fA-F]{8}(?:-[0-9a-fA-F]{4}){3}-[0-9a-fA-F]{12})"
    r"(?![\w+/=-])"
)


#: The noun before an identifier, dropped with it.
_NOUN = r"(?:(?:the |this )?(?:API key|application ID|application|key) )?"


def is_on() -> bool:
    """Whether presenter mode hides identifiers now."""
    return _on


def set_presenter(on: bool) -> None:
    global _on
    _on = on


def set_identifiers(
    *, api_key: str = "", application_id: str = "", secrets: Iterable[str] = ()
) -> None:
    """The account's identifiers: the key or application ID (worded as "this
    project" / "this application"), and secrets (secret, key path), hidden."""
    _names.clear()
    for secret in secrets:
        if secret.strip():
            _names[secret.strip()] = HIDDEN
    if api_key.strip():
        _names[api_key.strip()] = THIS_PROJECT
    if application_id.strip():
        _names[application_id.strip()] = THIS_APPLICATION


def redact(text: str, others: Iterable[str | None] = ()) -> str:
    """``text`` with every known identifier replaced (presenter mode only).

    Args:
        others: identifiers of other accounts found in what is shown (a
            decoded token's key or application ID); they read "another account".
    """
    if not _on or not text:
        return text
    names = dict(_names)
    for other in others:
        if other and other.strip() and other.strip() not in names:
            names[other.strip()] = OTHER_ACCOUNT
    # Longest first: a key that is part of a longer identifier goes with it.
    # "API key 46123457" reads "this project", not "API key this project".
    for name in sorted(names, key=len, reverse=True):
        text = re.sub(_NOUN + re.escape(name), names[name], text)
    return re.sub(_NOUN + _UNKNOWN.pattern, OTHER_ACCOUNT, text)
