"""store/credentials.py: a profile's credentials, and who of the saved signed."""

from __future__ import annotations

from pathlib import Path

import keyring
import pytest

from opentok_studio.core import ProjectCredentials, TokenRequest, make_token
from opentok_studio.core.errors import StoreError
from opentok_studio.core.model import Family
from opentok_studio.store.credentials import load_credentials, who_signed
from opentok_studio.store.paths import profiles_file
from opentok_studio.store.profile import Profile
from opentok_studio.store.profiles import ProfileFile
from tests.helpers import vectors


@pytest.fixture
def store(isolated: Path) -> ProfileFile:
    return ProfileFile(profiles_file())


def save(store: ProfileFile, name: str, secret: str | None) -> None:
    store.put(Profile(name, Family.PROJECT, vectors.API_KEY))
    if secret is not None:
        keyring.set_password("opentok-studio", f"profile:{name}", secret)


def test_load_credentials_reads_the_keyring(store) -> None:  # type: ignore[no-untyped-def]
    save(store, "mine", vectors.API_SECRET)
    assert load_credentials(store.get("mine")) == ProjectCredentials(
        vectors.API_KEY, vectors.API_SECRET
    )


def test_an_application_without_key_is_refused() -> None:
    profile = Profile("app", Family.APPLICATION, "app-id")
    with pytest.raises(StoreError, match="neither a key file nor a stored key"):
        load_credentials(profile)


def test_who_signed_names_the_signer_and_the_skipped(store, now) -> None:  # type: ignore[no-untyped-def]
    save(store, "other", vectors.OTHER_SECRET)
    save(store, "mine", vectors.API_SECRET)
    save(store, "lost", None)  # its secret is gone from the keyring
    token = make_token(
        TokenRequest(vectors.SID),
        ProjectCredentials(vectors.API_KEY, vectors.API_SECRET),
        now=now,
    )
    result = who_signed(token, store, now=now)
    assert result.names == ("mine",) and result.checked == 2
    assert len(result.skipped) == 1
    assert result.skipped[0].startswith("profile 'lost' skipped: ")


def test_who_signed_waits_once_for_a_vault_that_never_answers(
    store, now, monkeypatch: pytest.MonkeyPatch
) -> None:  # type: ignore[no-untyped-def]
    # Walk-through: three profiles on one silent vault took 3 x 10 s.
    import socket
    import threading

    from opentok_studio.store import vault

    monkeypatch.setattr(vault, "READ_TIMEOUT", 0.5)
    accepted: list[socket.socket] = []
    with socket.socket() as silent:
        silent.bind(("127.0.0.1", 0))
        silent.listen(8)
        address = f"http://127.0.0.1:{silent.getsockname()[1]}"

        def accept() -> None:
            while True:
                try:
                    accepted.append(silent.accept()[0])
                except OSError:
                    return

        threading.Thread(target=accept, daemon=True).start()
        for name in ("a", "b", "c"):
            store.put(Profile(name, Family.PROJECT, vectors.API_KEY,
                              secret_ref=f"vault:secret/{name}#api_secret"))  # fmt: skip
        monkeypatch.setenv("VAULT_ADDR", address)
        monkeypatch.setenv("VAULT_TOKEN", "t")
        token = make_token(TokenRequest(vectors.SID), ProjectCredentials(
            vectors.API_KEY, vectors.API_SECRET), now=now)  # fmt: skip
        result = who_signed(token, store, now=now)
        silent.shutdown(socket.SHUT_RDWR)
    for connection in accepted:
        connection.close()
    assert len(accepted) == 1  # asked once, not once per profile
    assert "did not answer in time" in result.skipped[0]
    assert [line.split(": ", 1)[0] for line in result.skipped] == [
        "profile 'a' skipped",
        "profile 'b' skipped",
        "profile 'c' skipped",
    ]
    for line in result.skipped[1:]:
        assert line.endswith(f"the vault at {address} did not answer (not asked again)")
