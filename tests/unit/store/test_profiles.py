"""The profile file: round trips, atomic writes, and files we must not overwrite."""

from __future__ import annotations

import json
import stat
from pathlib import Path

import pytest

from opentok_studio.core.errors import StoreError
from opentok_studio.core.model import Family
from opentok_studio.core.secretref import parse_secret_ref
from opentok_studio.store.paths import config_dir, profiles_file
from opentok_studio.store.profile import Profile
from opentok_studio.store.profiles import FORMAT_VERSION, ProfileFile


@pytest.fixture
def store(isolated: Path) -> ProfileFile:
    return ProfileFile(profiles_file())


def test_lives_in_xdg_config_home(isolated: Path) -> None:
    assert config_dir() == isolated / "config" / "opentok-studio"


def test_round_trip_and_order(store: ProfileFile) -> None:
    a = Profile("staging", Family.PROJECT, "46123457", color="red", label="careful")
    b = Profile("app", Family.APPLICATION, "app-id", private_key_path="/k.pem")
    store.put(a)
    store.put(b)
    assert store.load() == [a, b]
    assert store.get("staging").is_production
    assert stat.S_IMODE(store.path.stat().st_mode) == 0o600
    assert not list(store.path.parent.glob(".profiles.*"))  # no temp file left


def test_duplicate_rename_remove(store: ProfileFile) -> None:
    store.put(Profile("a", Family.PROJECT, "1"))
    with pytest.raises(StoreError, match="exists"):
        store.put(Profile("a", Family.PROJECT, "2"))
    store.put(Profile("b", Family.PROJECT, "2"))
    with pytest.raises(StoreError, match="exists already"):
        store.rename("a", "b")
    store.rename("a", "c")
    assert [p.name for p in store.load()] == ["c", "b"]
    store.remove("c")
    with pytest.raises(StoreError, match=r"no profile named 'c' \(profiles: b\)"):
        store.get("c")


@pytest.mark.parametrize(
    "text, reason",
    [
        ("{not json", "damaged"),
        ('{"version": 1, "profiles": [5]}', "not a profile"),
        ('{"version": 1, "profiles": [{"name": "x"}]}', "not a profile"),
        ('["a"]', "not a profile list"),
        ('{"version": 99, "profiles": []}', "newer OpenTok Studio"),
    ],
)
def test_bad_files_are_refused_and_left_alone(store: ProfileFile, text: str,
                                              reason: str) -> None:  # fmt: skip
    store.path.parent.mkdir(parents=True, exist_ok=True)
    store.path.write_text(text)
    with pytest.raises(StoreError, match=reason):
        store.load()
    with pytest.raises(StoreError, match=reason):
        store.put(Profile("new", Family.PROJECT, "1"))
    assert store.path.read_text() == text  # never overwritten


def test_file_format(store: ProfileFile) -> None:
    store.put(Profile("p", Family.PROJECT, "46123457"))
    data = json.loads(store.path.read_text())
    # Without a secret reference the file stays version 1: older versions read it.
    assert data["version"] == 1 < FORMAT_VERSION
    assert data["profiles"][0]["kind"] == "project"
    assert "secret_ref" not in data["profiles"][0]
    store.put(Profile("v", Family.PROJECT, "46123457", secret_ref="env:OT_SECRET"))
    data = json.loads(store.path.read_text())
    assert data["version"] == FORMAT_VERSION
    assert data["profiles"][1]["secret_ref"] == "env:OT_SECRET"
    assert [p.reference for p in store.load()] == [
        parse_secret_ref("keyring"),
        parse_secret_ref("env:OT_SECRET"),
    ]
