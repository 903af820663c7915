"""store/exchange.py: export writes no secret; an imported file is data,
checked field by field, and never replaces a profile."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from opentok_studio.core.errors import StoreError
from opentok_studio.core.model import Family
from opentok_studio.store.exchange import (
    FORMAT,
    export_text,
    import_entries,
    needs,
    read_export,
)
from opentok_studio.store.paths import profiles_file
from opentok_studio.store.profile import Profile
from opentok_studio.store.profiles import ProfileFile


@pytest.fixture
def store() -> ProfileFile:
    return ProfileFile(profiles_file())


def entry(**fields: Any) -> dict[str, Any]:
    return {"name": "dev", "kind": "project", "key_id": "46123457", "label": "",
            "color": "", "defaults": {}, "secret_ref": "env:OT", **fields}  # fmt: skip


def write(tmp_path: Path, profiles: Any, **top: Any) -> Path:
    path = tmp_path / "shared.json"
    body = {"format": FORMAT, "version": 1, "profiles": profiles, **top}
    path.write_text(json.dumps(body))
    return path


def test_export_keeps_references_and_marks_keyring_secrets() -> None:
    text = export_text([
        Profile("a", Family.PROJECT, "1", secret_ref="vault:secret/a#s", color="red"),
        Profile("b", Family.PROJECT, "2"),
        Profile("c", Family.APPLICATION, "app", private_key_path="/home/lead/k.pem"),
        Profile("d", Family.APPLICATION, "app", key_in_keyring=True),
    ])  # fmt: skip
    data = json.loads(text)
    assert data["format"] == FORMAT
    by_name = {e["name"]: e for e in data["profiles"]}
    assert by_name["a"] == {"name": "a", "kind": "project", "key_id": "1",
                            "label": "", "color": "red", "defaults": {},
                            "secret_ref": "vault:secret/a#s"}  # fmt: skip
    for name in "bcd":
        assert by_name[name]["secret_ref"] == "keyring"
        assert "before importing" in by_name[name]["fill_in"]
    assert "/home/lead" not in text  # a key file's path is the lead's, not ours


def test_round_trip(tmp_path: Path, store: ProfileFile) -> None:
    path = tmp_path / "x.json"
    path.write_text(export_text([
        Profile("a", Family.PROJECT, "1", secret_ref="vault:secret/a#s",
                defaults={"role": "moderator"}),
        Profile("b", Family.APPLICATION, "app", key_in_keyring=True),
    ]))  # fmt: skip
    # b's PEM stayed in the exporter's keyring: refused until it is filled in.
    with pytest.raises(StoreError) as caught:
        read_export(path)
    assert "profile 'b' still has secret_ref \"keyring\"" in str(caught.value)
    assert "private key (PEM) is not in the file" in str(caught.value)
    path.write_text(path.read_text().replace('"keyring"', '"env:OT_KEY"'))
    added = import_entries(store, read_export(path), {})
    assert [e.fill_in for e in added] == [False, False]
    assert store.load() == [e.profile for e in added]
    assert store.get("a").secret_ref == "vault:secret/a#s"
    assert store.get("a").defaults == {"role": "moderator"}
    assert store.get("b").secret_ref == "env:OT_KEY"
    assert "FILL IN" in needs(Profile("p", Family.PROJECT, "1"), True)
    assert "read access to secret/a" in needs(store.get("a"), False)


def test_never_overwrites_and_renames(tmp_path: Path, store: ProfileFile) -> None:
    store.put(Profile("dev", Family.PROJECT, "999"))
    path = write(tmp_path, [entry(), entry(name="qa")])
    with pytest.raises(
        StoreError, match="'dev' exists already and is never overwritten"
    ):
        import_entries(store, read_export(path), {})
    assert [p.name for p in store.load()] == ["dev"]  # qa was not added either
    import_entries(store, read_export(path), {"dev": "dev-team"})
    assert [p.name for p in store.load()] == ["dev", "dev-team", "qa"]
    assert store.get("dev").key_id == "999"
    with pytest.raises(StoreError, match="has no profile named 'nope'"):
        import_entries(store, read_export(path), {"nope": "x"})
    with pytest.raises(StoreError, match="not allowed"):
        import_entries(store, read_export(path), {"dev": "../x"})
    with pytest.raises(StoreError, match="same name"):
        import_entries(store, read_export(path), {"dev": "z", "qa": "z"})


@pytest.mark.parametrize(
    "profiles, words",
    [
        ([entry(secret_ref="vault:secret/../sys/seal#x")], "each part of MOUNT/PATH"),
        ([entry(secret_ref="0123456789abcdef0123456789abcdef01234567")], "not shown"),
        ([entry(secret_ref=["env:X"])], "secret_ref must be text"),
        ([entry(command="rm -rf ~")], "unknown field 'command'"),
        ([entry(api_secret="x")], "unknown field 'api_secret'"),
        ([entry(private_key_path="/dev/zero")], "unknown field 'private_key_path'"),
        ([entry(key_in_keyring=True)], "unknown field 'key_in_keyring'"),
        ([entry(name="../../etc")], "not allowed"),
        ([entry(name=7)], "name must be text"),
        ([entry(kind="admin")], "not a profile"),
        ([entry(key_id="")], "key_id is empty"),
        ([entry(key_id="9" * 300)], "key_id is 300 characters"),
        ([entry(label="x" * 1001)], "label is 1001 characters"),
        ([entry(color="#ff0000")], "colour"),
        ([entry(defaults={"expire_in": 10**12})], "default expire_in"),
        ([entry(defaults={"api_url": "file:///etc/passwd"})], "default"),
        ([entry(defaults={"shell": "x"})], "default shell"),
        ([entry(fill_in=5)], "fill_in must be text"),
        ([entry(), entry()], "names profile 'dev' twice"),
        (["dev"], "not an object"),
        ([], "holds no profiles"),
        ({"dev": entry()}, "holds no profiles"),
    ],
)
def test_hostile_files_are_refused(
    tmp_path: Path, store: ProfileFile, profiles: Any, words: str
) -> None:
    path = write(tmp_path, profiles)
    with pytest.raises(StoreError) as caught:
        import_entries(store, read_export(path), {})
    assert words in str(caught.value)
    assert "0123456789abcdef0123456789abcdef01234567" not in str(caught.value)
    assert store.load() == []


@pytest.mark.parametrize(
    "text, words",
    [
        ("not json", "is not JSON"),
        ("[" * 100_000, "nested too deeply"),
        (json.dumps({"version": 1, "profiles": []}), "is not a profile export"),
        (json.dumps({"format": FORMAT, "version": 2, "profiles": []}), "newer"),
        (json.dumps({"format": FORMAT, "version": True, "profiles": []}), "version"),
        (json.dumps({"format": FORMAT, "version": 1,
                     "profiles": [entry(name=f"p{i}") for i in range(1001)]}),
         "more than 1000"),
    ],
)  # fmt: skip
def test_broken_files(tmp_path: Path, text: str, words: str) -> None:
    path = tmp_path / "in.json"
    path.write_text(text)
    with pytest.raises(StoreError, match=words):
        read_export(path)


def test_size_bound_and_non_files(tmp_path: Path) -> None:
    big = tmp_path / "big.json"
    big.write_text(" " * (1024 * 1024 + 1))
    with pytest.raises(StoreError, match="import file"):
        read_export(big)
    with pytest.raises(StoreError, match="is a folder"):
        read_export(tmp_path)
    with pytest.raises(StoreError, match="does not exist"):
        read_export(tmp_path / "absent.json")


def test_profiles_file_is_not_an_export(store: ProfileFile) -> None:
    store.put(Profile("a", Family.PROJECT, "1"))
    with pytest.raises(StoreError, match="not a profile export"):
        read_export(store.path)


def test_export_says_a_key_file_is_a_key_file() -> None:
    # Walk-through: a key file's PEM "stayed in the exporter's keyring".
    data = json.loads(export_text([
        Profile("file", Family.APPLICATION, "app", private_key_path="/k/app.pem"),
        Profile("kr", Family.APPLICATION, "app", key_in_keyring=True),
    ]))  # fmt: skip
    notes = {e["name"]: e["fill_in"] for e in data["profiles"]}
    assert notes["file"].startswith("the private key is a key file on the exporter's")
    assert "keyring" not in notes["file"]
    assert notes["kr"].startswith("the private key (PEM) stayed in the exporter's ")
