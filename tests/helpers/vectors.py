"""The SDK-made vectors in ../shared/vectors, and the test credentials they use."""

from __future__ import annotations

import functools
import json
from pathlib import Path
from typing import Any

from opentok_studio.core import (
    ApplicationCredentials,
    Credentials,
    ProjectCredentials,
    load_private_key,
)

ROOT = Path(__file__).resolve().parents[2]
VECTORS = ROOT.parent / "shared" / "vectors"
PEM_PATH = VECTORS / "test-rsa-private.pem"

# Public test credentials from vectors/README.md (valid nowhere).
API_KEY = "46123457"
API_SECRET = "test-secret-0123456789abcdef0123456789abcdef"
OTHER_KEY = "46999999"
OTHER_SECRET = "test-secret-OTHER-fedcba9876543210"
APP_ID = "a1b2c3d4-0000-4000-8000-00000000test"
MADE_AT = 1790812800
SID = "1_MX40NjEyMzQ1N35-MTc5MzQ5MTIwMDAwMH5RMmhoY0dWeWIyNWxWR1Z6ZEZObGN3flB-"
OTHER_SID = "1_MX40Njk5OTk5OX5-MTc5MzQ5MTIwMDAwMH5RMmhoY0dWeWIyNWxWR1Z6ZEZObGN3flB-"
APP_SID = (
    "2_MX5hMWIyYzNkNC0wMDAwLTQwMDAtODAwMC0wMDAwMDAwMHRlc3R-fjE3OTM0OTEyMDAxMjN-"
    "Vm1sa1pXOUJjSEJUWlhOemFXOXV-fg"
)

#: The Decoded fields a vector case's "expect" pins, compared one by one.
FIELDS = (
    "format",
    "alg",
    "session_id",
    "role",
    "issued_at",
    "expires_at",
    "connection_data",
    "nonce",
    "api_key",
    "application_id",
)
#: The fields of `decode --json` (spec/cli.md, decode): FIELDS and the rest.
DECODE_FIELDS = frozenset(
    {
        *FIELDS,
        "expired",
        "initial_layout_class_list",
        "signature",
        "signed_by",
        "problems",
        "claims",
    }
)


@functools.cache
def load(name: str) -> dict[str, Any]:
    """One vectors file, parsed."""
    path = VECTORS / f"{name}.json"
    if not path.exists():  # a missing floor is a failure, never a skip
        raise FileNotFoundError(f"vectors missing: {path}")
    data: dict[str, Any] = json.loads(path.read_text(encoding="utf-8"))
    return data


@functools.cache
def pem() -> bytes:
    return PEM_PATH.read_bytes()


@functools.cache
def private_key():  # type: ignore[no-untyped-def]
    return load_private_key(pem())


def credentials_of(case: dict[str, Any]) -> Credentials:
    """The credentials a vector case names."""
    if "api_key" in case:
        return ProjectCredentials(case["api_key"], case.get("secret"))
    return ApplicationCredentials(case["application_id"], private_key())


def project_env(api_key: str, api_secret: str) -> dict[str, str]:
    """The environment variables that carry an OpenTok project's credentials."""
    return {"OPENTOK_API_KEY": api_key, "OPENTOK_API_SECRET": api_secret}


def application_env(application_id: str, pem_path: Path = PEM_PATH) -> dict[str, str]:
    """The environment variables that carry a Vonage application's credentials."""
    return {
        "VONAGE_APPLICATION_ID": application_id,
        "VONAGE_PRIVATE_KEY_PATH": str(pem_path),
    }


def env_of(case: dict[str, Any]) -> dict[str, str]:
    """The environment variables that carry a vector case's credentials."""
    if "api_key" in case:
        return project_env(case["api_key"], case["secret"])
    return application_env(case["application_id"])


def expand(value: Any) -> Any:
    """validation.json writes long strings as '<N x>' or '<N x U+1F600>'."""
    if isinstance(value, str) and value.startswith("<") and value.endswith(">"):
        parts = value[1:-1].split(" ")
        if parts[0].isdigit() and len(parts) in (2, 3):
            what = parts[-1]
            char = chr(int(what[2:], 16)) if what.startswith("U+") else what
            return char * int(parts[0])
    if isinstance(value, list):
        return [expand(v) for v in value]
    return value
