"""Where non-secret files live, per OS, found without Qt (as keyring's platform_ does)."""

from __future__ import annotations

import os
import sys
from pathlib import Path

APP_DIR = "opentok-studio"


def config_dir() -> Path:
    """The per-user config folder: XDG_CONFIG_HOME, APPDATA or Application Support."""
    if sys.platform == "win32":
        base = os.environ.get("APPDATA") or str(Path.home() / "AppData" / "Roaming")
    elif sys.platform == "darwin":
        base = str(Path.home() / "Library" / "Application Support")
    else:
        base = os.environ.get("XDG_CONFIG_HOME") or str(Path.home() / ".config")
    return Path(base) / APP_DIR


def profiles_file() -> Path:
    """The profile list (names, kinds, keys; never secrets)."""
    return config_dir() / "profiles.json"
