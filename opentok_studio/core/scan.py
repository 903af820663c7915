"""Scan what a customer sends (a HAR, a log) for every token, session and error.

Issue #16; spec/cli.md, scan. Pure: the caller hands in the text as chunks
(the faces read them through store/reader.py) and ``now``; a HAR is read entry
by entry (core/har.py), a log a block of lines at a time (core/scantext.py),
what they hold collected by core/sightings.py, so memory stays
bounded whatever the size. Each distinct token is decoded once, with the
error its client got as ``client_error``, so the likely cause comes first.
"""

from __future__ import annotations

import itertools
from collections.abc import Iterable, Iterator

from opentok_studio.core import finder, har
from opentok_studio.core.errors import DecodeError
from opentok_studio.core.har import Response
from opentok_studio.core.model import Credentials
from opentok_studio.core.scantext import epoch, scan_text
from opentok_studio.core.sightings import (
    MAX_ITEMS,
    MAX_WHERE,
    Event,
    EventKind,
    ScannedToken,
    Scanner,
    ScanResult,
    SessionSighting,
    Source,
    Where,
)

__all__ = [
    "MAX_ITEMS",
    "MAX_WHERE",
    "Event",
    "EventKind",
    "Response",
    "ScanResult",
    "ScannedToken",
    "Scanner",
    "SessionSighting",
    "Source",
    "Where",
    "scan",
    "scan_har",
    "scan_text",
]

#: How much of the input decides whether it is a HAR.
_SNIFF_CHARS = 4096


def scan(
    chunks: Iterable[str],
    credentials: Credentials | None = None,
    *,
    now: int,
    named_har: bool = False,
) -> ScanResult:
    """Every token and session ID in a HAR or a log, decoded and paired.

    Args:
        chunks: the input's text in pieces of any size (a file read in
            chunks); an iterator that raises stops the scan with its error.
        credentials: check signatures and keys, as ``decode`` does.
        now: Unix seconds to judge times against.
        named_har: the input says it is a HAR (its file name): it must be one.

    Raises:
        DecodeError: the input is empty, binary, or a broken HAR.
        CredentialsError: as ``decode``.
    """
    scanner = Scanner(Source.TEXT)
    stream = _checked(chunks)
    head = _head(stream)
    if not head.strip("\ufeff \t\r\n"):
        raise DecodeError("the input is empty: there is nothing to scan")
    rest = itertools.chain([head], stream)
    if named_har or har.looks_like_har(head):
        if head.lstrip("\ufeff \t\r\n")[:1] != "{":
            raise DecodeError(
                "the file is named as a HAR but is not JSON: save the HAR again "
                "from the browser (Network panel, Save all as HAR)"
            )
        scanner.source = Source.HAR
        scan_har(scanner, rest)
    else:
        scan_text(scanner, rest)
    return scanner.result(credentials, now=now)


def _checked(chunks: Iterable[str]) -> Iterator[str]:
    for chunk in chunks:
        if "\x00" in chunk:
            raise DecodeError(
                "the input holds binary data (NUL bytes), not text: give a HAR "
                "file or a text log"
            )
        yield chunk


def _head(stream: Iterator[str]) -> str:
    head = ""
    for chunk in stream:
        head += chunk
        if len(head.lstrip()) >= _SNIFF_CHARS:
            break
    return head


def scan_har(scanner: Scanner, chunks: Iterable[str]) -> None:
    """Feed every entry of a HAR to ``scanner``."""
    for index, entry in har.iter_entries(chunks):
        scanner.units = index + 1
        time = har.entry_time(entry)
        used_at = epoch(time)
        response = har.entry_response(entry)
        sessions = finder.find_session_ids(har.request_url(entry).partition("?")[0])
        joined = sessions[0].text if sessions else None
        for part in har.entry_parts(entry):
            where = Where(entry=index, part=part.name)
            for sid in finder.find_session_ids(part.text):
                scanner.add_session(sid.text, where, time)
            for found in finder.find_tokens(part.text, any_jwt=part.any_jwt):
                scanner.add_token(
                    found.text,
                    where,
                    time,
                    kind=EventKind.SENT if part.sent else EventKind.RECEIVED,
                    response=response if part.sent else None,
                    session_id=joined if part.sent else None,
                    used_at=used_at,
                )
