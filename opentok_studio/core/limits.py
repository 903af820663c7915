"""The SDKs' limits and defaults as named constants (spec/tokens.md section 5)."""

from __future__ import annotations

#: Connection data, in code points: 1000 accepted, 1001 refused.
MAX_DATA_CHARS = 1000
#: Layout classes joined by one space: 1000 accepted, 1001 refused.
MAX_LAYOUT_CHARS = 1000
#: Longest lifetime: exp may be at most now + 30 days (inclusive).
MAX_EXPIRY_SECONDS = 30 * 24 * 3600
#: Default lifetime for every token family we make.
DEFAULT_EXPIRY_SECONDS = 24 * 3600
#: Nonces are drawn from range(NONCE_RANGE), as random.randint(0, 999999).
NONCE_RANGE = 1_000_000
#: Bytes of an HMAC-SHA1 / HMAC-SHA256 signature.
T1_SIGNATURE_HEX_CHARS = 40
HS256_SIGNATURE_BYTES = 32
#: An exp above this is in milliseconds (year > 9999 read as seconds).
MAX_EXP_SECONDS = 253_402_300_799
#: Decoder input cap: the largest real token is ~20 KB (1000 escaped emoji).
MAX_INPUT_CHARS = 1_000_000
#: Tokens one batch may make (all kept in memory for all-or-nothing output).
MAX_BATCH = 1_000_000
#: Session IDs the service issues are at most this long.
MAX_SESSION_ID_CHARS = 255
