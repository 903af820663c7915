"""A vault: profile in the window (#17), against a real OpenBao dev server:
the secret is read off the GUI thread, the token verifies with it, and a vault
that never answers leaves the window running and says which reference failed."""

from __future__ import annotations

import socket

import jwt
import pytest

from opentok_studio.gui.mainwindow import MainWindow
from tests.conftest import VAULT_SECRET
from tests.helpers import vectors
from tests.helpers.openbao import Bao
from tests.unit.cli.test_profile_vault import REF, add_vault_profile, put

pytestmark = pytest.mark.vault


def test_a_vault_profile_makes_a_verified_token(
    qtbot, window: MainWindow, openbao: Bao, monkeypatch: pytest.MonkeyPatch
) -> None:
    put(openbao, "team/dev", api_secret=VAULT_SECRET)
    add_vault_profile()
    for name, value in openbao.env().items():
        monkeypatch.setenv(name, value)
    bar = window.credentials.profiles
    bar.reload()
    with qtbot.waitSignal(bar.chosen, timeout=15_000):
        bar.choose("dev")
        assert (
            "Reading vault:secret/team/dev#api_secret" in window.credentials.hint.text()
        )
    window.form.session_id.setText(vectors.SID)
    window.generate()
    token = window.make_tab.result.current_token()
    claims = jwt.decode(
        token, VAULT_SECRET, algorithms=["HS256"], options={"verify_aud": False}
    )
    assert claims["iss"] == vectors.API_KEY


def test_a_silent_vault_keeps_the_window_running(
    qtbot, window: MainWindow, ticks, monkeypatch: pytest.MonkeyPatch
) -> None:
    from opentok_studio.store import vault

    monkeypatch.setattr(vault, "READ_TIMEOUT", 1.0)
    with socket.socket() as silent:
        silent.bind(("127.0.0.1", 0))
        silent.listen(1)
        monkeypatch.setenv("VAULT_ADDR", f"http://127.0.0.1:{silent.getsockname()[1]}")
        monkeypatch.setenv("VAULT_TOKEN", "t")
        add_vault_profile()
        bar = window.credentials.profiles
        bar.reload()
        ticks.wait_ticking(qtbot)
        with qtbot.waitSignal(bar.failed, timeout=15_000) as failed:
            bar.choose("dev")
        assert REF in failed.args[0] and "did not answer in time" in failed.args[0]
        assert ticks.longest_gap < 0.5  # the event loop kept turning meanwhile
    assert "Credentials typed here still work" in window.credentials.hint.text()
