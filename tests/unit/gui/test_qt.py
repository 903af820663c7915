"""The Qt binding itself: guards against PySide6 releases with known defects."""

from __future__ import annotations

import sys

from PySide6.QtCore import QObject, Signal


class _Emitter(QObject):
    ping = Signal()


def test_emit_keeps_reference_counts(qapp) -> None:
    # PySide6 6.12.0 returned True from emit() without a reference, so each
    # emit from Python freed one; the window crashed in bool_dealloc at exit.
    emitter = _Emitter()
    before = sys.getrefcount(True)
    for _ in range(200):  # 6.12.0 would crash outright at a few thousand
        emitter.ping.emit()
    assert sys.getrefcount(True) - before > -10
