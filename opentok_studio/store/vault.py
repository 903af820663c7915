"""Read one field of a Vault / OpenBao KV v2 entry (#17), bounded, with hvac.

The address and token come from the environment as the vault's own CLI reads
them (VAULT_ADDR, VAULT_TOKEN or ~/.vault-token, VAULT_NAMESPACE, VAULT_CACERT),
never from a profile: an imported profile names a secret, it cannot send our
token elsewhere. Every failure is a SecretRefError naming the reference; the
value read is returned to the caller, kept in memory only, and never appears in
a message (the vault's own error words are passed on: they name paths and
policies, never values).
"""

from __future__ import annotations

import time
from collections.abc import Mapping
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from opentok_studio.core.errors import SecretRefError, StudioError
from opentok_studio.core.secretref import RefScheme, SecretRef
from opentok_studio.store.reader import read_text

#: Seconds to connect, and to wait for each read from the socket.
CONNECT_TIMEOUT = 5.0
READ_TIMEOUT = 10.0
#: Seconds for a whole answer's body: a server that drips bytes is cut off.
BODY_DEADLINE = 15.0
#: A KV entry holding an API secret or a PEM key is a few KiB.
MAX_ANSWER_BYTES = 1024 * 1024
#: A token is ~100 characters; a ~/.vault-token larger than this is not one.
MAX_TOKEN_FILE_BYTES = 16 * 1024


class _Refused(StudioError):
    """Internal: a message for SecretRefError (the reference is added later)."""


class _Unanswered(_Refused):
    """Internal: the vault did not answer or could not be reached."""


def read_field(
    ref: SecretRef,
    env: Mapping[str, str],
    *,
    unanswered: set[str] | None = None,
) -> str:
    """The text in ``ref``'s field of the KV v2 entry (latest version).

    Args:
        ref: the vault: reference.
        env: VAULT_ADDR, VAULT_TOKEN, ...
        unanswered: the vault addresses that did not answer earlier in this
            run (one who-signed check of many profiles): one is not asked
            again, and one that does not answer now is added. None: ask.

    Raises:
        SecretRefError: no address or token; unreachable, sealed, denied,
            token invalid or expired, no such entry or field, a KV v1 mount,
            or an answer that is not a KV v2 entry; a vault in ``unanswered``.
    """
    assert ref.scheme is RefScheme.VAULT  # noqa: S101 - the resolver dispatches
    try:
        if unanswered is not None and (address := _address(env)) in unanswered:
            # Walk-through: three profiles on one dead vault waited 3 x 10 s.
            raise _Refused(f"the vault at {address} did not answer (not asked again)")
        return _read(ref, env)
    except _Unanswered as e:
        if unanswered is not None:
            unanswered.add(_address(env))
        raise SecretRefError(str(ref), str(e)) from None
    except _Refused as e:
        raise SecretRefError(str(ref), str(e)) from None


def _ca(env: Mapping[str, str]) -> str | bool:
    """What TLS trusts: VAULT_CACERT (a file) or VAULT_CAPATH (a folder), else
    the system's. A name that is not there is said as such, not as a TLS failure."""
    import os

    cacert, capath = env.get("VAULT_CACERT"), env.get("VAULT_CAPATH")
    if cacert:
        if not os.path.isfile(cacert):
            raise _Refused(
                f"VAULT_CACERT names {cacert}, which is not a file; point it at "
                "the vault's CA certificate (PEM)"
            )
        return cacert
    if capath:
        if not os.path.isdir(capath):
            raise _Refused(
                f"VAULT_CAPATH names {capath}, which is not a folder; point it at "
                "a folder of CA certificates"
            )
        return capath
    return True


def _read(ref: SecretRef, env: Mapping[str, str]) -> str:
    import hvac  # type: ignore[import-untyped]  # ~100 ms with requests: only here
    import requests
    from hvac import exceptions as vault

    address = _address(env)
    trust = _ca(env)
    client = hvac.Client(
        url=address,
        token=_token(env),
        namespace=env.get("VAULT_NAMESPACE") or None,
        verify=trust,
        timeout=(CONNECT_TIMEOUT, READ_TIMEOUT),
        session=_bounded_session(),
    )
    where = f"{ref.mount}/{ref.path}"
    try:
        try:
            answer = client.secrets.kv.v2.read_secret_version(
                path=ref.path, mount_point=ref.mount, raise_on_deleted_version=True
            )
        except vault.InvalidPath:
            raise _Refused(_missing(client, ref, where)) from None
        except vault.Forbidden as e:
            raise _Refused(_forbidden(client, where, e)) from None
        except vault.VaultDown:
            raise _Refused(
                f"the vault at {address} is sealed (or in standby); ask its "
                "operators to unseal it, then try again"
            ) from None
        except vault.VaultNotInitialized:
            raise _Refused(f"the vault at {address} is not initialised") from None
        except vault.RateLimitExceeded:
            raise _Refused(f"the vault at {address} is rate-limiting; wait") from None
        except vault.Unauthorized as e:
            raise _Refused(f"the vault refused the token ({_words(e)})") from None
        except vault.VaultError as e:
            raise _Refused(f"the vault at {address} answered: {_words(e)}") from None
        except requests.exceptions.Timeout:
            raise _Unanswered(
                f"the vault at {address} did not answer in time; check VAULT_ADDR "
                "and the network"
            ) from None
        except requests.exceptions.SSLError:
            advice = (
                f"check that {trust} is the CA certificate that signed it"
                if isinstance(trust, str)
                else "set VAULT_CACERT to its CA certificate"
            )
            raise _Refused(
                f"the vault at {address} failed the TLS check; {advice}"
            ) from None
        except requests.exceptions.ConnectionError:
            raise _Unanswered(
                f"cannot reach the vault at {address} (connection failed); check "
                "VAULT_ADDR and that the server is running"
            ) from None
        except (requests.exceptions.RequestException, ValueError) as e:
            # ValueError: a body that is not JSON (requests' JSONDecodeError).
            raise _Refused(
                f"the vault at {address} gave no usable answer ({type(e).__name__})"
            ) from None
        return _field(answer, ref, where, client)
    finally:
        client.adapter.close()


def _address(env: Mapping[str, str]) -> str:
    address = (env.get("VAULT_ADDR") or "").strip()
    if not address:
        raise _Refused(
            "VAULT_ADDR is not set; export VAULT_ADDR=https://vault.example:8200 "
            "(your team's vault)"
        )
    parts = urlsplit(address)
    if parts.scheme not in ("http", "https") or not parts.hostname:
        raise _Refused("VAULT_ADDR must be an http:// or https:// address")
    if parts.username or parts.password or parts.query or parts.fragment:
        raise _Refused("VAULT_ADDR must be a plain address (no user, query or #)")
    return address.rstrip("/")


def _token(env: Mapping[str, str]) -> str:
    token = (env.get("VAULT_TOKEN") or "").strip()
    if token:
        return token
    home = env.get("HOME")
    path = (Path(home) if home else Path.home()) / ".vault-token"
    if not path.exists():
        raise _Refused(
            "no vault token: set VAULT_TOKEN, or log in (bao login / vault login "
            "writes ~/.vault-token)"
        )
    token = read_text(
        path, what="vault token file", limit=MAX_TOKEN_FILE_BYTES, error=_Refused
    ).strip()
    if not token:
        raise _Refused(f"the vault token file {path} is empty; log in again")
    return token


def _bounded_session() -> Any:
    """A requests session whose answers are cut at MAX_ANSWER_BYTES and
    BODY_DEADLINE (requests' own timeout is per read, not per answer)."""
    import requests

    class BoundedSession(requests.Session):
        def request(  # type: ignore[override]
            self, method: str, url: str, **kwargs: Any
        ) -> requests.Response:
            kwargs["stream"] = True
            response = super().request(method, url, **kwargs)
            deadline = time.monotonic() + BODY_DEADLINE
            body = bytearray()
            with response:
                for chunk in response.iter_content(64 * 1024):
                    body += chunk
                    if len(body) > MAX_ANSWER_BYTES:
                        raise _Refused("the vault's answer is too large")
                    if time.monotonic() > deadline:
                        raise _Unanswered("the vault's answer took too long")
            response._content = bytes(body)
            return response

    return BoundedSession()


def _field(answer: object, ref: SecretRef, where: str, client: Any) -> str:
    data = answer.get("data") if isinstance(answer, dict) else None
    entry = data.get("data") if isinstance(data, dict) else None
    if not isinstance(data, dict) or "metadata" not in data:
        raise _Refused(_not_kv2(client, ref, where))
    if not isinstance(entry, dict):
        raise _Refused(f"the entry {where} holds no data (deleted or destroyed?)")
    if ref.field not in entry:
        names = ", ".join(sorted(str(k)[:40] for k in entry)[:20]) or "none"
        raise _Refused(
            f"the entry {where} has no field {ref.field!r} (its fields: {names})"
        )
    value = entry[ref.field]
    if not isinstance(value, str) or not value.strip():
        raise _Refused(f"the field {ref.field!r} of {where} is empty or not text")
    return value


def _missing(client: Any, ref: SecretRef, where: str) -> str:
    """A 404: no entry, a deleted one, or a mount that is not KV v2."""
    version = _kv_version(client, ref)
    if version == "1":
        return _kv1(where, ref)
    if version is None:
        return (
            f"no KV v2 secrets engine is mounted at {ref.mount}/ (or the token "
            f"cannot see it); check the reference's mount"
        )
    return f"no entry at {where} (missing or deleted); check the path"


def _not_kv2(client: Any, ref: SecretRef, where: str) -> str:
    if _kv_version(client, ref) == "1":
        return _kv1(where, ref)
    return f"the answer for {where} is not a KV v2 entry"


def _kv1(where: str, ref: SecretRef) -> str:
    return (
        f"the mount {ref.mount}/ is a KV version 1 engine; OpenTok Studio reads "
        f"KV version 2 only (upgrade the mount: bao kv enable-versioning "
        f"{ref.mount}/, or use a KV v2 mount)"
    )


def _kv_version(client: Any, ref: SecretRef) -> str | None:
    """The KV version of the mount holding ``ref``, as the vault CLI learns it
    (sys/internal/ui/mounts); None when that cannot be told."""
    from hvac import exceptions as vault

    try:
        info = client.adapter.get(f"/v1/sys/internal/ui/mounts/{ref.mount}/{ref.path}")
    except (vault.VaultError, OSError, ValueError):
        return None
    data = info.get("data") if isinstance(info, dict) else None
    if not isinstance(data, dict) or data.get("type") != "kv":
        return None
    options = data.get("options")
    version = options.get("version") if isinstance(options, dict) else None
    return str(version) if version in ("1", "2", 1, 2) else "1"


def _forbidden(client: Any, where: str, error: Exception) -> str:
    """A 403: a bad or expired token, or a policy that denies the path."""
    from hvac import exceptions as vault

    try:
        client.auth.token.lookup_self()
    except vault.Forbidden:
        return (
            "the vault refused the token (invalid, revoked or expired); log in "
            "again or set a fresh VAULT_TOKEN"
        )
    except (vault.VaultError, OSError, ValueError):
        pass
    return (
        f"permission denied: the token's policies do not allow reading {where} "
        f"(vault: {_words(error)}); ask for read access to it"
    )


def _words(error: Exception) -> str:
    """The vault's error words on one short line."""
    errors = getattr(error, "errors", None)
    if isinstance(errors, list) and errors:
        text = "; ".join(str(e) for e in errors)
    else:
        text = type(error).__name__
    text = " ".join(text.replace("*", " ").split()).removeprefix("1 error occurred: ")
    return text if len(text) <= 200 else text[:197] + "..."
