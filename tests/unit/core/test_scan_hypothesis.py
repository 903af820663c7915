"""Property tests: any HAR-shaped JSON and any text scan, or raise StudioError;
the chunking never changes what is found (#16)."""

from __future__ import annotations

import json
from typing import Any

from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from opentok_studio.core import StudioError
from opentok_studio.core.scan import ScanResult, scan
from tests.helpers import har, vectors

SETTINGS = settings(
    max_examples=80, deadline=None, suppress_health_check=[HealthCheck.too_slow]
)
TOKEN = har.token()
T1 = har.token(har.TokenFormat.T1)
FRAGMENTS = [TOKEN, T1, TOKEN[:50], T1[:60], vectors.SID, "T1==", "eyJ", "1_MX",
             "%3D", "\\u003d", "\\/", "Bearer ", "\n", " ", '"', "{", "}", "1004",
             "Invalid token format", "2026-10-01T12:00:00Z"]  # fmt: skip

scalars = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(-(2**70), 2**70),
    st.floats(allow_nan=False),
    st.text(max_size=40),
    st.sampled_from(FRAGMENTS),
)
values = st.recursive(
    scalars,
    lambda inner: st.one_of(
        st.lists(inner, max_size=4),
        st.dictionaries(
            st.sampled_from(
                [
                    "name",
                    "value",
                    "url",
                    "text",
                    "headers",
                    "status",
                    "content",
                    "request",
                    "response",
                    "encoding",
                    "mimeType",
                    "postData",
                    "startedDateTime",
                    "_error",
                    "_webSocketMessages",
                    "type",
                    "data",
                    "code",
                    "message",
                    "error",
                ]
            ),  # fmt: skip
            inner,
            max_size=6,
        ),
    ),
    max_leaves=30,
)
headers = st.lists(
    st.fixed_dictionaries(
        {
            "name": st.sampled_from(
                ["X-TB-TOKEN-AUTH", "Authorization", "Cookie", "X-Other", "\x1b[2J"]
            ),
            "value": st.one_of(st.sampled_from(FRAGMENTS), st.text(max_size=30)),
        }
    ),
    max_size=4,
)
entries = st.lists(
    st.one_of(
        values,
        st.fixed_dictionaries(
            {
                "startedDateTime": st.one_of(st.text(max_size=30), values),
                "request": st.fixed_dictionaries(
                    {
                        "url": st.one_of(st.text(max_size=60), values),
                        "headers": st.one_of(headers, values),
                    }  # fmt: skip
                ),
                "response": st.fixed_dictionaries(
                    {
                        "status": st.one_of(st.integers(-5, 1200), values),
                        "content": st.one_of(
                            st.fixed_dictionaries(
                                {
                                    "text": st.one_of(
                                        st.sampled_from(FRAGMENTS), st.text(max_size=40)
                                    )
                                }
                            ),
                            values,
                        ),
                    }  # fmt: skip
                ),
            }
        ),
    ),
    max_size=6,
)
hars = st.builds(lambda e, extra: {"log": {"entries": e, **extra}}, entries,
                 st.dictionaries(st.text(max_size=5), values, max_size=2))  # fmt: skip


def _scan(text: str, size: int, named_har: bool = False) -> ScanResult | StudioError:
    chunks = [text[i : i + size] for i in range(0, len(text), size)]
    try:
        return scan(chunks, har.project(), now=vectors.MADE_AT, named_har=named_har)
    except StudioError as e:
        return e


def _found(result: ScanResult | StudioError) -> Any:
    if isinstance(result, StudioError):
        return type(result)
    return [t.token for t in result.tokens], [s.session_id for s in result.session_ids]


@SETTINGS
@given(doc=hars, size=st.integers(1, 300), cut=st.integers(0, 400))
def test_har_shaped_json_scans_or_raises_ours(doc: Any, size: int, cut: int) -> None:
    text = json.dumps(doc)
    whole = _scan(text, size)
    assert _found(whole) == _found(_scan(text, 10_000))
    _scan(text[: len(text) - cut], size, named_har=True)  # cut short: ours too


@SETTINGS
@given(
    text=st.lists(st.one_of(st.sampled_from(FRAGMENTS), st.text(max_size=50)),
                  max_size=40).map("".join),
    size=st.integers(1, 200),
)  # fmt: skip
@example(text=TOKEN[:40] + "\n" + TOKEN[40:] + "\n", size=7)
def test_any_text_scans_or_raises_ours(text: str, size: int) -> None:
    result = _scan(text, size)
    assert _found(result) == _found(_scan(text, 10**6))
    if isinstance(result, ScanResult):
        for t in result.tokens:
            assert t.token.startswith(("T1==", "eyJ"))


@SETTINGS
@given(st.binary(max_size=300))
def test_any_bytes_as_text_scans_or_raises_ours(data: bytes) -> None:
    _scan(data.decode("latin-1"), 17)
