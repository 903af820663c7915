"""Typed, non-secret preferences in QSettings (never credentials or tokens)."""

from __future__ import annotations

from PySide6.QtCore import QByteArray, QSettings

from opentok_studio.gui.theme import Theme

#: Clipboard is cleared this many seconds after a copy (0 = never).
DEFAULT_CLIPBOARD_SECONDS = 30
#: The longest a copy may stay (the Preferences dialog offers 0 to this).
MAX_CLIPBOARD_SECONDS = 3600


class Prefs:
    """The window's remembered settings: geometry, tab, theme, clipboard timeout,
    and the working context (last profile name, session ID; #15)."""

    def __init__(self, settings: QSettings | None = None) -> None:
        self._s = settings or QSettings(
            QSettings.Format.IniFormat,
            QSettings.Scope.UserScope,
            "opentok-studio",
            "opentok-studio",
        )

    def _int(self, key: str, default: int) -> int:
        # Not value(key, default, int): Qt reads text that is no number as 0,
        # and a damaged clipboard timeout then meant "never clear".
        value = self._s.value(key, default)
        if isinstance(value, int) and not isinstance(value, bool):
            return value
        text = str(value).strip()
        digits = text[1:] if text.startswith("-") else text
        return int(text) if digits.isascii() and digits.isdigit() else default

    @property
    def clipboard_seconds(self) -> int:
        seconds = self._int("clipboard/clear_seconds", DEFAULT_CLIPBOARD_SECONDS)
        return min(MAX_CLIPBOARD_SECONDS, max(0, seconds))

    @clipboard_seconds.setter
    def clipboard_seconds(self, seconds: int) -> None:
        self._s.setValue("clipboard/clear_seconds", int(seconds))

    @property
    def theme(self) -> Theme:
        value = str(self._s.value("view/theme", Theme.SYSTEM.value, str))
        return Theme(value) if value in Theme.__members__.values() else Theme.SYSTEM

    @theme.setter
    def theme(self, theme: Theme) -> None:
        self._s.setValue("view/theme", theme.value)

    @property
    def token_format(self) -> str:
        value = str(self._s.value("form/format", "jwt", str))
        return value if value in ("jwt", "t1") else "jwt"

    @token_format.setter
    def token_format(self, value: str) -> None:
        self._s.setValue("form/format", value)

    @property
    def tab(self) -> int:
        return self._int("view/tab", 0)

    @tab.setter
    def tab(self, index: int) -> None:
        self._s.setValue("view/tab", int(index))

    @property
    def profile(self) -> str:
        """The last profile's name ("" for "This run only"); never its secret."""
        return str(self._s.value("context/profile", "", str))

    @profile.setter
    def profile(self, name: str) -> None:
        self._s.setValue("context/profile", name)

    @property
    def session_id(self) -> str:
        """The last session ID in the form (a session ID is not a secret)."""
        return str(self._s.value("context/session_id", "", str))

    @session_id.setter
    def session_id(self, session_id: str) -> None:
        self._s.setValue("context/session_id", session_id)

    @property
    def join_url(self) -> str:
        """The presenter's join-link template ({session_id}, {token})."""
        return str(self._s.value("presenter/join_url", "", str))

    @join_url.setter
    def join_url(self, template: str) -> None:
        self._s.setValue("presenter/join_url", template)

    def geometry(self) -> QByteArray | None:
        value = self._s.value("window/geometry")
        return value if isinstance(value, QByteArray) else None

    def set_geometry(self, geometry: QByteArray) -> None:
        self._s.setValue("window/geometry", geometry)

    def sync(self) -> None:
        self._s.sync()

    def file_name(self) -> str:
        """Where the settings live (tests scan it for secrets)."""
        return self._s.fileName()
