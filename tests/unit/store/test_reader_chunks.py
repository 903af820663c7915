"""store/reader.py, streamed: bounded chunks, strict UTF-8 across their edges."""

from __future__ import annotations

import io
from pathlib import Path

import pytest

from opentok_studio.core.errors import DecodeError
from opentok_studio.store.reader import iter_stream_chunks, iter_text_chunks


def read(path: Path, **kw) -> str:  # type: ignore[no-untyped-def]
    kw.setdefault("limit", 10**6)
    return "".join(iter_text_chunks(path, what="file", error=DecodeError, **kw))


def test_multibyte_characters_split_across_chunks(tmp_path: Path) -> None:
    text = "tök€n 😀 " * 50
    path = tmp_path / "f.log"
    path.write_text(text, encoding="utf-8")
    seen: list[tuple[int, int]] = []
    assert read(path, chunk_bytes=1, progress=lambda d, t: seen.append((d, t))) == text
    size = len(text.encode())
    assert seen[-1] == (size, size)


def test_invalid_utf8_names_the_byte(tmp_path: Path) -> None:
    path = tmp_path / "f.log"
    path.write_bytes(b"abc\xffdef")
    with pytest.raises(DecodeError, match="byte 4 is not valid UTF-8"):
        read(path, chunk_bytes=2)


def test_cut_utf8_at_the_end(tmp_path: Path) -> None:
    path = tmp_path / "f.log"
    path.write_bytes("ok €".encode()[:-1])
    with pytest.raises(DecodeError, match="not UTF-8"):
        read(path)


def test_limit(tmp_path: Path) -> None:
    path = tmp_path / "f.log"
    path.write_bytes(b"x" * 101)
    with pytest.raises(DecodeError, match="larger than 100 bytes"):
        read(path, limit=100)
    assert read(path, limit=101) == "x" * 101


def test_streams(tmp_path: Path) -> None:
    chunks = iter_stream_chunks(
        io.StringIO("a" * 10), what="stdin", limit=10, error=DecodeError, chunk_bytes=3
    )
    assert list(chunks) == ["aaa", "aaa", "aaa", "a"]
    raw = io.TextIOWrapper(io.BytesIO("é".encode() * 5), encoding="utf-8")
    assert (
        "".join(
            iter_stream_chunks(
                raw, what="stdin", limit=10, error=DecodeError, chunk_bytes=1
            )
        )
        == "é" * 5
    )
    too_many = io.StringIO("a" * 11)
    with pytest.raises(DecodeError, match="more than 10 bytes"):
        list(iter_stream_chunks(too_many, what="stdin", limit=10, error=DecodeError))
