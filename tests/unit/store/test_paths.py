"""store/paths.py: the config folder per OS, found without Qt."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

from opentok_studio.store import paths


def test_xdg_config_home_on_linux(monkeypatch, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    monkeypatch.setattr(sys, "platform", "linux")
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path))
    assert paths.config_dir() == tmp_path / "opentok-studio"
    assert paths.profiles_file() == tmp_path / "opentok-studio" / "profiles.json"
    monkeypatch.delenv("XDG_CONFIG_HOME")
    assert paths.config_dir() == Path.home() / ".config" / "opentok-studio"


@pytest.mark.parametrize(
    ("platform", "env", "parts"),
    [("win32", {"APPDATA": "C:/Users/ann/AppData/Roaming"},
      ("C:/Users/ann/AppData/Roaming",)),
     ("darwin", {}, (str(Path.home()), "Library", "Application Support"))],
)  # fmt: skip
def test_windows_and_macos(monkeypatch, platform, env, parts) -> None:  # type: ignore[no-untyped-def]
    monkeypatch.setattr(sys, "platform", platform)
    for name, value in env.items():
        monkeypatch.setenv(name, value)
    assert paths.config_dir() == Path(*parts) / "opentok-studio"
