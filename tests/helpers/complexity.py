"""Growth ratios for complexity tests: how much slower 4x the input is.

Ratios, not budgets: a linear function gives about 4, a quadratic one 16,
on a fast machine or a busy one alike.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from typing import Any

#: Linear code doubles twice: ~4; anything at or above this is not linear.
#: Generous for noise on a shared 2-core machine; quadratic code gives ~16.
MAX_GROWTH = 9.0


def _sample(fn: Callable[[Any], object], arg: Any) -> float:
    """Seconds of one ``fn(arg)``: the call repeats until it lasts >= 20 ms,
    so fast code is measured too."""
    calls, start = 0, time.perf_counter()
    while True:
        fn(arg)
        calls += 1
        elapsed = time.perf_counter() - start
        if elapsed >= 0.02:
            return elapsed / calls


def seconds_per_call(fn: Callable[[Any], object], arg: Any, runs: int = 5) -> float:
    """The fastest of ``runs`` samples of one ``fn(arg)``: a busy machine
    only ever adds time, so the minimum is the call's own cost."""
    fn(arg)  # warm-up: caches, compiled patterns
    return min(_sample(fn, arg) for _ in range(runs))


def growth(
    fn: Callable[[Any], object],
    make: Callable[[int], Any],
    n: int,
    factor: int = 4,
    runs: int = 7,
) -> float:
    """t(make(factor * n)) / t(make(n)), each the fastest of ``runs`` samples
    taken in turn (small, large, small, ...) so a burst of load elsewhere
    falls on both sizes alike."""
    small_arg, large_arg = make(n), make(factor * n)
    fn(small_arg), fn(large_arg)  # warm-up
    small, large = [], []
    for _ in range(runs):
        small.append(_sample(fn, small_arg))
        large.append(_sample(fn, large_arg))
    return min(large) / min(small)
