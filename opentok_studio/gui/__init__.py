"""The Qt window: thin widgets over the core. The only package that imports Qt.

Importing this package loads Qt and turns off one thing PySide does on every
later import: its `__feature__` hook reads the module's whole source
(``inspect.getsource``) to see whether it mentions PySide6, and linecache keeps
that text for the life of the process: ~3 MiB of the window's peak memory and
part of its start (#14). No module here or in our dependencies writes
``from __feature__ import``, so each counts as a PySide user with no features
selected, which is what the scan would conclude for ours.
"""

from __future__ import annotations

import sys
from types import ModuleType

import PySide6.QtCore  # noqa: F401 - installs the hook this module adjusts

#: Where PySide keeps the hook's test (shiboken's embedded feature.py).
_FEATURE = "shibokensupport.feature"


def _uses_pyside_without_reading(module: ModuleType) -> bool:
    """Stands in for the source scan: selection 0, PySide's default."""
    return True


def _skip_source_scan() -> bool:
    """Replace the hook's source read, if this PySide has one. True if replaced."""
    feature = sys.modules.get(_FEATURE)
    if feature is None or not callable(getattr(feature, "_mod_uses_pyside", None)):
        return False  # another PySide: nothing to turn off (a test notices)
    feature._mod_uses_pyside = _uses_pyside_without_reading  # type: ignore[attr-defined]
    return True


SOURCE_SCAN_SKIPPED = _skip_source_scan()
