"""Statistics and process measurements shared by the benchmarks (standard library only)."""

from __future__ import annotations

import math
import statistics
import sys
import time
from dataclasses import asdict, dataclass, field
from typing import Any, Sequence


def median(values: Sequence[float]) -> float:
    return statistics.median(values) if values else math.nan


def percentile(values: Sequence[float], pct: float) -> float:
    """Nearest-rank percentile (the value below which `pct` % of samples fall)."""
    if not values:
        return math.nan
    ordered = sorted(values)
    rank = max(1, math.ceil(pct / 100 * len(ordered)))
    return ordered[min(rank, len(ordered)) - 1]


def ratio(a: float, b: float) -> float:
    if b == 0 or math.isnan(a) or math.isnan(b):
        return math.nan
    return a / b


def cpu_seconds() -> float:
    """CPU time (user + system) of this process, all its threads, at the clock's full resolution."""
    return time.process_time()


def peak_rss_mb() -> float | None:
    """Peak resident memory of this process in MB, or None where it cannot be read."""
    try:
        import resource
    except ImportError:
        return _windows_peak_mb()
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    # Linux reports kilobytes, macOS bytes.
    return peak / (1024 * 1024) if sys.platform == "darwin" else peak / 1024


def current_rss_mb() -> float | None:
    """Resident memory of this process now, in MB (Linux: `VmRSS` of /proc/self/status), or None
    where it cannot be read (the idle-memory benchmark then reports the row as unmeasured)."""
    try:
        with open("/proc/self/status", encoding="ascii") as status:
            for line in status:
                if line.startswith("VmRSS:"):
                    return int(line.split()[1]) / 1024  # kB
    except OSError:
        pass
    return None


def _windows_peak_mb() -> float | None:
    try:
        import ctypes
        from ctypes import wintypes

        class Counters(ctypes.Structure):
            _fields_ = [
                ("cb", wintypes.DWORD), ("PageFaultCount", wintypes.DWORD),
                ("PeakWorkingSetSize", ctypes.c_size_t), ("WorkingSetSize", ctypes.c_size_t),
                ("QuotaPeakPagedPoolUsage", ctypes.c_size_t), ("QuotaPagedPoolUsage", ctypes.c_size_t),
                ("QuotaPeakNonPagedPoolUsage", ctypes.c_size_t), ("QuotaNonPagedPoolUsage", ctypes.c_size_t),
                ("PagefileUsage", ctypes.c_size_t), ("PeakPagefileUsage", ctypes.c_size_t),
            ]

        counters = Counters()
        counters.cb = ctypes.sizeof(Counters)
        handle = ctypes.windll.kernel32.GetCurrentProcess()  # type: ignore[attr-defined]
        if not ctypes.windll.psapi.GetProcessMemoryInfo(handle, ctypes.byref(counters), counters.cb):  # type: ignore[attr-defined]
            return None
        return counters.PeakWorkingSetSize / (1024 * 1024)
    except Exception:  # noqa: BLE001 - memory is reported as unknown rather than failing the run
        return None


@dataclass
class Line:
    """One line of the results table: what, the two measurements, their ratio, target, verdict.

    `a` is the thing under test and `b` its baseline from the same run; `ratio` is a/b. `passed`
    is None when the line only reports (no target).
    """

    name: str
    what: str
    a_label: str
    a: float
    b_label: str
    b: float
    unit: str
    target: str
    passed: bool | None
    ratio: float = math.nan
    notes: str = ""
    extra: dict[str, Any] = field(default_factory=dict)

    def __post_init__(self) -> None:
        if math.isnan(self.ratio):
            self.ratio = ratio(self.a, self.b)

    @property
    def verdict(self) -> str:
        return {True: "pass", False: "FAIL", None: "info"}[self.passed]

    def as_dict(self) -> dict[str, Any]:
        data = asdict(self)
        data["verdict"] = self.verdict
        return {k: (None if isinstance(v, float) and math.isnan(v) else v) for k, v in data.items()}


def failed_line(name: str, what: str, error: str) -> Line:
    """A benchmark that could not run is a failed line with the reason, never a silent gap."""
    return Line(name, what, "-", math.nan, "-", math.nan, "", "runs", False, notes=error, extra={"crashed": True})
