"""Problems in plain words: each code's fix and likely client error, and their ranking."""

from __future__ import annotations

from collections.abc import Iterable

from opentok_studio.core.model import Problem, ProblemCode

C = ProblemCode

#: code -> (what to do, the error a client SDK would likely report)
_CATALOGUE: dict[ProblemCode, tuple[str, str | None]] = {
    C.MALFORMED: (
        "copy the token again in full from where it was made; a token is "
        "T1== + base64, or three base64url parts joined by dots",
        "1004 Invalid token format",
    ),
    C.TRUNCATED: (
        "copy the whole token again: its end is missing (look for a cut at a "
        "line break or a field-length limit)",
        "1004 Invalid token format",
    ),
    C.ALG_NONE: (
        "refuse it: a token that claims no signature is forged or broken; make "
        "a new one with the SDK",
        "1004 Invalid token format",
    ),
    C.ALG_CONFUSION: (
        "refuse it: never check an HS256 token with an RSA key; make a new RS256 "
        "token with the application's private key",
        "1004 Invalid token format",
    ),
    C.UNSUPPORTED_ALG: (
        "video tokens are HS256 (OpenTok project) or RS256 (Vonage application); "
        "make a new one with the SDK",
        "1004 Invalid token format",
    ),
    C.PROJECT_APPLICATION_MIXUP: (
        "use credentials of the token's kind: API key + secret for T1 and HS256 "
        "tokens, application ID + private key for RS256 tokens",
        "1004 Authentication error",
    ),
    C.BAD_SIGNATURE: (
        "the token was signed with another secret or key, or changed after "
        "signing: check which credentials the server signs with, then make a "
        "new token",
        "1004 Invalid token",
    ),
    C.WRONG_API_KEY: (
        "connect the client with the key that made the token, or make the "
        "token with the client's key",
        "1004 The API key does not match the token or session",
    ),
    C.SESSION_OF_OTHER_KEY: (
        "make the token with the project that created the session, or create "
        "the session with the token's project",
        "1004 The API key does not match the token or session",
    ),
    C.SESSION_MISMATCH: (
        "make a token for the session the client joins",
        "1004 The token does not match the session ID",
    ),
    C.SESSION_ID_INVALID: (
        "copy the session ID again in full, or create a new session",
        "1005 Invalid session ID",
    ),
    C.EXPIRED: (
        "make a new token; if tokens are born expired, fix the clock of the "
        "server that makes them",
        "1004 Token has expired",
    ),
    C.ISSUED_IN_FUTURE: (
        "set the clocks of the server that made it and of this computer from "
        "NTP; no skew is tolerated by design",
        "1004 Invalid token",
    ),
    C.NOT_YET_VALID: (
        "wait until its nbf time, or make the token without a start time",
        "1004 Invalid token",
    ),
    C.EXPIRY_TOO_FAR: (
        "make a new token that expires at most 30 days after it is issued",
        "1004 Invalid token",
    ),
    C.EXPIRY_IN_MILLISECONDS: (
        "exp must be Unix seconds: divide the value by 1000 where the server "
        "sets the expiry",
        "1004 Invalid token",
    ),
    C.NO_EXPIRY: (
        "make the token with an expiry; the SDKs default to 24 h",
        "1004 Invalid token",
    ),
    C.UNKNOWN_ROLE: (
        "use subscriber, publisher, publisheronly or moderator",
        "1004 Invalid token",
    ),
    C.DATA_TOO_LONG: (
        "keep connection data to 1000 characters (everyone in the session can "
        "read it: no personal data)",
        "1004 Invalid token",
    ),
    C.LAYOUT_CLASSES_INVALID: (
        "use non-empty class names, at most 1000 characters when joined",
        "1004 Invalid token",
    ),
    # warnings only
    C.NO_ROLE: (
        "pass the role explicitly where the server makes the token, so the "
        "grant does not depend on a default",
        None,
    ),
    C.DATA_LONE_SURROGATE: (
        "cut connection data at whole characters (in JavaScript, "
        "Array.from(text).slice(0, n).join(''), not text.slice(0, n))",
        None,
    ),
    C.LAYOUT_CLASSES_ENCODED: (
        "use class names of letters, digits, - and _ only: they read the same "
        "whether or not anything URL-decodes them",
        None,
    ),
    C.LAYOUT_CLASSES_LOST: (
        "upgrade the SDK that made the token",
        None,
    ),
    C.CLAIM_NAME_VARIANT: (
        "use the SDK's documented option name so the claim is the standard one",
        None,
    ),
}

#: Most likely cause first: a root cause before its consequences. A cut
#: token is also unreadable (truncated before malformed); a token of another
#: key also fails its signature (wrong_api_key before bad_signature).
_RANK = [
    C.TRUNCATED,
    C.MALFORMED,
    C.ALG_NONE,
    C.UNSUPPORTED_ALG,
    C.ALG_CONFUSION,
    C.PROJECT_APPLICATION_MIXUP,
    C.WRONG_API_KEY,
    C.BAD_SIGNATURE,
    C.SESSION_OF_OTHER_KEY,
    C.SESSION_MISMATCH,
    C.SESSION_ID_INVALID,
    C.EXPIRY_IN_MILLISECONDS,
    C.EXPIRED,
    C.ISSUED_IN_FUTURE,
    C.NOT_YET_VALID,
    C.NO_EXPIRY,
    C.EXPIRY_TOO_FAR,
    C.UNKNOWN_ROLE,
    C.DATA_TOO_LONG,
    C.LAYOUT_CLASSES_INVALID,
    # warnings only, ranked among themselves
    C.LAYOUT_CLASSES_LOST,
    C.DATA_LONE_SURROGATE,
    C.LAYOUT_CLASSES_ENCODED,
    C.CLAIM_NAME_VARIANT,
    C.NO_ROLE,
]


def problem(code: ProblemCode, message: str, *, fix: str | None = None) -> Problem:
    """A Problem with the catalogue's fix and client error for ``code``."""
    default_fix, client_error = _CATALOGUE[code]
    return Problem(code, message, fix or default_fix, client_error)


#: Words in a client's error text -> the causes that produce it
#: (notes/support-knowledge.md section 3: key on the message, not only 1004).
_CLIENT_HINTS: list[tuple[tuple[str, ...], tuple[ProblemCode, ...]]] = [
    (("expired",), (C.EXPIRED, C.ISSUED_IN_FUTURE, C.EXPIRY_IN_MILLISECONDS)),
    (("api key does not match", "api key", "apikey"),
     (C.WRONG_API_KEY, C.SESSION_OF_OTHER_KEY, C.PROJECT_APPLICATION_MIXUP)),
    (("does not match the session", "session id"),
     (C.SESSION_MISMATCH, C.SESSION_OF_OTHER_KEY, C.SESSION_ID_INVALID)),
    (("1005", "invalid session"), (C.SESSION_ID_INVALID, C.SESSION_MISMATCH)),
    (("invalid token format", "format"),
     (C.MALFORMED, C.TRUNCATED, C.ALG_NONE, C.UNSUPPORTED_ALG,
      C.PROJECT_APPLICATION_MIXUP, C.ALG_CONFUSION)),
    (("signature", "unauthorized", "invalid token"),
     (C.BAD_SIGNATURE, C.ALG_CONFUSION, C.WRONG_API_KEY)),
    (("publish", "1500"), (C.UNKNOWN_ROLE,)),
]  # fmt: skip


def suspects(client_error: str) -> tuple[ProblemCode, ...]:
    """The causes a client's error text points at, best match first."""
    text = client_error.lower()
    found: list[ProblemCode] = []
    for words, codes in _CLIENT_HINTS:
        if any(w in text for w in words):
            found += [c for c in codes if c not in found]
    return tuple(found)


def client_error_fit(client_error: str, problems: Iterable[Problem]) -> str | None:
    """A line when the client's error fits none of the causes found, or None.

    Silence would read as agreement: "1004 Invalid token format" for a token
    whose only problem is its age points somewhere else (a proxy rewriting
    the token, another token than the one pasted).
    """
    codes = [p.code for p in problems]
    pointed = suspects(client_error)
    if not pointed:
        return (
            f"the client's error ({client_error[:80]}) names none of the causes "
            "this tool knows; the ranking is the usual one"
        )
    if any(code in pointed for code in codes):
        return None
    found = ", ".join(c.value for c in codes) or "no problem"
    return (
        f"the client's error ({client_error[:80]}) fits none of the causes found "
        f"here ({found}): check that the token pasted is the one the client used"
    )


def rank(
    problems: Iterable[Problem], client_error: str | None = None
) -> tuple[Problem, ...]:
    """Most likely cause first: those the client's error points at, then the
    fixed order (a damaged token explains everything after it)."""
    pointed = suspects(client_error) if client_error else ()

    def key(p: Problem) -> tuple[int, int]:
        hinted = pointed.index(p.code) if p.code in pointed else len(pointed)
        return (hinted, _RANK.index(p.code))

    return tuple(sorted(problems, key=key))
