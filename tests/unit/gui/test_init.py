"""The gui package turns off PySide's source scan of every later import."""

from __future__ import annotations

import importlib
import linecache
import sys
from pathlib import Path

import pytest

import opentok_studio.gui as gui


def test_this_pyside_has_the_scan_and_it_is_off() -> None:
    # If a PySide release renames the hook, this fails and says so: the
    # start's memory would grow by ~3 MiB again (#14).
    assert gui.SOURCE_SCAN_SKIPPED
    feature = sys.modules["shibokensupport.feature"]
    assert feature._mod_uses_pyside is gui._uses_pyside_without_reading


def test_a_module_imported_now_is_not_read_into_linecache(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    source = tmp_path / "otstudio_probe_module.py"
    source.write_text("from PySide6.QtCore import QObject\nVALUE = 42\n" * 50)
    monkeypatch.syspath_prepend(str(tmp_path))
    linecache.checkcache()
    module = importlib.import_module("otstudio_probe_module")
    try:
        assert module.VALUE == 42
        assert str(source) not in linecache.cache
    finally:
        sys.modules.pop("otstudio_probe_module", None)


def test_feature_selection_still_works_for_a_module_that_asks(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # The scan only decided whether a module takes part in feature switching;
    # a module that imports __feature__ still gets its features.
    source = tmp_path / "otstudio_snake_module.py"
    source.write_text(
        "from __feature__ import snake_case\n"
        "from PySide6.QtCore import QObject\n"
        "NAME = QObject().object_name()\n"
    )
    monkeypatch.syspath_prepend(str(tmp_path))
    try:
        module = importlib.import_module("otstudio_snake_module")
        assert module.NAME == ""
    finally:
        sys.modules.pop("otstudio_snake_module", None)
