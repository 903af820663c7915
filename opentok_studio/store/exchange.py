"""Share profiles without their secrets: `profile export` / `profile import` (#17).

An export file holds what a teammate needs to set a profile up: names, keys,
labels, colours, defaults and each secret's *reference*. A secret kept in the
OS keyring (or a key file on the exporter's disk) is written as the placeholder
``keyring`` with a ``fill_in`` note: the secret itself never enters the file.

An imported file is data from someone else: nothing in it runs, every field is
checked with the profile file's own rules (store/profile.py), it names no
vault address nor token (those come from the importer's environment), and it
never replaces an existing profile: a clash refuses the whole import unless
the profile is renamed.
"""

from __future__ import annotations

import json
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

from opentok_studio.core.errors import ImportClashError, StoreError
from opentok_studio.core.model import Family
from opentok_studio.core.secretref import KEYRING, RefScheme
from opentok_studio.store.profile import Profile, profile_from_dict, validate_name
from opentok_studio.store.profiles import MAX_FILE_BYTES, ProfileFile
from opentok_studio.store.reader import read_text

#: What an export file says it is, so a profiles.json is not taken for one.
FORMAT = "opentok-studio profiles export"
FORMAT_VERSION = 1
#: The fields an export entry may hold; anything else is refused.
ENTRY_KEYS = frozenset(
    {"name", "kind", "key_id", "label", "color", "defaults", "secret_ref", "fill_in"}
)
#: An export of more profiles than this is not a team's list.
MAX_PROFILES = 1000


@dataclass(frozen=True, slots=True)
class Entry:
    """One profile of an export file.

    Attributes:
        profile: the profile as it would be saved (keyring placeholder: no
            secret_ref; an application then expects its PEM in the keyring).
        fill_in: the secret was not shareable: it must be put in place by
            hand (in the keyring, or by editing secret_ref before importing).
    """

    profile: Profile
    fill_in: bool


def export_text(profiles: Sequence[Profile]) -> str:
    """The export file's text: references, never a secret."""
    entries = []
    for p in profiles:
        entry: dict[str, Any] = {
            "name": p.name,
            "kind": p.kind.value,
            "key_id": p.key_id,
            "label": p.label,
            "color": p.color,
            "defaults": p.defaults,
        }
        if p.secret_ref:
            entry["secret_ref"] = p.secret_ref
        else:
            entry["secret_ref"] = str(KEYRING)  # a placeholder, never the secret
            entry["fill_in"] = (
                f"{_held_by_exporter(p)}: before importing, "
                f"set secret_ref here to env:NAME or vault:MOUNT/PATH#FIELD"
            )
        entries.append(entry)
    body = {"format": FORMAT, "version": FORMAT_VERSION, "profiles": entries}
    return json.dumps(body, indent=2, ensure_ascii=False, allow_nan=False) + "\n"


def _held_by_exporter(profile: Profile) -> str:
    """Where a secret that is not exported stayed, in words (never the secret):
    the keyring, or a key file (walk-through: a key file was called the keyring)."""
    if profile.reference is None:
        return "the private key is a key file on the exporter's disk"
    return f"the {profile.secret_name} stayed in the exporter's keyring"


def read_export(path: Path) -> list[Entry]:
    """The entries of an export file, each checked as the profile file is.

    Raises:
        StoreError: unreadable, too large, not JSON, not an export file, a
            newer format, a bad or repeated entry.
    """
    text = read_text(path, what="import file", limit=MAX_FILE_BYTES, error=StoreError)
    try:
        data = json.loads(text)
    except RecursionError:
        raise StoreError(f"import file {path} is nested too deeply") from None
    except ValueError as e:
        raise StoreError(f"import file {path} is not JSON ({e})") from None
    if not isinstance(data, dict) or data.get("format") != FORMAT:
        raise StoreError(
            f"import file {path} is not a profile export (make one with "
            "opentok-studio profile export --output FILE)"
        )
    version = data.get("version")
    if not isinstance(version, int) or isinstance(version, bool) or version < 1:
        raise StoreError(f"import file {path} has no valid version")
    if version > FORMAT_VERSION:
        raise StoreError(
            f"import file {path} was written by a newer OpenTok Studio (format "
            f"{version}; this version reads {FORMAT_VERSION}): update OpenTok Studio"
        )
    items = data.get("profiles")
    if not isinstance(items, list) or not items:
        raise StoreError(f"import file {path} holds no profiles")
    if len(items) > MAX_PROFILES:
        raise StoreError(f"import file {path} holds more than {MAX_PROFILES} profiles")
    entries: list[Entry] = []
    for number, item in enumerate(items, start=1):
        try:
            entries.append(_entry(item))
        except StoreError as e:
            raise StoreError(
                f"import file {path}: entry {number} is not a profile ({e}); "
                "nothing was imported"
            ) from None
    for entry in entries:
        if entry.fill_in:
            raise StoreError(_unfilled(path, entry.profile))
    seen: set[str] = set()
    for entry in entries:
        if entry.profile.name in seen:
            raise StoreError(
                f"import file {path} names profile {entry.profile.name!r} twice"
            )
        seen.add(entry.profile.name)
    return entries


def _unfilled(path: Path, profile: Profile) -> str:
    """Why an entry still holding the keyring placeholder is refused: imported,
    it claimed a keyring secret nobody can put there (walk-through)."""
    return (
        f"import file {path}: profile {profile.name!r} still has secret_ref "
        f'"{KEYRING}" (to fill in: its {profile.secret_name} is not in the file); '
        f"edit its secret_ref to env:NAME or vault:MOUNT/PATH#FIELD, or leave "
        f"it out and add it with opentok-studio profile add; nothing was imported"
    )


def _entry(item: object) -> Entry:
    if isinstance(item, dict):
        note = item.get("fill_in")
        if note is not None and not isinstance(note, str):
            raise StoreError("fill_in must be text")
        item = {k: v for k, v in item.items() if k != "fill_in"}
    profile = profile_from_dict(item, keys=ENTRY_KEYS - {"fill_in"})
    if profile.secret_ref:
        return Entry(profile, fill_in=False)
    # A placeholder: the secret is expected in the importer's keyring.
    return Entry(
        replace(profile, key_in_keyring=profile.kind is Family.APPLICATION),
        fill_in=True,
    )


def import_entries(
    store: ProfileFile, entries: Sequence[Entry], renames: Mapping[str, str]
) -> list[Entry]:
    """Add every entry (renamed where asked), all or nothing.

    Raises:
        StoreError: a rename names no entry or a bad name, or a name is taken
            (listed, with the --rename that would fix it); nothing was added.
    """
    names = {e.profile.name for e in entries}
    for old, new in renames.items():
        if old not in names:
            raise StoreError(
                f"--rename {old}={new}: the file has no profile named {old!r} "
                f"(it has: {', '.join(sorted(names))})"
            )
        validate_name(new)
    renamed = [
        Entry(replace(e.profile, name=renames.get(e.profile.name, e.profile.name)),
              e.fill_in)
        for e in entries
    ]  # fmt: skip
    new_names = [e.profile.name for e in renamed]
    if len(set(new_names)) != len(new_names):
        raise StoreError("two imported profiles would have the same name; rename one")
    with store.locked():
        existing = store.load()
        taken = [n for n in new_names if n in {p.name for p in existing}]
        if taken:
            raise ImportClashError(taken)
        store.save([*existing, *(e.profile for e in renamed)])
    return renamed


def needs(profile: Profile, fill_in: bool) -> str:
    """What must be in place before ``profile`` can make a token."""
    ref = profile.reference
    what = profile.secret_name
    if ref is None:  # never from an import; a local key file
        return f"the key file {profile.private_key_path}"
    if ref.scheme is RefScheme.ENV:
        return f"the environment variable {ref.name} holding the {what}"
    if ref.scheme is RefScheme.VAULT:
        return (
            f"VAULT_ADDR and VAULT_TOKEN (or ~/.vault-token) for your team's "
            f"vault, with read access to {ref.mount}/{ref.path} (field {ref.field}, "
            f"the {what})"
        )
    if fill_in:
        return (
            f"FILL IN: its {what} was not exported (it stayed with the "
            f"exporter); edit secret_ref in the file to env:NAME or "
            f"vault:MOUNT/PATH#FIELD before importing, or remove this profile and "
            f"`profile add {profile.name}` with the secret"
        )
    return f"its {what} in your OS keyring"
