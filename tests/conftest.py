"""Shared fixtures: the vectors' credentials and a pinned clock."""

from __future__ import annotations

import os

import pytest

# Qt tests run without a display; set before any QApplication exists.
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from opentok_studio.core import ApplicationCredentials, ProjectCredentials
from tests.helpers import vectors


@pytest.fixture
def project() -> ProjectCredentials:
    return ProjectCredentials(vectors.API_KEY, vectors.API_SECRET)


@pytest.fixture
def application() -> ApplicationCredentials:
    return ApplicationCredentials(vectors.APP_ID, vectors.private_key())


@pytest.fixture
def now() -> int:
    return vectors.MADE_AT
