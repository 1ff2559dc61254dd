"""Build the bundled outline as a scan: Word document (its indicator table ruled) → LibreOffice
PDF → pages rasterised by pdftoppm → a PDF of black-and-white page pictures only (as document
scanners store text pages, thresholded, not dithered), with no text layer."""

from __future__ import annotations

import shutil
import subprocess
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

from . import builders

SOFFICE = shutil.which("soffice") or shutil.which("libreoffice")
#: Resolution of the pictures in the scan.
DPI = 200


def missing_tools() -> str | None:
    """What is not installed for building a scan or reading it, if anything."""
    from planwatch.outline.ocr import available

    if not SOFFICE:
        return "LibreOffice (soffice) is not installed: apt-get install libreoffice-writer-nogui"
    if not shutil.which("pdftoppm"):
        return "pdftoppm is not installed: apt-get install poppler-utils"
    if not available():
        return "Tesseract is not installed: apt-get install tesseract-ocr tesseract-ocr-chi-sim"
    return None


def build_scan(text: str, folder: Path) -> tuple[Path, Path]:
    """The outline as a printed PDF (with text) and as a scan of it (pictures only)."""
    import docx as python_docx
    from PIL import Image

    docx = folder / "outline.docx"
    builders.build_docx(text, docx)
    document = python_docx.Document(str(docx))
    for table in document.tables:
        table.style = "Table Grid"  # ruled, as official documents print their tables
    document.save(str(docx))
    subprocess.run(
        [SOFFICE, "--headless", f"-env:UserInstallation=file://{folder}/lo", "--convert-to",
         "pdf", "--outdir", str(folder), str(docx)],
        check=True, capture_output=True, timeout=180,
    )  # fmt: skip
    printed = folder / "outline.pdf"
    pages = _page_count(printed)
    halves = [(1, pages // 2), (pages // 2 + 1, pages)]

    def rasterise(span: tuple[int, int]) -> None:
        first, last = span
        subprocess.run(
            ["pdftoppm", "-r", str(DPI), "-gray", "-png", "-f", str(first), "-l", str(last),
             str(printed), str(folder / "page")],
            check=True, capture_output=True, timeout=600,
        )  # fmt: skip

    with ThreadPoolExecutor(2) as pool:
        list(pool.map(rasterise, halves))
    images = [Image.open(p).convert("1") for p in sorted(folder.glob("page-*.png"))]
    scan = folder / "scan.pdf"
    images[0].save(scan, save_all=True, append_images=images[1:], resolution=DPI)
    return printed, scan


def _page_count(pdf: Path) -> int:
    from pypdf import PdfReader

    return len(PdfReader(pdf).pages)
