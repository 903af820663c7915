"""In a fresh interpreter: core and the CLI never load Qt, core never loads keyring.

Also `python -m opentok_studio` works as a real process (STYLE.md section 1).
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import textwrap

import jwt

from tests.helpers import vectors

CLEAN_ENV = {
    name: value
    for name, value in os.environ.items()
    if not name.startswith(("OPENTOK_", "VONAGE_", "PYTHON_KEYRING"))
}
PROJECT_ENV = {
    **CLEAN_ENV,
    "OPENTOK_API_KEY": vectors.API_KEY,
    "OPENTOK_API_SECRET": vectors.API_SECRET,
}


def python(*args: str, env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    """``python ARGS`` in the project folder, its output captured."""
    return subprocess.run(
        [sys.executable, *args],
        capture_output=True,
        text=True,
        env=env,
        cwd=vectors.ROOT,
        timeout=60,
        check=False,
    )


def python_code(code: str, env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    return python("-c", textwrap.dedent(code), env=env)


def test_importing_core_loads_neither_qt_nor_keyring() -> None:
    done = python_code(
        """
        import json, sys
        import opentok_studio.core
        print(json.dumps(sorted(
            m for m in sys.modules
            if m.split(".")[0] in ("PySide6", "keyring", "qasync")
        )))
        """,
        CLEAN_ENV,
    )
    assert done.returncode == 0, done.stderr
    assert json.loads(done.stdout) == []


def test_cli_token_decode_session_run_without_loading_qt() -> None:
    done = python_code(
        f"""
        import io, json, sys
        import opentok_studio.core
        core_loaded = sorted(m for m in sys.modules if m.split(".")[0] == "keyring")
        from opentok_studio.cli import main

        def run(*argv):
            out, err = io.StringIO(), io.StringIO()
            code = main(list(argv), stdout=out, stderr=err)
            return {{"code": code, "out": out.getvalue(), "err": err.getvalue()}}

        token = run("token", "--session-id", {vectors.SID!r})
        decode = run("decode", token["out"].strip(), "--json")
        session = run("session", {vectors.SID!r}, "--json")
        print(json.dumps({{
            "keyring_after_core": core_loaded,
            "token": token,
            "decode": decode,
            "session": session,
            "qt": sorted(m for m in sys.modules if m.split(".")[0] == "PySide6"),
            # vault: references load hvac and requests; nothing else may (#17).
            "vault": sorted(m for m in sys.modules
                            if m.split(".")[0] in ("hvac", "requests")),
        }}))
        """,
        PROJECT_ENV,
    )
    assert done.returncode == 0, done.stderr
    report = json.loads(done.stdout)
    assert report["keyring_after_core"] == []
    assert report["qt"] == []
    assert report["vault"] == []

    token = report["token"]
    assert token["code"] == 0, token["err"]
    claims = jwt.decode(
        token["out"].strip(), vectors.API_SECRET, algorithms=["HS256"], leeway=5
    )
    assert claims["session_id"] == vectors.SID

    decode = report["decode"]
    assert decode["code"] == 0, decode["out"]
    assert json.loads(decode["out"])["signature"] == "valid"

    session = report["session"]
    assert session["code"] == 0
    assert json.loads(session["out"])["belongs"] is True


def test_python_dash_m_opentok_studio_prints_a_token() -> None:
    done = python(
        "-m", "opentok_studio", "token", "--session-id", vectors.SID, env=PROJECT_ENV
    )
    assert done.returncode == 0, done.stderr
    assert done.stderr == ""
    lines = done.stdout.splitlines()
    assert len(lines) == 1
    claims = jwt.decode(lines[0], vectors.API_SECRET, algorithms=["HS256"], leeway=5)
    assert claims["iss"] == vectors.API_KEY
    assert claims["session_id"] == vectors.SID


def test_python_dash_m_opentok_studio_bad_input_exits_2() -> None:
    done = python("-m", "opentok_studio", "token", "--session-id", "", env=PROJECT_ENV)
    assert done.returncode == 2
    assert done.stdout == ""
    assert len(done.stderr.splitlines()) == 1
    assert done.stderr.startswith("error:")
