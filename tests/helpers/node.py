"""The official Node SDKs (tests/node, installed by `make test`): make tokens with
them, or run a generated snippet, on a clock pinned to a known millisecond."""

from __future__ import annotations

import functools
import json
import os
import shutil
import subprocess
from pathlib import Path
from typing import Any

import pytest

from tests.helpers import vectors

NODE_DIR = vectors.ROOT / "tests" / "node"
CLOCK_JS = NODE_DIR / "clock.js"
#: Milliseconds past MADE_AT: below half a second the SDKs' Math.round and
#: Math.floor agree; above it Math.round(now) is one second ahead.
LOW_MS = vectors.MADE_AT * 1000 + 200
HIGH_MS = vectors.MADE_AT * 1000 + 700
PACKAGES = ("opentok", "@vonage/video")


def _in_ci() -> bool:
    return os.environ.get("CI", "").lower() not in ("", "0", "false")


@functools.cache
def _missing() -> str | None:
    """Why the Node SDKs cannot run here, or None when they can."""
    node = shutil.which("node")
    if node is None:
        return "node is not installed (Debian: apt-get install nodejs npm)"
    if not all((NODE_DIR / "node_modules" / p).is_dir() for p in PACKAGES):
        return "tests/node is not installed: make node-sdks (make test does it)"
    # uuid 13 and node-fetch 3 are ES modules: node needs require(esm), >= 20.19.
    probe = subprocess.run(
        [node, "-e", "require('opentok'); require('@vonage/video')"],
        cwd=NODE_DIR, capture_output=True, text=True, timeout=60, check=False,
    )  # fmt: skip
    if probe.returncode != 0:
        last = (probe.stderr.strip().splitlines() or ["?"])[-1]
        return f"node cannot load the SDKs (needs >= 20.19): {last}"
    return None


def require_node() -> str:
    """The node binary. Without a usable node and tests/node's packages this
    skips loudly, and fails in CI (env CI set), where they must run."""
    reason = _missing()
    if reason is not None:
        if _in_ci():
            pytest.fail(f"Node SDK tests cannot run in CI: {reason}")
        pytest.skip(f"NOTE: Node SDK tests NOT run: {reason}")
    node = shutil.which("node")
    assert node is not None
    return node


def make_tokens(calls: list[dict[str, Any]]) -> list[dict[str, str]]:
    """Run tests/node/make_tokens.js once for all ``calls`` (its header says how)."""
    spec = {
        "api_key": vectors.API_KEY,
        "api_secret": vectors.API_SECRET,
        "application_id": vectors.APP_ID,
        "private_key_path": str(vectors.PEM_PATH),
        "calls": calls,
    }
    done = subprocess.run(
        [require_node(), str(NODE_DIR / "make_tokens.js")],
        input=json.dumps(spec), capture_output=True, text=True, timeout=120,
        check=False,
    )  # fmt: skip
    assert done.returncode == 0, done.stderr
    out: list[dict[str, str]] = json.loads(done.stdout)
    assert len(out) == len(calls)
    return out


def run_snippet(code: str, now_ms: int, workdir: Path) -> str:
    """Run a generated Node snippet with the test credentials in place of its
    placeholders, on a clock pinned to ``now_ms``; returns its ``token``."""
    for placeholder, value in (
        ('"YOUR_API_KEY"', json.dumps(vectors.API_KEY)),
        ('"YOUR_API_SECRET"', json.dumps(vectors.API_SECRET)),
        ('"YOUR_APPLICATION_ID"', json.dumps(vectors.APP_ID)),
        ('"private.key"', json.dumps(str(vectors.PEM_PATH))),
    ):
        code = code.replace(placeholder, value)
    script = workdir / "snippet.js"
    script.write_text(code + "\nprocess.stdout.write(token);\n", encoding="utf-8")
    env = dict(os.environ, STUDIO_NOW_MS=str(now_ms))
    env["NODE_PATH"] = str(NODE_DIR / "node_modules")
    done = subprocess.run(
        [require_node(), "--require", str(CLOCK_JS), str(script)],
        capture_output=True, text=True, env=env, timeout=60, check=False,
    )  # fmt: skip
    assert done.returncode == 0, done.stderr
    return done.stdout
