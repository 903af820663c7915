"""Any profiles.json at all: a list of well-typed profiles, or one StoreError (#13)."""

from __future__ import annotations

import io
import json
from pathlib import Path
from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from opentok_studio.cli import main
from opentok_studio.core.errors import StoreError
from opentok_studio.core.model import Family
from opentok_studio.store.paths import profiles_file
from opentok_studio.store.profile import Profile
from opentok_studio.store.profiles import ProfileFile
from tests.helpers import strategies

SETTINGS = settings(
    max_examples=150,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture],
)

scalars = (
    st.none()
    | st.booleans()
    | st.integers()
    | st.floats(allow_nan=True, allow_infinity=True)
    | st.text(max_size=20)
)
json_values = strategies.json_values(scalars, max_size=3, max_leaves=8)
FIELDS = {
    "name": st.sampled_from(["dev", "prod", "", "a/b", "x" * 70]),
    "kind": st.sampled_from(["project", "application", "PROJECT", ""]),
    "key_id": st.sampled_from(["46123457", "", " "]),
    "private_key_path": st.sampled_from([None, "/k.pem", ""]),
    "key_in_keyring": st.sampled_from([False, True, 0, "yes"]),
    "label": st.sampled_from(["", "careful"]),
    "color": st.sampled_from(["", "red", "pink"]),
    "defaults": st.fixed_dictionaries(
        {},
        optional={
            "role": st.sampled_from(["publisher", "owner"]) | json_values,
            "format": st.sampled_from(["jwt", "t1"]) | json_values,
            "expire_in": st.sampled_from([900, -1, 3_000_000, True]) | json_values,
            "api_url": st.sampled_from(
                [
                    "https://api.example.com",
                    "http://127.0.0.1:9",
                    "http://evil.example",
                    "ftp://x",
                ]
            )
            | json_values,  # fmt: skip
        },
    )
    | json_values,
}
GOOD = {"name": "dev", "kind": "application", "key_id": "app-id",
        "private_key_path": "/k.pem", "key_in_keyring": False, "label": "",
        "color": "", "defaults": {}}  # fmt: skip
DEFAULT_KEYS = ["role", "format", "expire_in", "api_url"]


@st.composite
def one_bad_field(draw: st.DrawFn) -> dict[str, Any]:
    """A good profile with one field (or one default) replaced or dropped."""
    item = dict(GOOD)
    key = draw(st.sampled_from([*GOOD, *DEFAULT_KEYS]))
    if key in DEFAULT_KEYS:
        item["defaults"] = {key: draw(json_values)}
    elif draw(st.integers(0, 9)) == 0:
        del item[key]
    else:
        item[key] = draw(json_values)
    return item


# Mostly one field off in a good profile; else each field anything or missing.
profile_items = (
    one_bad_field()
    | st.fixed_dictionaries(
        {}, optional={key: value | json_values for key, value in FIELDS.items()}
    )
    | json_values
)
documents = (
    st.fixed_dictionaries(
        {
            "version": st.just(1) | json_values,
            "profiles": st.lists(profile_items, max_size=3),
        }
    )
    | json_values
)


def _write(text: str | bytes) -> Path:
    path = profiles_file()
    path.parent.mkdir(parents=True, exist_ok=True)
    if isinstance(text, str):
        text = text.encode("utf-8", "surrogatepass")
    path.write_bytes(text)
    path.chmod(0o600)
    return path


def _check_loads_or_refuses() -> None:
    try:
        profiles = ProfileFile(profiles_file()).load()
    except StoreError as e:
        assert "\n" not in str(e) and len(str(e)) < 600
        return
    for p in profiles:
        assert isinstance(p, Profile) and isinstance(p.kind, Family)
        assert isinstance(p.name, str) and isinstance(p.key_id, str) and p.key_id
        assert p.private_key_path is None or isinstance(p.private_key_path, str)
        assert isinstance(p.key_in_keyring, bool)
        assert isinstance(p.label, str) and isinstance(p.color, str)
        for key, value in p.defaults.items():
            assert key in ("role", "format", "expire_in", "api_url")
            if key == "api_url":
                assert value.startswith("https://") or "127.0.0.1" in value
            if key == "expire_in":
                assert type(value) is int
    out, err = io.StringIO(), io.StringIO()
    rc = main(["profile", "list", "--json"], out, err, env={})
    assert rc == 0, err
    assert len(json.loads(out.getvalue())) == len(profiles)


@SETTINGS
@given(document=documents)
def test_any_json_document(document: Any) -> None:
    _write(json.dumps(document))
    _check_loads_or_refuses()


@SETTINGS
@given(data=st.binary(max_size=200))
def test_any_bytes(data: bytes) -> None:
    _write(data)
    _check_loads_or_refuses()


@SETTINGS
@given(document=documents)
def test_the_cli_says_one_line_or_succeeds(document: Any) -> None:
    _write(json.dumps(document))
    out, err = io.StringIO(), io.StringIO()
    rc = main(["profile", "list"], out, err, env={})
    assert rc in (0, 3)
    if rc == 3:
        assert out.getvalue() == ""
        assert err.getvalue().startswith("error: ") and err.getvalue().count("\n") == 1
