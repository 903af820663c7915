"""Run a benchmark's own script again as an offscreen child and read the JSON
line it prints last: each window measurement starts from a fresh process."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from typing import Any


def child_json(script: str, role: str, timeout: int) -> Any:
    """``python script role`` with Qt offscreen; its last stdout line, parsed."""
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    done = subprocess.run(  # noqa: S603 - our own interpreter and script
        [sys.executable, script, role],
        env=env,
        capture_output=True,
        text=True,
        timeout=timeout,
    )
    if done.returncode != 0:
        raise RuntimeError(f"{role} exited {done.returncode}: {done.stderr}")
    return json.loads(done.stdout.strip().splitlines()[-1])
