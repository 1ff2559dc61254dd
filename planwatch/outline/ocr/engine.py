"""Tesseract, run as the ``tesseract`` command with TSV output.

Why the command line and not a binding: the Debian packages ``tesseract-ocr`` and
``tesseract-ocr-chi-sim`` give the command and the simplified-Chinese model and nothing else is
needed; pytesseract is itself a wrapper that starts the same command, so it would add a
dependency and hide the options. The TSV output carries every word's box and confidence, which
table reconstruction and the coordinator's review need. A separate process can be killed when
the time budget runs out, and many small images (table cells) go through one process as a list
file, so the model is loaded once.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import tempfile
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from planwatch.errors import InputError, text

LANGUAGE = "chi_sim"
#: Debian packages the reader needs to read images (and, for scanned PDFs, to rasterise them).
PACKAGES = "tesseract-ocr tesseract-ocr-chi-sim"
PDF_PACKAGES = "poppler-utils"


@dataclass(frozen=True)
class Word:
    """One word (for Chinese, usually a run of characters) with its box and confidence 0–100."""

    text: str
    left: int
    top: int
    width: int
    height: int
    conf: float
    line: tuple[int, int, int]  # (block, paragraph, line) within its image

    @property
    def right(self) -> int:
        return self.left + self.width

    @property
    def bottom(self) -> int:
        return self.top + self.height


@cache
def _languages(command: str) -> frozenset[str]:
    try:
        out = subprocess.run(
            [command, "--list-langs"], capture_output=True, text=True, timeout=30, check=False
        )
    except (OSError, subprocess.TimeoutExpired):
        return frozenset()
    return frozenset(line.strip() for line in (out.stdout + out.stderr).splitlines()[1:])


def tesseract_command() -> str | None:
    """The ``tesseract`` command if it is installed with the simplified-Chinese model."""
    command = shutil.which("tesseract")
    if command is None or LANGUAGE not in _languages(command):
        return None
    return command


def require_tesseract(name: str = "", what: str = "图片") -> str:
    """The command, or an :class:`InputError` naming exactly what to install."""
    command = tesseract_command()
    if command is None:
        raise InputError(missing_ocr_text(what), file=name or None)
    return command


def missing_ocr_text(what: str = "图片"):
    return text(
        "outline.ocr_missing",
        "读取{what}需要文字识别（OCR）：请安装 Debian 软件包 {packages}"
        "（sudo apt-get install {packages}，或运行 ./dev.sh setup）",
        "reading {what_en} needs OCR: install the Debian packages {packages} "
        "(sudo apt-get install {packages}, or run ./dev.sh setup)",
        what=what,
        what_en={"图片": "an image", "扫描件": "a scan"}.get(what, "an image"),
        packages=PACKAGES,
    )


def recognise(
    images: list[Path],
    psm: int = 6,
    timeout: float = 300,
    whitelist: str | None = None,
    language: str = LANGUAGE,
) -> list[list[Word]]:
    """The words of each image file, read by one Tesseract process.

    ``psm`` 6 reads a uniform block of text (a page or a cell); ``whitelist`` limits the
    characters (figures in a numeric column), ``language`` the model (``eng``, which Debian's
    ``tesseract-ocr`` always brings, reads Latin digits better). One thread per process:
    pages run in parallel processes instead, which is faster on few cores.
    """
    command = require_tesseract()
    if not images:
        return []
    with tempfile.TemporaryDirectory(prefix="planwatch-ocr-") as tmp:
        listing = Path(tmp) / "images.txt"
        listing.write_text("\n".join(str(p) for p in images) + "\n", encoding="utf-8")
        args = [command, str(listing), "-", "-l", language, "--psm", str(psm)]
        if whitelist:
            args += ["-c", f"tessedit_char_whitelist={whitelist}"]
        args.append("tsv")
        env = {**os.environ, "OMP_THREAD_LIMIT": "1"}
        try:
            out = subprocess.run(
                args, capture_output=True, timeout=max(1.0, timeout), env=env, check=False
            )
        except subprocess.TimeoutExpired:
            raise TimeoutError from None
    return parse_tsv(out.stdout.decode("utf-8", "replace"), len(images))


def parse_tsv(tsv: str, count: int) -> list[list[Word]]:
    """Word rows (level 5) of Tesseract's TSV, one list per image (``page_num``)."""
    pages: list[list[Word]] = [[] for _ in range(count)]
    for row in tsv.splitlines()[1:]:
        parts = row.split("\t")
        if len(parts) < 12 or parts[0] != "5" or not parts[11].strip():
            continue
        page = int(parts[1]) - 1
        if not 0 <= page < count:
            continue
        left, top, width, height = (int(v) for v in parts[6:10])
        line = (int(parts[2]), int(parts[3]), int(parts[4]))
        pages[page].append(
            Word(parts[11].strip(), left, top, width, height, float(parts[10]), line)
        )
    return pages
