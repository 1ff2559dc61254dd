"""The hostile workbook of issue 13: how fast and with how much memory it is refused.

Builds a reporting template whose one data row is repeated 420,000 times (about 5 MB packed,
60 MB unpacked), then reads it as the web upload does (``read_template(all_problems=True)``
within the default limits) and prints the time, the traced peak of Python memory and the growth
of the process's resident size. Run: ``.venv/bin/python bench/uploads.py [ROWS]``.
"""

from __future__ import annotations

import contextlib
import sys
import time
import tracemalloc
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from planwatch.limits import LimitExceeded, Limits
from planwatch.reports.template import TemplateMeta, TemplateRow, read_template
from tests.hostile_files import inflated_template, unpacked_size


def status_mb(field: str) -> float:
    """VmRSS (resident now) or VmHWM (peak since the last reset) of this process, in MB."""
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith(field + ":"):
            return int(line.split()[1]) / 1024
    raise KeyError(field)


def reset_peak() -> None:
    Path("/proc/self/clear_refs").write_text("5")  # Linux: VmHWM starts again from VmRSS


def main(rows: int = 420_000) -> None:
    meta = TemplateMeta("1", "科技创新局", "2023年度")
    row = TemplateRow("T1", 2023, 130.0, "高新技术企业数量", "家", record_version=0)
    started = time.perf_counter()
    data = inflated_template(meta, row, rows)
    print(
        f"built {rows:,} rows: {len(data) / 1e6:.1f} MB packed, "
        f"{unpacked_size(data) / 1e6:.1f} MB unpacked in {time.perf_counter() - started:.1f} s"
    )
    limits = Limits.from_environment()
    reset_peak()
    before = status_mb("VmRSS")
    started = time.perf_counter()
    try:
        read_template(data, all_problems=True, file="big.xlsx", limits=limits)
        answer = "accepted"
    except LimitExceeded as exc:
        answer = str(exc)
    elapsed = time.perf_counter() - started
    print(f"answer: {answer}")
    print(f"time: {elapsed:.2f} s; peak RSS growth: {status_mb('VmHWM') - before:.0f} MB")
    tracemalloc.start()
    with contextlib.suppress(LimitExceeded):
        read_template(data, all_problems=True, file="big.xlsx", limits=limits)
    print(f"traced Python peak: {tracemalloc.get_traced_memory()[1] / 1048576:.1f} MB")


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 420_000)
