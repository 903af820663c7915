"""`opentok-studio scan FILE|-`: every token and session ID in a HAR or a log.

spec/cli.md, scan. The file is read in chunks through store/reader.py and
scanned by core/scan.py, so a 50 MB HAR never sits in memory whole.
"""

from __future__ import annotations

import argparse
import time
from dataclasses import replace
from pathlib import Path
from typing import Any

from opentok_studio.cli import render
from opentok_studio.cli.streams import ExitCode, Io
from opentok_studio.core import scanreport
from opentok_studio.core.errors import DecodeError
from opentok_studio.core.har import Response
from opentok_studio.core.scan import ScannedToken, ScanResult, Where, scan

#: The largest input scanned: a HAR of a long call is tens of megabytes.
MAX_SCAN_BYTES = 1024 * 1024 * 1024


def run(args: argparse.Namespace, io: Io) -> ExitCode:
    """`scan`: exit 0 when no token has a problem (or none is found), 1 when
    one has, 2 when the input cannot be read."""
    from opentok_studio.cli.credentials import Need, resolve
    from opentok_studio.store.reader import iter_stream_chunks, iter_text_chunks

    credentials = resolve(args, io.env, Need.IDENTITY)
    if args.file == "-":
        chunks = iter_stream_chunks(
            io.stdin, what="stdin", limit=MAX_SCAN_BYTES, error=DecodeError
        )
        named_har = False
    else:
        path = Path(args.file)
        chunks = iter_text_chunks(
            path, what="file", limit=MAX_SCAN_BYTES, error=DecodeError
        )
        named_har = path.suffix.lower() == ".har"
    now = int(time.time())
    result = scan(chunks, credentials, now=now, named_har=named_har)
    if args.all_profiles:
        result = _with_signers(result, now, io)
    if args.json:
        io.stdout.write(render.dumps(scan_json(result)) + "\n")
    elif args.report:
        io.stdout.write(render.terminal_safe(scanreport.scan_report(result, now)))
    else:
        io.stdout.write(scan_text(result) + "\n")
    return ExitCode.PROBLEMS if result.has_problems else ExitCode.OK


def _with_signers(result: ScanResult, now: int, io: Io) -> ScanResult:
    """`--all-profiles`: name the saved profile that signed each token."""
    from opentok_studio.core.signedby import signed_by, with_signer
    from opentok_studio.store.credentials import saved_candidates
    from opentok_studio.store.paths import profiles_file
    from opentok_studio.store.profiles import ProfileFile

    candidates, skipped = saved_candidates(ProfileFile(profiles_file()))
    for line in skipped:
        io.warn(line)
    tokens = tuple(
        replace(
            t, decoded=with_signer(t.decoded, signed_by(t.token, candidates, now=now))
        )
        for t in result.tokens
    )
    return replace(result, tokens=tokens)


def where_json(w: Where) -> dict[str, Any]:
    """``{"entry": N, "part": ...}`` (HAR) or ``{"line": N}`` (text)."""
    if w.line is not None:
        return {"line": w.line}
    return {"entry": w.entry, "part": w.part}


def response_json(r: Response | None) -> dict[str, Any] | None:
    """spec/cli.md, scan ``response``."""
    if r is None:
        return None
    return {"status": r.status, "error_code": r.error_code, "message": r.message}


def token_json(t: ScannedToken) -> dict[str, Any]:
    """One ``tokens[]`` object (spec fields, then additions)."""
    return {
        "token": t.token,
        "where": [where_json(w) for w in t.where],
        "time": t.time,
        "decoded": render.decoded_json(t.decoded),
        "response": response_json(t.response),
        # additions (add, never rename)
        "number": t.number,
        "occurrences": t.occurrences,
        "client_error": t.client_error,
    }


def scan_json(result: ScanResult) -> dict[str, Any]:
    """The ``scan --json`` object (spec/cli.md), plus additive extras."""
    return {
        "source": result.source.value,
        "tokens": [token_json(t) for t in result.tokens],
        "session_ids": [
            {
                "session_id": s.session_id,
                "where": [where_json(w) for w in s.where],
                "api_key": s.api_key,
                "belongs": s.belongs,
            }
            for s in result.session_ids
        ],
        # additions (add, never rename)
        "timeline": [
            {
                "kind": e.kind.value,
                "where": where_json(e.where),
                "time": e.time,
                "token": e.token,
                "session_id": e.session_id,
                "response": response_json(e.response),
                "client_error": e.client_error,
            }
            for e in result.timeline
        ],
        "units": result.units,
        "dropped": result.dropped,
    }


def scan_text(result: ScanResult) -> str:
    """A person's view: one block per token, the session IDs, the timeline."""
    lines = [scanreport.summary(result)]
    if not result.tokens:
        lines.append("No token found.")
    for t in result.tokens:
        lines += ["", f"Token #{t.number}: {scanreport.verdict_text(t)}"]
        lines.append(f"  token     {t.token}")
        lines.append(f"  where     {scanreport.places_text(t.where, t.occurrences)}")
        lines.append(f"  time      {t.time or '(none in the input)'}")
        if result.source.value == "har":
            lines.append(f"  response  {scanreport.response_text(t.response)}")
        if t.client_error:
            lines.append(f"  client    {t.client_error} (ranks the causes)")
        # Ages on the clock the token was judged by (its time of use), as the
        # problems and --report count them: one token, one age.
        decoded = render.decoded_text(t.decoded, t.judged_at)
        lines += ["  " + line if line else "" for line in decoded.splitlines()]
    if result.session_ids:
        lines += ["", "Session IDs:"]
        lines += [f"  {scanreport.session_text(s)}" for s in result.session_ids]
    if result.timeline:
        lines += ["", "Timeline:"]
        lines += [f"  {line}" for line in scanreport.timeline_lines(result)]
    return render.terminal_safe("\n".join(lines))
