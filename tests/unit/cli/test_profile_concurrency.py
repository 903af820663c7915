"""Concurrent `profile add` in real processes: no profile lost, no orphan secret (#13).

Every process imports the app, then waits on stdin; the test releases them all
at once, and each adds its profiles one after another. Pairs of processes also
fight over shared names: exactly one of each pair may win, and the keyring must
hold the winner's secret.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

from opentok_studio.store.paths import profiles_file
from opentok_studio.store.profiles import ProfileFile
from tests.helpers import vectors
from tests.helpers.keyrings import FileKeyring

PROCESSES = 16
OWN_NAMES = 6  # per process, nobody else's
SHARED_NAMES = 2  # per pair of processes

CHILD = r"""
import io, json, os, sys
from opentok_studio.store import secrets
from tests.helpers.keyrings import FileKeyring

# The test keyring joins the OS allow-list in this child only, as conftest does.
secrets.OS_BACKENDS = secrets.OS_BACKENDS | {
    (FileKeyring.__module__, FileKeyring.__qualname__)
}
from opentok_studio.cli import main

sys.stdin.readline()  # the start line: every process begins together
results = []
for name in sys.argv[2:]:
    secret = f"sec-{name}-{sys.argv[1]}"
    out, err = io.StringIO(), io.StringIO()
    argv = ["profile", "add", name, "--api-key", os.environ["TEST_API_KEY"],
            "--secret-stdin"]
    rc = main(argv, out, err, stdin=io.StringIO(secret + "\n"), env={})
    results.append({"name": name, "rc": rc, "secret": secret, "err": err.getvalue()})
print(json.dumps(results))
"""


def _names(i: int) -> list[str]:
    own = [f"p{i}-{j}" for j in range(OWN_NAMES)]
    shared = [f"dup{i // 2}-{k}" for k in range(SHARED_NAMES)]
    # Partners take the shared names in opposite orders: more overlap.
    return own[:3] + (shared if i % 2 else shared[::-1]) + own[3:]


def test_concurrent_adds_lose_nothing_and_orphan_no_secret(
    tmp_path: Path, isolated: Path
) -> None:
    root = Path(__file__).resolve().parents[3]
    keyring_file = tmp_path / "keyring.json"
    env = {
        **os.environ,
        "PYTHON_KEYRING_BACKEND": f"{FileKeyring.__module__}.FileKeyring",
        "OPENTOK_STUDIO_TEST_KEYRING": str(keyring_file),
        "PYTHONPATH": str(root),
        "TEST_API_KEY": vectors.API_KEY,
    }
    children = [
        subprocess.Popen(
            [sys.executable, "-c", CHILD, str(i), *_names(i)],
            cwd=root,
            env=env,
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        for i in range(PROCESSES)
    ]
    for child in children:  # release them together
        assert child.stdin is not None
        child.stdin.write("go\n")
        child.stdin.flush()
    results = []
    for child in children:
        out, err = child.communicate()
        assert child.returncode == 0, err
        results += json.loads(out)

    saved = {p.name: p for p in ProfileFile(profiles_file()).load()}
    stored = {
        key.split("|profile:", 1)[1]: value
        for key, value in json.loads(keyring_file.read_text()).items()
    }
    winners = {r["name"]: r for r in results if r["rc"] == 0}
    losers = [r for r in results if r["rc"] != 0]

    # Every add that said "saved" is in the file, with its own secret.
    lost = sorted(set(winners) - set(saved))
    assert lost == [], f"{len(lost)} of {len(winners)} saved profiles lost: {lost[:10]}"
    assert set(saved) == set(winners)
    assert stored == {name: r["secret"] for name, r in winners.items()}
    # Each process's own names all succeed; each shared name has one winner.
    assert len(winners) == PROCESSES * OWN_NAMES + PROCESSES // 2 * SHARED_NAMES
    assert len(losers) == PROCESSES // 2 * SHARED_NAMES
    for r in losers:
        assert r["name"].startswith("dup")
        assert r["rc"] == 3 and r["err"].startswith("error: ") and "exists" in r["err"]
    assert all(p.key_id == vectors.API_KEY for p in saved.values())
