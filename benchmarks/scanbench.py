"""`scan` on a generated 50 MB HAR and a 50 MB log: MB/s and peak memory (#16).

Each file is scanned end to end by the CLI (``opentok-studio scan FILE
--json``, a fresh process: its peak RSS from getrusage) and in-process by the
core (peak Python allocations from tracemalloc), beside ``grep -c`` on the
same file as the floor any scanner pays to read it.
"""

from __future__ import annotations

import base64
import json
import random
import shutil
import subprocess
import sys
import time
import tracemalloc
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

API_KEY = "46123457"
API_SECRET = "test-secret-0123456789abcdef0123456789abcdef"
SESSION_ID = "1_MX40NjEyMzQ1N35-MTc5MzQ5MTIwMDAwMH5RMmhoY0dWeWIyNWxWR1Z6ZEZObGN3flB-"
MADE_AT = 1790812800
SIZE = 50 * 1024 * 1024
#: Distinct tokens in each file (each is decoded once).
TOKENS = 200


def _tokens(rng: random.Random) -> list[str]:
    from opentok_studio.core import ProjectCredentials, TokenRequest, make_token
    from opentok_studio.core.model import TokenFormat

    project = ProjectCredentials(API_KEY, API_SECRET)
    return [
        make_token(
            TokenRequest(
                SESSION_ID, format=TokenFormat.T1 if i % 2 else TokenFormat.JWT
            ),
            project,
            now=MADE_AT + i,
            rng=rng,
        )
        for i in range(TOKENS)
    ]


def _entry(i: int, rng: random.Random, token: str | None) -> dict[str, Any]:
    started = time.strftime("%Y-%m-%dT%H:%M:%S", time.gmtime(MADE_AT + i)) + ".123Z"
    headers = [
        {"name": "Cookie", "value": f"sid={rng.getrandbits(128):x}; _ga=GA1.2.{i}"},
        {"name": "User-Agent", "value": "Mozilla/5.0 (X11; Linux x86_64) Chrome/131"},
        {"name": "Accept", "value": "application/json, text/plain, */*"},
    ]
    url = f"https://app.example.com/api/items/{i}?page={i % 7}&lang=en"
    status, body = (
        200,
        json.dumps(
            {
                "items": [
                    {"id": j, "name": f"item {j}", "tags": ["a", "b"]}
                    for j in range(rng.randint(5, 120))
                ]
            }  # fmt: skip
        ),
    )
    content: dict[str, Any] = {"mimeType": "application/json", "text": body}
    if token is not None:
        headers.append({"name": "X-TB-TOKEN-AUTH", "value": token})
        url = f"https://api.opentok.com/session/{SESSION_ID}?extended=true"
        status, body = 403, '{"code":1004,"message":"token has expired"}'
        content = {"mimeType": "application/json", "text": body}
    elif i % 9 == 0:
        raw = rng.randbytes(rng.randint(2_000, 30_000))
        content = {"mimeType": "image/png", "encoding": "base64",
                   "text": base64.b64encode(raw).decode()}  # fmt: skip
    return {
        "startedDateTime": started,
        "_initiator": {"type": "script"},
        "request": {
            "method": "GET",
            "url": url,
            "httpVersion": "http/2.0",
            "headers": headers,
            "queryString": [],
            "cookies": [],
            "headersSize": -1,
            "bodySize": 0,
        },  # fmt: skip
        "response": {
            "status": status,
            "statusText": "",
            "httpVersion": "http/2.0",
            "headers": [{"name": "Content-Type", "value": "application/json"}],
            "cookies": [],
            "content": content,
            "redirectURL": "",
            "headersSize": -1,
            "bodySize": len(body),
        },  # fmt: skip
        "cache": {},
        "timings": {"send": 0, "wait": 30, "receive": 2},
        "time": 32,
    }


def make_har(path: Path, size: int = SIZE) -> None:
    """A Chrome-like HAR of about ``size`` bytes; every 200th entry carries a token."""
    rng = random.Random(16)
    tokens = _tokens(rng)
    with path.open("w", encoding="utf-8") as fh:
        fh.write('{"log": {"version": "1.2", "creator": {"name": "WebInspector"},\n')
        fh.write('"pages": [], "entries": [\n')
        i, written = 0, 0
        while written < size:
            token = tokens[(i // 200) % TOKENS] if i % 200 == 0 else None
            text = ("" if i == 0 else ",\n") + json.dumps(_entry(i, rng, token))
            fh.write(text)
            written += len(text)
            i += 1
        fh.write("\n]}}\n")


def make_log(path: Path, size: int = SIZE) -> None:
    """A device log of about ``size`` bytes: a token every 500 lines, some wrapped."""
    rng = random.Random(17)
    tokens = _tokens(rng)
    with path.open("w", encoding="utf-8") as fh:
        i, written = 0, 0
        while written < size:
            stamp = time.strftime("%Y-%m-%dT%H:%M:%S", time.gmtime(MADE_AT + i // 10))
            if i % 500 == 0:
                token = tokens[(i // 500) % TOKENS]
                if i % 1000 == 0:
                    token = "\n".join(
                        token[k : k + 76] for k in range(0, len(token), 76)
                    )
                line = f"{stamp}.000Z D/OpenTok: connecting with token\n{token}\n"
            elif i % 777 == 0:
                line = (
                    f"{stamp}.000Z E/OpenTok: connect failed 1004 token has expired\n"
                )
            elif i % 10 == 0:
                line = f"{stamp}.{i % 1000:03d}Z I/App: joined session {SESSION_ID}\n"
            else:
                line = (f"{stamp}.{i % 1000:03d}Z I/App: request {i} took "
                        f"{rng.randint(1, 900)} ms, session {SESSION_ID[:12]}… ok\n")  # fmt: skip
            fh.write(line)
            written += len(line)
            i += 1


def _cli(path: Path) -> dict[str, float]:
    """One CLI run in a fresh process: seconds and its peak RSS in MB (VmHWM
    where /proc has it: getrusage's ru_maxrss survives exec, so it would
    report this generator's peak)."""
    code = (
        "import os, resource, sys, time\n"
        "from opentok_studio.cli import main\n"
        "start = time.perf_counter()\n"
        "rc = main(['scan', sys.argv[1], '--json'], stdout=open('/dev/null', 'w'))\n"
        "seconds = time.perf_counter() - start\n"
        "rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024\n"
        "if os.path.exists('/proc/self/status'):\n"
        "    hwm = [l for l in open('/proc/self/status') if l.startswith('VmHWM')]\n"
        "    rss = int(hwm[0].split()[1]) / 1024\n"
        "print(seconds, rss, rc)\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", code, str(path)], capture_output=True, text=True,
        cwd=ROOT, check=True,
    )  # fmt: skip
    seconds, rss, rc = done.stdout.split()
    if rc not in ("0", "1"):
        raise RuntimeError(f"scan exited {rc}: {done.stderr}")
    return {"seconds": float(seconds), "rss_mb": float(rss)}


def _core(path: Path) -> dict[str, Any]:
    """In-process: the core's own peak Python allocations (tracemalloc)."""
    from opentok_studio.core.errors import DecodeError
    from opentok_studio.core.model import ProjectCredentials
    from opentok_studio.core.scan import scan
    from opentok_studio.store.reader import iter_text_chunks

    tracemalloc.start()
    start = time.perf_counter()
    result = scan(
        iter_text_chunks(path, what="file", limit=2**31, error=DecodeError),
        ProjectCredentials(API_KEY, API_SECRET),
        now=MADE_AT,
        named_har=path.suffix == ".har",
    )
    seconds = time.perf_counter() - start
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    return {"seconds": seconds, "peak_mb": peak / 2**20, "tokens": len(result.tokens),
            "units": result.units}  # fmt: skip


def _grep(path: Path) -> float:
    grep = shutil.which("grep") or "grep"
    start = time.perf_counter()
    subprocess.run([grep, "-c", "T1==", str(path)], capture_output=True, check=False)
    return time.perf_counter() - start


def bench(folder: Path) -> list[dict[str, Any]]:
    """Scan each generated file; one row per file."""
    rows = []
    for name, make in (("har", make_har), ("log", make_log)):
        path = folder / f"bench.{name}"
        make(path)
        mb = path.stat().st_size / 2**20
        cli = min((_cli(path) for _ in range(2)), key=lambda r: r["seconds"])
        core = _core(path)
        grep = min(_grep(path) for _ in range(3))
        rows.append({
            "input": name, "mb": mb, "tokens": core["tokens"], "units": core["units"],
            "cli_s": cli["seconds"], "cli_mb_s": mb / cli["seconds"],
            "cli_peak_rss_mb": cli["rss_mb"], "core_s": core["seconds"],
            "core_mb_s": mb / core["seconds"], "core_peak_alloc_mb": core["peak_mb"],
            "grep_s": grep, "grep_mb_s": mb / grep,
        })  # fmt: skip
        path.unlink()
    return rows


def print_rows(rows: list[dict[str, Any]]) -> None:
    for r in rows:
        print(
            f"scan {r['input']}: {r['mb']:.1f} MB, {r['units']:,} "
            f"{'entries' if r['input'] == 'har' else 'lines'}, {r['tokens']} tokens; "
            f"CLI {r['cli_s']:.2f} s = {r['cli_mb_s']:.1f} MB/s, peak RSS "
            f"{r['cli_peak_rss_mb']:.0f} MB; core under tracemalloc "
            f"{r['core_mb_s']:.1f} MB/s, peak allocations "
            f"{r['core_peak_alloc_mb']:.1f} MB; grep -c {r['grep_mb_s']:.0f} MB/s "
            f"(reads it {r['cli_s'] / r['grep_s']:.0f}x faster, finding nothing)"
        )


if __name__ == "__main__":
    import tempfile

    with tempfile.TemporaryDirectory(prefix="otstudio-scan-") as tmp:
        out = bench(Path(tmp))
    print_rows(out)
