"""Every file and stream the CLI reads is bounded, typed and never blocks (#13).

Devices and FIFOs run in a subprocess: a regression would read /dev/zero until
memory runs out (capped here at 1 GB of address space) or wait on a FIFO for
ever (the 60 s timeout only turns a hang into a failure; nothing is timed).
"""

from __future__ import annotations

import io
import json
import os
import resource
import subprocess
import sys
from pathlib import Path

import pytest

from opentok_studio.core import limits
from tests.helpers import vectors
from tests.helpers.cli import PROJECT_ENV, run
from tests.helpers.cli import assert_one_error as _assert_one_error

ROOT = Path(__file__).resolve().parents[3]


def assert_one_error(rc: int, out: str, err: str, code: int, *words: str) -> None:
    _assert_one_error((rc, out, err), code, *words)


# -- devices and FIFOs, wherever a file is read --------------------------------


def _cap_memory() -> None:
    resource.setrlimit(resource.RLIMIT_AS, (1 << 30, 1 << 30))


def _special(kind: str, folder: Path) -> Path:
    if kind == "zero":
        return Path("/dev/zero")
    fifo = folder / "fifo"
    os.mkfifo(fifo)
    return fifo


def _write_profiles(config: Path, key_path: str) -> None:
    folder = config / "opentok-studio"
    folder.mkdir(parents=True)
    profile = {"name": "app", "kind": "application", "key_id": vectors.APP_ID,
               "private_key_path": key_path}  # fmt: skip
    path = folder / "profiles.json"
    path.write_text(json.dumps({"version": 1, "profiles": [profile]}))
    path.chmod(0o600)


@pytest.mark.parametrize("kind", ["zero", "fifo"])
@pytest.mark.parametrize(
    "where, code", [("--private-key", 3), ("VONAGE_PRIVATE_KEY_PATH", 3),
                    ("profile key path", 3), ("profiles.json", 3), ("--csv", 2)],
)  # fmt: skip
def test_devices_and_fifos_are_refused_at_once(
    tmp_path: Path, kind: str, where: str, code: int
) -> None:
    special = _special(kind, tmp_path)
    config = tmp_path / "config"
    env = {k: v for k, v in os.environ.items()
           if not k.startswith(("OPENTOK_", "VONAGE_"))}  # fmt: skip
    env.update(XDG_CONFIG_HOME=str(config), PYTHONPATH=str(ROOT))
    token = ["token", "--session-id", vectors.APP_SID]
    app = ["--application-id", vectors.APP_ID]
    argv = {
        "--private-key": [*token, *app, "--private-key", str(special)],
        "VONAGE_PRIVATE_KEY_PATH": token,
        "profile key path": [*token, "--profile", "app"],
        "profiles.json": ["profile", "list"],
        "--csv": [*token, *app, "--private-key", str(vectors.PEM_PATH),
                  "--csv", str(special)],
    }[where]  # fmt: skip
    if where == "VONAGE_PRIVATE_KEY_PATH":
        env.update(VONAGE_APPLICATION_ID=vectors.APP_ID,
                   VONAGE_PRIVATE_KEY_PATH=str(special))  # fmt: skip
    elif where == "profile key path":
        _write_profiles(config, str(special))
    elif where == "profiles.json":
        (config / "opentok-studio").mkdir(parents=True)
        (config / "opentok-studio" / "profiles.json").symlink_to(special)
    done = subprocess.run(
        [sys.executable, "-m", "opentok_studio", *argv],
        cwd=ROOT, env=env, capture_output=True, text=True, timeout=60,
        preexec_fn=_cap_memory, stdin=subprocess.DEVNULL,
    )  # fmt: skip
    assert_one_error(
        done.returncode, done.stdout, done.stderr, code, "not a regular file"
    )
    named = "profiles.json" if where == "profiles.json" else str(special)
    assert named in done.stderr


# -- stdin ---------------------------------------------------------------------


def test_decode_stdin_that_is_not_utf8_is_exit_2() -> None:
    stdin = io.TextIOWrapper(io.BytesIO(b"eyJhbGciOi\xff\xfe\n"), encoding="utf-8")
    rc, out, err = run("decode", "-", stdin=stdin)
    assert_one_error(rc, out, err, 2, "stdin is not UTF-8 text")


def test_decode_stdin_over_the_cap_is_refused_in_words() -> None:
    big = "a" * (limits.MAX_INPUT_CHARS + 1)
    stdin = io.TextIOWrapper(io.BytesIO(big.encode()), encoding="utf-8")
    rc, out, err = run("decode", "-", stdin=stdin)
    assert_one_error(rc, out, err, 2, "more than 1,000,000 characters")


class Endless(io.RawIOBase):
    """A stdin that never ends and never sends a newline (cat /dev/zero |)."""

    def __init__(self) -> None:
        self.taken = 0

    def readable(self) -> bool:
        return True

    def readinto(self, buffer) -> int:  # type: ignore[no-untyped-def]
        if self.taken > 64 * 1024 * 1024:
            raise AssertionError("stdin read without a bound")
        buffer[:] = b"\0" * len(buffer)
        self.taken += len(buffer)
        return len(buffer)


def test_secret_stdin_is_bounded() -> None:
    raw = Endless()
    stdin = io.TextIOWrapper(io.BufferedReader(raw), encoding="utf-8")
    rc, out, err = run("profile", "add", "x", "--api-key", vectors.API_KEY,
                       "--secret-stdin", stdin=stdin)  # fmt: skip
    assert_one_error(rc, out, err, 3, "longer than 4,096 characters")
    assert raw.taken < 1024 * 1024


def test_decode_endless_stdin_is_bounded() -> None:
    raw = Endless()
    stdin = io.TextIOWrapper(io.BufferedReader(raw), encoding="utf-8")
    rc, out, err = run("decode", "-", stdin=stdin)
    assert_one_error(rc, out, err, 2, "more than 1,000,000 characters")
    assert raw.taken <= 4 * limits.MAX_INPUT_CHARS + 64 * 1024


# -- --csv -----------------------------------------------------------------------


def csv_token(path: Path) -> tuple[int, str, str]:
    return run(
        "token", "--session-id", vectors.SID, "--csv", str(path), env=PROJECT_ENV
    )


def test_csv_field_over_the_csv_module_limit_is_one_error_line(tmp_path: Path) -> None:
    path = tmp_path / "rows.csv"
    path.write_text("session_id,data\n" + f"{vectors.SID},{'x' * 200_000}\n")
    assert_one_error(*csv_token(path), 2, "row 2", "field larger than field limit")


def test_csv_rows_are_capped_like_count(tmp_path: Path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    monkeypatch.setattr(limits, "MAX_BATCH", 5)
    path = tmp_path / "rows.csv"
    path.write_text("data\n" + "".join(f"user-{n}\n" for n in range(6)))
    assert_one_error(*csv_token(path), 2, "more than 5 rows")
    rc, out, err = run("token", "--session-id", vectors.SID, "--count", "6",
                       "--data-template", "u{n}", env=PROJECT_ENV)  # fmt: skip
    assert_one_error(rc, out, err, 2, "outside 1..5")
    path.write_text("data\n" + "".join(f"user-{n}\n" for n in range(5)))
    rc, out, err = csv_token(path)
    assert rc == 0, err
    assert len(out.splitlines()) == 5


def test_csv_file_is_bounded_and_utf8(tmp_path: Path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    path = tmp_path / "rows.csv"
    path.write_bytes(b"data\nuser-\xff\n")
    assert_one_error(*csv_token(path), 2, "not UTF-8 text")
    monkeypatch.setattr("opentok_studio.store.batchfile.MAX_CSV_BYTES", 100)
    path.write_text("data\n" + "user\n" * 30)
    assert_one_error(*csv_token(path), 2, "larger than 100 bytes")
