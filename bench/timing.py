"""Timing helpers: latencies of many calls, percentiles, memory of this process."""

from __future__ import annotations

import resource
import time
from typing import Callable, Iterable

__all__ = ["latencies", "taking_turns", "summary", "peak_rss_mb", "rss_mb", "Stopwatch"]


def latencies(call: Callable, inputs: Iterable, *, budget_s: float = 60.0,
              warmup: int = 3) -> list[float]:
    """Seconds each ``call(x)`` took, stopping early when ``budget_s`` is spent.

    The first ``warmup`` inputs are called untimed, so one-off costs (an index built
    on first use) are measured separately by the caller rather than hidden in p99.
    """
    inputs = list(inputs)
    for x in inputs[:warmup]:
        call(x)
    found: list[float] = []
    deadline = time.perf_counter() + budget_s
    clock = time.perf_counter
    for x in inputs:
        start = clock()
        call(x)
        end = clock()
        found.append(end - start)
        if end > deadline:
            break
    return found


def taking_turns(calls: dict[str, Callable], inputs: Iterable, *, rounds: int = 5,
                 budget_s: float = 60.0, warmup: int = 3) -> dict[str, list[float]]:
    """Seconds each of several calls took on the same inputs, the calls taking turns.

    The inputs are split into ``rounds`` parts and every call is timed on each part
    before the next part begins, so a busy moment of a shared machine falls on all
    the calls alike, not on whichever happened to run then (a fast call's whole
    measure can otherwise fit in a few milliseconds of one such moment). Each call
    gets ``budget_s`` in all, spread evenly over the rounds.
    """
    inputs = list(inputs)
    for call in calls.values():
        for x in inputs[:warmup]:
            call(x)
    size = -(-len(inputs) // rounds)
    found: dict[str, list[float]] = {name: [] for name in calls}
    for part in range(0, len(inputs), size):
        for name, call in calls.items():
            found[name] += latencies(call, inputs[part:part + size], budget_s=budget_s / rounds,
                                     warmup=0)
    return found


def summary(seconds: list[float]) -> dict:
    """p50, p99 and mean in milliseconds, and how many calls they are over."""
    if not seconds:
        return {"n": 0}
    ordered = sorted(seconds)

    def pct(p: float) -> float:
        return ordered[min(len(ordered) - 1, int(round(p / 100 * (len(ordered) - 1))))] * 1e3

    return {"n": len(ordered), "p50_ms": pct(50), "p99_ms": pct(99),
            "mean_ms": sum(ordered) / len(ordered) * 1e3, "max_ms": ordered[-1] * 1e3}


def peak_rss_mb() -> float:
    """The most memory this process has held so far (resident set, MB).

    Linux's ``VmHWM``: ``ru_maxrss`` survives exec, so a child started by a process
    holding a national graph would report its parent's peak as its own.
    """
    try:
        with open("/proc/self/status") as f:
            for line in f:
                if line.startswith("VmHWM:"):
                    return int(line.split()[1]) / 1024  # kB
    except OSError:
        pass
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # Linux reports KB


def rss_mb() -> float:
    """The memory this process holds now (resident set, MB)."""
    with open("/proc/self/statm") as f:
        pages = int(f.read().split()[1])
    return pages * resource.getpagesize() / 2**20


class Stopwatch:
    """``with Stopwatch() as w: ...`` then ``w.seconds``."""

    def __enter__(self) -> "Stopwatch":
        self.start = time.perf_counter()
        return self

    def __exit__(self, *exc) -> None:
        self.seconds = time.perf_counter() - self.start
