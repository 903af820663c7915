"""gui/prefs.py: typed, non-secret settings that survive a restart."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QByteArray, QSettings

from opentok_studio.gui.prefs import DEFAULT_CLIPBOARD_SECONDS, Prefs
from opentok_studio.gui.theme import Theme
from tests.helpers import vectors

#: Every key Prefs may write; anything else in the file is a leak.
KEYS = {
    "clipboard/clear_seconds",
    "view/theme",
    "view/tab",
    "form/format",
    "context/profile",
    "context/session_id",
    "presenter/join_url",
    "window/geometry",
}
JOIN = "https://demo.example.com/join?session={session_id}&token={token}"


def _reopen(prefs: Prefs) -> Prefs:
    """The same file read afresh, as the next start reads it."""
    prefs.sync()
    return Prefs(QSettings(prefs.file_name(), QSettings.Format.IniFormat))


def _ini(path: Path, text: str) -> Prefs:
    path.write_text(text, encoding="utf-8")
    return Prefs(QSettings(str(path), QSettings.Format.IniFormat))


# -- moved from test_window_context.py ----------------------------------------------


def test_prefs_hold_nothing_secret_type(qapp, tmp_path) -> None:  # type: ignore[no-untyped-def]
    prefs = Prefs(QSettings(str(tmp_path / "s.ini"), QSettings.Format.IniFormat))
    assert prefs.profile == "" and prefs.session_id == ""
    prefs.profile, prefs.session_id = "p", vectors.SID
    assert (prefs.profile, prefs.session_id) == ("p", vectors.SID)


# -- defaults and round trips --------------------------------------------------------


def test_defaults_of_an_empty_file(prefs: Prefs) -> None:
    assert prefs.clipboard_seconds == DEFAULT_CLIPBOARD_SECONDS == 30
    assert prefs.theme is Theme.SYSTEM
    assert prefs.token_format == "jwt"
    assert prefs.tab == 0
    assert (prefs.profile, prefs.session_id, prefs.join_url) == ("", "", "")
    assert prefs.geometry() is None


@pytest.mark.parametrize(
    ("name", "value"),
    [
        ("clipboard_seconds", 0),
        ("clipboard_seconds", 3600),
        ("theme", Theme.DARK),
        ("theme", Theme.LIGHT),
        ("token_format", "t1"),
        ("tab", 3),
        ("profile", "staging, eu"),  # a comma is a list in an ini file, unquoted
        ("session_id", vectors.SID),
        ("join_url", JOIN),
    ],
)
def test_each_key_survives_a_restart(prefs: Prefs, name: str, value: object) -> None:
    setattr(prefs, name, value)
    again = _reopen(prefs)
    assert getattr(again, name) == value
    assert type(getattr(again, name)) is type(value)


def test_geometry_survives_a_restart_byte_for_byte(prefs: Prefs) -> None:
    geometry = QByteArray(b"\x01\xd9\xd0\xcb\x00\x03\x00\x00\xff")
    prefs.set_geometry(geometry)
    assert _reopen(prefs).geometry() == geometry


def test_file_name_is_the_settings_file(prefs: Prefs, isolated: Path) -> None:
    prefs.tab = 1
    prefs.sync()
    assert Path(prefs.file_name()) == isolated / "settings.ini"
    assert "tab=1" in Path(prefs.file_name()).read_text(encoding="utf-8")


def test_default_settings_are_the_apps_own_ini_file(qapp) -> None:  # type: ignore[no-untyped-def]
    # test_app.py's subprocess finds this file under its XDG_CONFIG_HOME.
    assert Prefs().file_name().endswith("/opentok-studio/opentok-studio.ini")


# -- what a hand-edited or older file may hold ---------------------------------------


@pytest.mark.parametrize(
    ("ini", "name", "expected"),
    [
        ("[view]\ntheme=purple\n", "theme", Theme.SYSTEM),
        ("[view]\ntheme=dark\n", "theme", Theme.DARK),
        ("[form]\nformat=xml\n", "token_format", "jwt"),
        ("[form]\nformat=t1\n", "token_format", "t1"),
        ("[clipboard]\nclear_seconds=-5\n", "clipboard_seconds", 0),
        ("[clipboard]\nclear_seconds=90\n", "clipboard_seconds", 90),
        # Text that is no number was read as 0: "never clear" (a mirror test found it).
        ("[clipboard]\nclear_seconds=abc\n", "clipboard_seconds", 30),
        ("[clipboard]\nclear_seconds=\n", "clipboard_seconds", 30),
        ("[clipboard]\nclear_seconds=½\n", "clipboard_seconds", 30),
        ("[clipboard]\nclear_seconds=99999999999\n", "clipboard_seconds", 3600),
        ("[clipboard]\nclear_seconds= 45 \n", "clipboard_seconds", 45),
        ("[window]\ntab=x\n", "tab", 0),
        ("[window]\ngeometry=not bytes\n", "geometry", None),
    ],
)
def test_a_value_outside_the_choices_falls_back(
    qapp, tmp_path: Path, ini: str, name: str, expected: object
) -> None:  # type: ignore[no-untyped-def]
    prefs = _ini(tmp_path / "s.ini", ini)
    value = getattr(prefs, name)
    assert (value() if callable(value) else value) == expected


# -- never a secret ------------------------------------------------------------------


def test_only_the_known_keys_are_written_and_no_secret(prefs: Prefs) -> None:
    prefs.clipboard_seconds = 45
    prefs.theme = Theme.DARK
    prefs.token_format = "t1"
    prefs.tab = 2
    prefs.profile = "staging"
    prefs.session_id = vectors.SID
    prefs.join_url = JOIN
    prefs.set_geometry(QByteArray(b"\x01\x02"))
    prefs.sync()
    settings = QSettings(prefs.file_name(), QSettings.Format.IniFormat)
    assert set(settings.allKeys()) == KEYS
    text = Path(prefs.file_name()).read_text(encoding="utf-8")
    assert vectors.API_SECRET not in text and vectors.API_KEY not in text


def test_prefs_has_no_place_for_credentials() -> None:
    # A new setting is added here on purpose, after asking whether it is secret.
    assert {n for n in dir(Prefs) if not n.startswith("_")} == {
        "clipboard_seconds", "theme", "token_format", "tab", "profile",
        "session_id", "join_url", "geometry", "set_geometry", "sync", "file_name",
    }  # fmt: skip
