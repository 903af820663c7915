"""The Qt binding itself: guards against PySide6 releases with known defects."""

from __future__ import annotations

import sys
from importlib.metadata import PackageNotFoundError, version

import PySide6
import pytest
from PySide6.QtCore import QObject, Signal, Slot

#: PySide6 6.12.0 returned True from emit() without a reference, so each emit
#: from Python freed one; the window crashed in bool_dealloc at exit.
EXCLUDED = {"6.12.0"}


class _Emitter(QObject):
    ping = Signal()
    carry = Signal(object)


class _Sink(QObject):
    def __init__(self) -> None:
        super().__init__()
        self.seen = 0

    @Slot(object)
    def take(self, _value: object) -> None:
        self.seen += 1


def test_installed_pyside6_is_not_an_excluded_release() -> None:
    # pyproject.toml excludes it too; this catches an environment that
    # installed it anyway (a pinned lock, a distribution package).
    assert PySide6.__version__ not in EXCLUDED
    for dist in ("PySide6-Essentials", "PySide6"):
        try:
            assert version(dist) not in EXCLUDED
        except PackageNotFoundError:
            continue


def test_a_signal_keeps_its_argument_alive_and_lets_it_go(qapp) -> None:
    # A plain object, not True: on Python >= 3.12 True is immortal and its
    # count says nothing. Every emit must take its reference and give it back.
    emitter, sink = _Emitter(), _Sink()
    emitter.carry.connect(sink.take)
    payload = object()
    before = sys.getrefcount(payload)
    for _ in range(200):
        emitter.carry.emit(payload)
    assert sink.seen == 200
    assert sys.getrefcount(payload) == before


@pytest.mark.skipif(sys.version_info >= (3, 12), reason="True is immortal from 3.12")
def test_emit_keeps_reference_counts(qapp) -> None:
    # The 6.12.0 defect itself, where it can still be seen (Python < 3.12).
    emitter = _Emitter()
    before = sys.getrefcount(True)
    for _ in range(200):  # 6.12.0 would crash outright at a few thousand
        emitter.ping.emit()
    assert sys.getrefcount(True) - before > -10
