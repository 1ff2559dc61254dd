"""How much OCR one reading may do, and whom to tell how far it got.

OCR costs seconds per page, so it runs within a page and time budget: a scan longer than
``max_pages`` is refused before any work, and a reading that passes ``max_seconds`` stops with a
message (nothing half-read is returned). The caller sets both, and a progress callback, for the
readings inside a ``with ocr_settings(...)`` block, so reader signatures stay ``read(data,
name)``: the CLI draws a progress bar on stderr, the web import's background worker can store
``done/total`` for its progress indicator.
"""

from __future__ import annotations

import os
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass, field

from planwatch.errors import InputError, text

#: ``progress(done, total)``: pages (or images) read so far, out of how many.
Progress = Callable[[int, int], None]

#: Defaults: a 60-page county scan takes about 2 minutes on two cores (see docs/outline-format.md).
MAX_PAGES = 200
MAX_SECONDS = 900.0


@dataclass
class OcrSettings:
    max_pages: int = MAX_PAGES
    max_seconds: float = MAX_SECONDS
    progress: Progress | None = None
    #: Parallel Tesseract processes; one per core, at most two by default.
    workers: int = field(default_factory=lambda: max(1, min(2, os.cpu_count() or 1)))


_SETTINGS: ContextVar[OcrSettings | None] = ContextVar("planwatch_ocr_settings", default=None)


def current_settings() -> OcrSettings:
    return _SETTINGS.get() or OcrSettings()


@contextmanager
def ocr_settings(
    *,
    progress: Progress | None = None,
    max_pages: int = MAX_PAGES,
    max_seconds: float = MAX_SECONDS,
    workers: int | None = None,
) -> Iterator[OcrSettings]:
    """Readings inside this block use these limits and report progress to ``progress``."""
    settings = OcrSettings(max_pages=max_pages, max_seconds=max_seconds, progress=progress)
    if workers:
        settings.workers = workers
    token = _SETTINGS.set(settings)
    try:
        yield settings
    finally:
        _SETTINGS.reset(token)


class Clock:
    """The time left of the budget for one reading."""

    def __init__(self, settings: OcrSettings, name: str) -> None:
        self.settings, self.name = settings, name
        self.start = time.monotonic()

    def left(self) -> float:
        return self.settings.max_seconds - (time.monotonic() - self.start)

    def out_of_time(self, done: int, total: int) -> InputError:
        return InputError(
            text(
                "outline.ocr_time",
                "文字识别超出时间预算（{seconds:g} 秒），已识别 {done}/{total} 页；"
                "请拆分文件，或改用带文字层的 PDF、.docx 原件",
                "OCR ran past its time budget ({seconds:g} s) after {done} of {total} pages; "
                "split the file or use a PDF with a text layer or the .docx original",
                seconds=self.settings.max_seconds,
                done=done,
                total=total,
            ),
            file=self.name or None,
        )


def check_pages(count: int, name: str) -> None:
    """Refuse a scan over the page budget before reading any of it."""
    limit = current_settings().max_pages
    if count > limit:
        raise InputError(
            text(
                "outline.ocr_pages",
                "该扫描件有 {count} 页需要文字识别，超过 {limit} 页的上限；请拆分文件后分别导入",
                "the scan has {count} pages to OCR, over the {limit}-page limit; "
                "split the file and import the parts",
                count=count,
                limit=limit,
            ),
            file=name or None,
        )
