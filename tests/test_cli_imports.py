"""``planwatch`` commands load only what they use: help without Django or the Excel library, a
.txt outline read without either, a Word report without the Excel library."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import planwatch

SAMPLE = Path(planwatch.__file__).parent / "data" / "sample" / "zibo-hitech-14th-fyp-outline.txt"
RUN = """
import sys
from planwatch.cli import main
try:
    status = main(sys.argv[2:])
except SystemExit as exc:
    status = exc.code
with open(sys.argv[1], "w") as out:
    out.write("\\n".join(sorted(sys.modules)))
sys.exit(status or 0)
"""


def modules_loaded_by(tmp_path: Path, *argv: str) -> set[str]:
    listing = tmp_path / "modules.txt"
    done = subprocess.run(
        [sys.executable, "-c", RUN, str(listing), *argv],
        capture_output=True,
        text=True,
        timeout=120,
        cwd=tmp_path,
    )
    assert done.returncode == 0, done.stderr[-2000:]
    return {name.split(".")[0] for name in listing.read_text().split()}


def test_help_loads_neither_django_nor_the_excel_library(tmp_path):
    loaded = modules_loaded_by(tmp_path, "--help")
    assert "planwatch" in loaded and "argparse" in loaded  # the listing is real
    assert not loaded & {"django", "openpyxl", "matplotlib", "docx", "gunicorn"}


def test_reading_a_txt_outline_loads_no_django_excel_or_charts(tmp_path):
    loaded = modules_loaded_by(tmp_path, "outline", "parse", str(SAMPLE))
    # numpy and Pillow serve only the reading of pictures (OCR), which a .txt outline has none of.
    assert not loaded & {"django", "openpyxl", "matplotlib", "docx", "numpy", "PIL"}


def test_a_word_report_does_not_load_the_excel_library(tmp_path):
    observations = tmp_path / "observations.csv"
    observations.write_text(
        "indicator,year,value,source\nI2,2022,92.0,区公安分局\nI2,2023,92.4,区公安分局\n",
        encoding="utf-8",
    )
    out = tmp_path / "midterm.docx"
    argv = ["report", "midterm", str(SAMPLE), "--observations", str(observations)]
    loaded = modules_loaded_by(tmp_path, *argv, "--year", "2023", "--out", str(out))
    assert out.stat().st_size > 10_000 and "docx" in loaded
    assert "openpyxl" not in loaded and "django" not in loaded


def test_the_web_app_loads_no_picture_office_or_chart_library(tmp_path):
    """What ``planwatch serve`` loads before its first request: no OCR (numpy, Pillow), no
    Excel or Word writer, no charts; those load with the page or upload that needs them."""
    env = {k: v for k, v in os.environ.items() if not k.startswith(("PLANWATCH_", "DJANGO_"))}
    env.pop("DATABASE_URL", None)
    env.update(PLANWATCH_DATA_DIR=str(tmp_path), PLANWATCH_SECRET_KEY="x" * 50)
    done = subprocess.run(
        [
            sys.executable,
            "-c",
            "import sys, planwatch.web.wsgi; print('\\n'.join(sys.modules))",
        ],
        capture_output=True,
        text=True,
        timeout=120,
        cwd=tmp_path,
        env=env,
    )
    assert done.returncode == 0, done.stderr[-2000:]
    loaded = {name.split(".")[0] for name in done.stdout.split()}
    assert "django" in loaded and "planwatch" in loaded  # the listing is real
    assert not loaded & {"numpy", "PIL", "openpyxl", "docx", "matplotlib", "pypdf"}
