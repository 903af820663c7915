"""Property tests for hostile pastes: long base64 runs, many eyJ / T1== starts,
mixed separators. decode() returns a Decoded or raises a StudioError, nothing
else, and a token buried in the noise is still found (#13, finding 1)."""

from __future__ import annotations

from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from opentok_studio.core import (
    Decoded,
    ProjectCredentials,
    StudioError,
    decode,
    limits,
)
from opentok_studio.core.extract import extract_token
from tests.helpers import vectors

HOSTILE = settings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow]
)
PROJECT = ProjectCredentials(vectors.API_KEY, vectors.API_SECRET)
TOKEN = vectors.load("tokens")["cases"][0]["token"]

B64 = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/"
FRAGMENTS = ["eyJ", "T1==", "T1=", "eyJ.", ".", "=", "==", "%3D", "\\/", "-", "_"]
SEPARATORS = [" ", "\n", "\t", "\r\n", '"', "'", "`", "&", "?", "=", ":", ",",
              "{", "}", "[", "]", "<", ">", "%", "/", "\u00a0", "\u2028"]  # fmt: skip

#: A long run of base64 characters, the kind a regex rescans.
base64_runs = st.builds(
    lambda chunk, n: chunk * n,
    st.text(alphabet=B64 + "-_", min_size=1, max_size=8),
    st.integers(1, 20_000),
)
#: Many token starts in a row.
repeated_starts = st.builds(
    lambda piece, n: piece * n, st.sampled_from(FRAGMENTS), st.integers(1, 60_000)
)
#: Pieces glued by mixed separators.
mixed = st.lists(
    st.one_of(
        st.sampled_from(FRAGMENTS),
        st.sampled_from(SEPARATORS),
        base64_runs,
        repeated_starts,
    ),
    max_size=30,
).map("".join)


def _decode(text: str) -> Decoded | StudioError:
    try:
        return decode(text, PROJECT, now=vectors.MADE_AT)
    except StudioError as e:
        return e


@HOSTILE
@given(st.one_of(base64_runs, repeated_starts, mixed))
@example("x " + "eyJ" * 333_332)  # the 1 MB paste
@example("T1==" * 250_000)
@example("eyJ " * 250_000)
def test_hostile_text_decodes_or_is_refused(text: str) -> None:
    result = _decode(text)
    assert isinstance(result, Decoded | StudioError)


@HOSTILE
@given(st.sampled_from(SEPARATORS), st.one_of(repeated_starts, base64_runs))
def test_a_token_after_the_noise_is_still_found(sep: str, noise: str) -> None:
    # The noise ends at a separator that can never be part of a token.
    text = f"{noise} | token={TOKEN} {sep}"
    if len(text) > limits.MAX_INPUT_CHARS:
        return
    found = extract_token(text)
    assert found.token == TOKEN or found.token.startswith(("eyJ", "T1=="))
    assert found.token == TOKEN or found.token in noise
