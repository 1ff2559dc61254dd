"""Seconds of OCR per table image and per scanned page, and how many cells are read right.

* the 12th national outline's indicator table (专栏2, a 640×891 JPEG), read from the Markdown
  that links it, ``N`` times (median);
* the bundled outline printed by LibreOffice and scanned to black-and-white pictures at 200 dpi
  (38 pages, built as the tests build it), read once with the default two workers: seconds per
  page of wall time, and the total.

Accuracy is scored as the tests score it, against the gold typed by hand (tests/outline:
``gold_ocr.py`` for the table image, ``gold.py`` for the sample): cells right of the table
image and how many wrong cells are flagged low; headings and indicator cells of the scan.

Needs Tesseract, LibreOffice and pdftoppm (``./dev.sh setup`` and the test packages).
Run: ``.venv/bin/python bench/ocr.py [N]``
"""

from __future__ import annotations

import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from planwatch.outline import parse_outline, sample_outline_path  # noqa: E402
from planwatch.outline.ocr import current_settings  # noqa: E402
from tests.outline import scans  # noqa: E402
from tests.outline.test_ocr_scan import indicator_score, structure_score  # noqa: E402
from tests.outline.test_ocr_table import compare  # noqa: E402

TABLE = ROOT / "tests" / "fixtures" / "outlines" / "ocr" / "national-12th-chapter3.md"


def bench_table(runs: int) -> None:
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        plan = parse_outline(TABLE)
        times.append(time.perf_counter() - start)
    cells = sum(len(i.ocr_cells) for i in plan.indicators)
    low = sum(c.low for i in plan.indicators for c in i.ocr_cells)
    print(f"table image: {len(plan.indicators)} rows, {cells} cells read, {low} flagged low")
    print(f"  median {statistics.median(times):.1f} s per table image (runs: {runs})")
    scored = compare(plan)
    wrong = [c for c in scored if c[2] != c[3]]
    right = len(scored) - len(wrong)
    print(
        f"  cells right: {right}/{len(scored)} ({100 * right / len(scored):.1f} %); "
        f"wrong cells flagged low: {sum(c[4] for c in wrong)}/{len(wrong)}"
    )


def bench_scan() -> None:
    missing = scans.missing_tools()
    if missing:
        print(f"scan: skipped ({missing})")
        return
    with tempfile.TemporaryDirectory() as tmp:
        start = time.perf_counter()
        _, scan = scans.build_scan(sample_outline_path().read_text(encoding="utf-8"), Path(tmp))
        built = time.perf_counter() - start
        pages = scans._page_count(scan)
        start = time.perf_counter()
        plan = parse_outline(scan)
        read = time.perf_counter() - start
    workers = current_settings().workers
    tasks = sum(1 for _ in plan.iter_tasks())
    print(
        f"scan: {pages} pages (built in {built:.0f} s), {len(plan.chapters)} chapters, "
        f"{len(plan.indicators)} indicators, {tasks} tasks"
    )
    print(f"  {read:.0f} s in all, {read / pages:.1f} s per page with {workers} workers")
    print(f"  a 60-page scan: about {60 * read / pages / 60:.1f} min")
    for label, (right, total, _) in (
        ("headings", structure_score(plan)),
        ("indicator cells", indicator_score(plan)),
    ):
        print(f"  {label} right: {right}/{total} ({100 * right / total:.1f} %)")


if __name__ == "__main__":
    bench_table(int(sys.argv[1]) if len(sys.argv) > 1 else 3)
    bench_scan()
