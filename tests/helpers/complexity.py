"""Growth ratios for complexity tests: how much slower 4x the input is.

Ratios, not budgets: a linear function gives about 4, a quadratic one 16,
on a fast machine or a busy one alike.
"""

from __future__ import annotations

import statistics
import time
from collections.abc import Callable
from typing import Any

#: Linear code doubles twice: ~4; anything at or above this is not linear.
#: Generous for noise on a shared 2-core machine; quadratic code gives ~16.
MAX_GROWTH = 9.0


def seconds_per_call(fn: Callable[[Any], object], arg: Any, runs: int = 5) -> float:
    """Median seconds of one ``fn(arg)`` over ``runs`` samples; each sample
    repeats the call until it lasts >= 20 ms, so fast code is measured too."""
    fn(arg)  # warm-up: caches, compiled patterns
    samples = []
    for _ in range(runs):
        calls, start = 0, time.perf_counter()
        while True:
            fn(arg)
            calls += 1
            elapsed = time.perf_counter() - start
            if elapsed >= 0.02:
                break
        samples.append(elapsed / calls)
    return statistics.median(samples)


def growth(
    fn: Callable[[Any], object],
    make: Callable[[int], Any],
    n: int,
    factor: int = 4,
) -> float:
    """t(make(factor * n)) / t(make(n)), each a median of several samples."""
    small = seconds_per_call(fn, make(n))
    large = seconds_per_call(fn, make(factor * n))
    return large / small
