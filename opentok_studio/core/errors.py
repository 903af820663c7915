"""StudioError and its subclasses: every error the core and the faces raise."""

from __future__ import annotations


class StudioError(Exception):
    """Base of every error OpenTok Studio raises on purpose.

    Messages are for people: they name what is wrong and what to do, and they
    never contain a secret.
    """


class ValidationError(StudioError):
    """A token option breaks a rule the official SDKs enforce.

    Attributes:
        field: the option at fault (``data``, ``expire_time``, ...).
        problem: what is wrong with it, without the field name or the fix.
        limit: the limit that was broken, as people read it, or None.
        value: a short, non-secret rendering of the offending value, or None.
    """

    def __init__(
        self,
        field: str,
        problem: str,
        *,
        limit: str | None = None,
        value: str | None = None,
        fix: str | None = None,
    ) -> None:
        self.field = field
        self.problem = problem
        self.limit = limit
        self.value = value
        self.fix = fix
        text = f"{field}: {problem}"
        if fix:
            text += f"; {fix}"
        super().__init__(text)


class DecodeError(StudioError):
    """Text in which no token or session ID can be recognised at all."""


class CredentialsError(StudioError):
    """Credentials are missing, incomplete or unusable (never shows the secret)."""


class StoreError(StudioError):
    """The profile store or the OS keyring failed."""


class ProfileExistsError(StoreError):
    """A profile of that name is saved already (adding or renaming onto it).

    Attributes:
        name: the name that is taken.
    """

    def __init__(self, name: str) -> None:
        self.name = name
        super().__init__(
            f"a profile named {name!r} exists already; remove it first or pick "
            "another name"
        )


class ImportClashError(StoreError):
    """Imported profiles would take names that are saved already; nothing was
    imported. The message names the CLI's fix; ``names`` lets a face word its own.

    Attributes:
        names: the names that are taken, as they would be imported.
    """

    def __init__(self, names: list[str]) -> None:
        self.names = tuple(names)
        fixes = " ".join(f"--rename {n}={n}-2" for n in names[:3])
        many = len(names) > 1
        super().__init__(
            f"profile{'s' if many else ''} {', '.join(repr(n) for n in names)} "
            f"exist{'' if many else 's'} already and {'are' if many else 'is'} "
            f"never overwritten; nothing was imported: rename on import ({fixes}) "
            "or remove the old one"
        )


class SecretNotRemovedError(StoreError):
    """A profile was not removed: its keyring secret could not be removed with
    it (locked, no keyring), and removing the profile alone would orphan it.

    Attributes:
        name: the profile, kept as it was.
        reason: what the keyring said.
    """

    def __init__(self, name: str, reason: str) -> None:
        self.name = name
        self.reason = reason
        super().__init__(
            f"profile {name!r} was not removed: its secret in the OS keyring "
            f"cannot be removed now ({reason}); unlock the keyring and try again"
        )


class NetworkError(StudioError):
    """A REST call failed or could not be made."""


class SecretRefError(StoreError):
    """A secret reference could not be resolved (#17): exit 3, like the keyring.

    Attributes:
        ref: the reference as written (``vault:secret/team/dev#api_secret``);
            it names the secret, it is never the secret.
        reason: what went wrong and what to do, in plain words.
    """

    def __init__(self, ref: str, reason: str) -> None:
        self.ref = ref
        self.reason = reason
        super().__init__(f"secret reference {ref}: {reason}")
