"""core/__init__.py: the names it exports, loads and declares are one set."""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

import opentok_studio.core as core


def test_star_import_gives_every_exported_name() -> None:
    namespace: dict[str, object] = {}
    exec("from opentok_studio.core import *", namespace)  # noqa: S102 - the test
    assert set(core.__all__) <= set(namespace)


def test_type_checking_imports_match_the_lazy_table() -> None:
    tree = ast.parse(Path(core.__file__).read_text())
    declared = {
        alias.asname or alias.name
        for node in ast.walk(tree)
        if isinstance(node, ast.ImportFrom)
        and node.module
        and node.module.startswith("opentok_studio.core.")
        for alias in node.names
    }
    assert declared == set(core.__all__)
    for name in core.__all__:
        module = core._HOME[name]
        assert getattr(__import__(module, fromlist=[name]), name) is getattr(core, name)


def test_names_load_on_first_use_only() -> None:
    code = (
        "import sys, opentok_studio.core as c; "
        "assert 'opentok_studio.core.decoder' not in sys.modules; "
        "c.decode; assert 'opentok_studio.core.decoder' in sys.modules"
    )
    subprocess.run([sys.executable, "-c", code], check=True)


def test_all_is_the_lazy_table() -> None:
    assert sorted(core.__all__) == sorted(core._HOME)
