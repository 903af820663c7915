"""core/har.py: a HAR read entry by entry over a sliding buffer; its parts."""

from __future__ import annotations

import json
from typing import Any

import pytest

from opentok_studio.core import har as core_har
from opentok_studio.core.errors import DecodeError
from tests.helpers import har
from tests.helpers.complexity import MAX_GROWTH, growth


def chunked(text: str, size: int) -> list[str]:
    return [text[i : i + size] for i in range(0, len(text), size)]


def entries(text: str, size: int = 1000) -> list[dict[str, Any]]:
    return [e for _, e in core_har.iter_entries(chunked(text, size))]


@pytest.mark.parametrize("layout", ["chrome", "firefox"])
@pytest.mark.parametrize("size", [1, 3, 64, 4096, 10**7])
def test_any_chunking_gives_every_entry(layout: str, size: int) -> None:
    case = har.support_case(layout)
    text = case.text(indent=None if size == 1 else 2)
    assert entries(text, size) == case.har["log"]["entries"]


def test_keys_in_any_order_and_other_top_level_keys() -> None:
    text = json.dumps(
        {"x": [1, {"entries": [9]}], "log": {"entries": [{"a": 1}], "pages": []}}
    )
    assert entries(text, 5) == [{"a": 1}]


def test_a_bom_and_empty_entries() -> None:
    assert entries('\ufeff{"log": {"entries": []}}') == []


@pytest.mark.parametrize(
    ("text", "words"),
    [
        ('{"log": {"entries": [{"a": 1}, {"b": ', "cut short"),
        ('{"log": {"entries": [{"a": "unterminated', "cut short"),
        ('{"log": {"entries": [{"a": 1},, {"b": 2}]}}', "not valid JSON"),
        ('{"log": {"entries": [{"a": tru}]}}', "not valid JSON"),
        ('{"log": {"entries": []}} trailing', "text after the end"),
        ('{"nolog": 1}', "not a HAR"),
        ("[1, 2]", "not valid JSON"),
        ('{"log": {"entries": [' + "[" * 100_000 + "]" * 100_000 + "]}}", "nested"),
    ],
)
def test_broken_json_is_one_clear_error(text: str, words: str) -> None:
    with pytest.raises(DecodeError, match=words):
        entries(text, 7)


def test_a_broken_entry_early_fails_early() -> None:
    """Memory stays bounded: a bad entry is refused where it is, not after
    buffering the rest of the file."""
    rest = ",".join(['{"ok": 1}'] * 1000)

    def chunks():  # type: ignore[no-untyped-def]
        yield '{"log": {"entries": [{"a": 1}, {"b" 2}, '
        for _ in range(100_000):
            yield rest
        raise AssertionError("read on past the error")

    with pytest.raises(DecodeError, match="not valid JSON"):
        list(core_har.iter_entries(chunks()))


def test_parts_skip_cookies_and_foreign_credentials() -> None:
    case = har.support_case("chrome")
    texts = [
        p.text for e in case.har["log"]["entries"] for p in core_har.entry_parts(e)
    ]
    names = {
        p.name for e in case.har["log"]["entries"] for p in core_har.entry_parts(e)
    }
    joined = "\n".join(texts)
    for secret in har.FOREIGN_SECRETS[:3] + har.FOREIGN_SECRETS[4:]:
        assert secret not in joined  # cookies and Basic credentials: never read
    assert not any("cookie" in n.lower() for n in names)
    assert "header X-TB-TOKEN-AUTH" in names
    assert "url query token" in names


def test_base64_bodies_are_decoded_binary_ones_skipped() -> None:
    text = '{"token": "x"}'
    import base64

    encoded = base64.b64encode(text.encode()).decode()
    entry = {"response": {"status": 200, "content": {"text": encoded,
                                                      "encoding": "base64"}}}  # fmt: skip
    assert [p.text for p in core_har.entry_parts(entry) if "body" in p.name] == [text]
    entry["response"]["content"]["mimeType"] = "image/png"
    assert [p for p in core_har.entry_parts(entry) if "body" in p.name] == []


@pytest.mark.parametrize(
    ("body", "status", "expected"),
    [
        ('{"code":1004,"message":"Invalid token format"}', 403,
         (403, 1004, "Invalid token format")),
        ('[{"error": {"code": 1005, "message": "Invalid session ID"}}]', 400,
         (400, 1005, "Invalid session ID")),
        ('{"code": true, "message": 5}', 403, (403, None, None)),
        ("<html>Forbidden</html>", 403, (403, None, None)),
        ("", 200, (200, None, None)),
    ],
)  # fmt: skip
def test_response(body: str, status: int, expected: tuple[Any, ...]) -> None:
    entry = {"response": {"status": status, "content": {"text": body}}}
    r = core_har.entry_response(entry)
    assert r is not None
    assert (r.status, r.error_code, r.message) == expected


@pytest.mark.parametrize("status", [None, "403", True, 1.5, -1, float("nan")])
def test_odd_status_is_no_response(status: object) -> None:
    assert core_har.entry_response({"response": {"status": status}}) is None


def test_failed_request_keeps_the_browser_error() -> None:
    entry = {"response": {"status": 0, "_error": "net::ERR_BLOCKED_BY_CLIENT"}}
    r = core_har.entry_response(entry)
    assert r is not None and r.failed
    assert r.client_error == "net::ERR_BLOCKED_BY_CLIENT"


def test_linear_in_entry_size_and_count() -> None:
    def run(text: str) -> None:
        for _ in core_har.iter_entries(chunked(text, 65_536)):
            pass

    def one_big(n: int) -> str:
        return json.dumps({"log": {"entries": [{"x": "y" * (50 * n)}]}})

    def many(n: int) -> str:
        return json.dumps({"log": {"entries": [{"x": i} for i in range(n)]}})

    assert growth(run, one_big, 20_000) < MAX_GROWTH
    assert growth(run, many, 5_000) < MAX_GROWTH
