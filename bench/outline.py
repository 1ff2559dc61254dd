"""Parse the bundled sample and the largest real outline repeatedly; print median time and peak
memory for each.

Targets: median under 100 ms, peak under 100 MB.  Run: ``.venv/bin/python bench/outline.py [N]``
"""

from __future__ import annotations

import statistics
import sys
import time
import tracemalloc
from pathlib import Path

from planwatch.outline import parse_outline, sample_outline_path

REAL = Path(__file__).resolve().parent.parent / "tests" / "fixtures" / "outlines"


def bench(path: Path, runs: int) -> bool:
    parse_outline(path)  # warm up: imports and regex compilation are not the parse
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        parse_outline(path)
        times.append(time.perf_counter() - start)
    tracemalloc.start()
    plan = parse_outline(path)
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    median_ms = statistics.median(times) * 1000
    peak_mb = peak / 1024 / 1024
    print(f"outline: {path.name} ({path.stat().st_size / 1024:.0f} KB)")
    print(
        f"found: {len(plan.chapters)} chapters, {len(plan.indicators)} indicators, "
        f"{len(plan.targets)} targets, {sum(1 for _ in plan.iter_tasks())} tasks, "
        f"{len(plan.warnings)} warnings"
    )
    print(f"runs: {runs}")
    print(f"median: {median_ms:.1f} ms (target < 100 ms)  min: {min(times) * 1000:.1f} ms")
    print(f"peak memory: {peak_mb:.1f} MB (target < 100 MB)")
    return median_ms < 100 and peak_mb < 100


def main(runs: int = 30) -> int:
    largest = max(REAL.glob("*.md"), key=lambda p: p.stat().st_size)
    results = [bench(sample_outline_path(), runs), bench(largest, runs)]
    return 0 if all(results) else 1


if __name__ == "__main__":
    sys.exit(main(int(sys.argv[1]) if len(sys.argv) > 1 else 30))
