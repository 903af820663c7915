"""A real Secret Service (gnome-keyring under dbus-run-session; see Makefile test)."""

from __future__ import annotations

import os
import subprocess
import sys

import pytest

from opentok_studio.store import secrets
from opentok_studio.store.credentials import load_credentials
from opentok_studio.store.paths import profiles_file
from opentok_studio.store.profiles import ProfileFile
from tests.helpers import vectors

pytestmark = pytest.mark.secret_service


def test_cli_saves_window_reads_then_deletes(qtbot, isolated) -> None:
    env = {**os.environ, "XDG_CONFIG_HOME": str(isolated / "config")}
    add = subprocess.run(
        [sys.executable, "-m", "opentok_studio", "profile", "add", "real",
         "--api-key", vectors.API_KEY, "--secret-stdin"],
        input=vectors.API_SECRET + "\n", env=env, capture_output=True, text=True,
        timeout=60,
    )  # fmt: skip
    assert add.returncode == 0, add.stderr
    import keyring

    assert type(keyring.get_keyring()).__name__ == "Keyring"
    assert "SecretService" in type(keyring.get_keyring()).__module__
    # the window's profile picker reads it back from the real keyring
    from opentok_studio.gui.profilebar import ProfileBar

    bar = ProfileBar()
    qtbot.addWidget(bar)
    with qtbot.waitSignal(bar.chosen, timeout=10_000) as chosen:
        bar.choose("real")
    profile, creds = chosen.args
    assert profile.name == "real"
    assert creds.api_secret == vectors.API_SECRET
    assert load_credentials(ProfileFile(profiles_file()).get("real")) == creds
    rm = subprocess.run(
        [sys.executable, "-m", "opentok_studio", "profile", "remove", "real"],
        env=env, capture_output=True, text=True, timeout=60,
    )  # fmt: skip
    assert rm.returncode == 0, rm.stderr
    assert keyring.get_password(secrets.SERVICE, "profile:real") is None
