"""Reading outlines and tables that exist only as images (OCR with Tesseract).

Used only where there is no text: a PDF page without a text layer, an image file given directly
(``.png``, ``.jpg``, ``.tif`` …), a picture embedded in a ``.docx``, an image a Markdown or HTML
outline links to by a relative path that exists beside it. Needs the Debian packages
``tesseract-ocr tesseract-ocr-chi-sim`` (and ``poppler-utils`` for scanned PDFs); without them a
scan or an image file is refused with a message naming them, and a picture inside a document
stays an image placeholder with that hint in the reading report.

Limits and progress: :func:`ocr_settings` (see :mod:`planwatch.outline.ocr.budget`).
"""

from __future__ import annotations

import io
import shutil
import subprocess
import tempfile
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

from planwatch.errors import InputError, text
from planwatch.outline.document import Block
from planwatch.outline.ocr.budget import (
    MAX_PAGES,
    MAX_SECONDS,
    Clock,
    OcrSettings,
    check_pages,
    current_settings,
    ocr_settings,
)
from planwatch.outline.ocr.engine import (
    PACKAGES,
    PDF_PACKAGES,
    require_tesseract,
    tesseract_command,
)
from planwatch.outline.ocr.page import OcrLine, Placed, blocks_from_pages, read_image
from planwatch.outline.ocr.review import LOW_CONFIDENCE

__all__ = [
    "LOW_CONFIDENCE",
    "MAX_PAGES",
    "MAX_SECONDS",
    "PACKAGES",
    "RASTER_DPI",
    "OcrSettings",
    "available",
    "crop",
    "current_settings",
    "document_path",
    "linked_picture_blocks",
    "needs_ocr",
    "ocr_settings",
    "page_picture",
    "picture_blocks",
    "read_image_bytes",
    "read_picture",
    "read_scanned_pages",
    "scanned_pdf_blocks",
]

#: Scanned PDF pages are rasterised at this resolution: enough for 10.5 pt text, and about
#: 3 s of Tesseract per dense A4 page on one core.
RASTER_DPI = 200


def available() -> bool:
    """Whether Tesseract with the simplified-Chinese model is installed."""
    return tesseract_command() is not None


def needs_ocr(data: bytes, name: str = "") -> bool:
    """Whether reading this file takes OCR: an image file, or a PDF with a page that has no
    text layer (a scan). The web import reads such files in its background worker."""
    from planwatch.outline.readers import sniff_format

    try:
        kind = sniff_format(data, name)
    except InputError:
        return False
    if kind == "image":
        return True
    if kind != "pdf":
        return False
    try:
        from pypdf import PdfReader

        pages = PdfReader(io.BytesIO(data)).pages
        return any(not (page.extract_text() or "").strip() for page in pages)
    except Exception:  # a damaged PDF: the reader refuses it with its own message
        return False


def read_image_bytes(data: bytes, name: str) -> list[Block]:
    """An outline given as an image file (every frame of a multi-page TIFF is a page)."""
    frames = _frames(data, name)  # a damaged file is refused as such, OCR or not
    require_tesseract(name, "图片")
    check_pages(len(frames), name)
    return _read_pages(lambda k: frames[k], len(frames), name, "image")


def read_picture(data: bytes, name: str, source: str) -> list[Block] | None:
    """A picture inside a document (a table printed as an image): its tables and text, or
    None where OCR is not installed or the picture cannot be read (the caller keeps its
    placeholder)."""
    if not available():
        return None
    try:
        frames = _frames(data, source)
    except InputError:
        return None
    return _read_pages(lambda k: frames[k], 1, name, source, page_numbers=False)


def read_scanned_pages(data: bytes, name: str, pages: list[int], count: int) -> list[list]:
    """OCR the given 1-based pages of a PDF: for each, its lines and placed tables."""
    require_tesseract(name, "扫描件")
    if shutil.which("pdftoppm") is None:
        raise InputError(
            text(
                "outline.ocr_missing_pdftoppm",
                "读取扫描件 PDF 需要把页面转成图片：请安装 Debian 软件包 {packages}"
                "（sudo apt-get install {packages}，或运行 ./dev.sh setup）",
                "reading a scanned PDF needs its pages as images: install the Debian "
                "package {packages} (sudo apt-get install {packages}, or run ./dev.sh setup)",
                packages=PDF_PACKAGES,
            ),
            file=name or None,
        )
    check_pages(len(pages), name)
    with tempfile.TemporaryDirectory(prefix="planwatch-pdf-") as tmp:
        pdf = Path(tmp) / "scan.pdf"
        pdf.write_bytes(data)

        def page_image(k: int):
            return page_picture(pdf, pages[k], Path(tmp), name)

        return _read_page_items(page_image, len(pages), name, "page", [p for p in pages])


def crop(data: bytes, box: list[int] | tuple[int, ...], page: int | None = None) -> bytes:
    """PNG bytes of ``box`` in an image (or, with ``page``, in that page of a scanned PDF, as
    :func:`page_picture` gives it): the crop the import review shows beside a low-confidence
    value. Cutting many boxes of one scanned page: make :func:`page_png` once and crop that."""
    from PIL import Image

    image = Image.open(io.BytesIO(page_png(data, page) if _is_pdf_page(data, page) else data))
    if page is not None and getattr(image, "n_frames", 1) >= page > 1:
        image.seek(page - 1)  # a page of a multi-page TIFF
    left, top, right, bottom = (int(v) for v in box)
    out = io.BytesIO()
    image.crop((left, top, right, bottom)).save(out, format="PNG")
    return out.getvalue()


def page_png(data: bytes, page: int | None) -> bytes:
    """One page of an uploaded scan as a PNG picture in the coordinates OCR read it in (a page
    of a scanned PDF as :func:`page_picture` gives it; an image as it is)."""
    if not _is_pdf_page(data, page):
        return data
    with tempfile.TemporaryDirectory(prefix="planwatch-crop-") as tmp:
        pdf = Path(tmp) / "scan.pdf"
        pdf.write_bytes(data)
        image = page_picture(pdf, page, Path(tmp), "")
        out = io.BytesIO()
        image.save(out, format="PNG")
        return out.getvalue()


def _is_pdf_page(data: bytes, page: int | None) -> bool:
    return page is not None and data[:4] == b"%PDF"


def _frames(data: bytes, name: str) -> list:
    from PIL import Image, ImageSequence, UnidentifiedImageError

    try:
        image = Image.open(io.BytesIO(data))
        frames = [frame.convert("L") for frame in ImageSequence.Iterator(image)]
    except (UnidentifiedImageError, OSError, ValueError, SyntaxError) as exc:
        kind = (getattr(exc, "args", None) or [type(exc).__name__])[0]
        raise InputError(
            text(
                "outline.broken_image",
                "无法读取该 {kind} 图片（{detail}），文件可能已损坏",
                "cannot read the {kind} image ({detail})",
                kind=_kind(data),
                detail=str(kind)[:80],
            ),
            file=name or None,
        ) from None
    return frames


def _kind(data: bytes) -> str:
    from planwatch.outline.readers import _IMAGE_MAGIC

    return next((kind for magic, kind in _IMAGE_MAGIC if data.startswith(magic)), "WEBP")


def page_picture(pdf: Path, page: int, folder: Path, name: str):
    """A scanned page as an image: the page's one picture where it is nothing else (a scan,
    taken as stored), else the page rasterised at :data:`RASTER_DPI`."""
    try:
        from pypdf import PdfReader

        images = PdfReader(pdf).pages[page - 1].images
        if len(images) == 1:
            picture = images[0].image
            picture.load()
            return picture
    except Exception:  # an odd image encoding: rasterise instead
        pass
    return _rasterise(pdf, page, folder, name)


def _rasterise(pdf: Path, page: int, folder: Path, name: str):
    from PIL import Image

    stem = folder / f"page{page:05d}"
    args = ["pdftoppm", "-r", str(RASTER_DPI), "-gray", "-png", "-singlefile"]
    args += ["-f", str(page), "-l", str(page), str(pdf), str(stem)]
    done = subprocess.run(args, capture_output=True, timeout=120, check=False)
    path = stem.with_suffix(".png")
    if done.returncode != 0 or not path.exists():
        raise InputError(
            text(
                "outline.broken_pdf",
                "无法读取该 PDF（{kind}），文件可能已损坏",
                "cannot read the PDF ({kind})",
                kind=f"pdftoppm, page {page}",
            ),
            file=name or None,
        )
    image = Image.open(path)
    image.load()
    return image


def _read_pages(image_of, count: int, name: str, source: str, page_numbers: bool = True):
    numbers = list(range(1, count + 1)) if page_numbers else [None] * count
    items = _read_page_items(image_of, count, name, source, numbers)
    return blocks_from_pages(items)


def _read_page_items(image_of, count: int, name: str, source: str, numbers: list) -> list[list]:
    """Read ``count`` images in parallel Tesseract processes, within the time budget,
    telling the progress callback after each one."""
    settings = current_settings()
    clock = Clock(settings, name)
    results: list[list[OcrLine | Placed] | None] = [None] * count

    def work(k: int):
        if clock.left() <= 0:
            raise TimeoutError
        label = source if numbers[k] is None else f"{source} {numbers[k]}"
        return read_image(image_of(k), label, numbers[k], clock.left())

    done = 0
    if settings.progress:
        settings.progress(0, count)
    with ThreadPoolExecutor(max_workers=max(1, settings.workers)) as pool:
        futures = {pool.submit(work, k): k for k in range(count)}
        try:
            for future in _as_completed(futures):
                results[futures[future]] = future.result()
                done += 1
                if settings.progress:
                    settings.progress(done, count)
        except TimeoutError:
            for future in futures:
                future.cancel()
            raise clock.out_of_time(done, count) from None
    return [r or [] for r in results]


def _as_completed(futures):
    from concurrent.futures import as_completed

    return as_completed(futures)


#: A picture read from inside a document counts only with a table or this much text in it
#: (a logo or a photo reads as a few stray characters).
_MIN_PICTURE_TEXT = 20
#: Linked pictures larger than this are not read.
_MAX_PICTURE_BYTES = 20 * 1024 * 1024


def picture_blocks(data: bytes, name: str, source: str, caption: str = "") -> list[Block] | None:
    """:func:`read_picture`, kept only where the picture holds a table or real text; the
    caption (a 专栏 title) stands for the picture's own title lines above its table."""
    from planwatch.outline.document import Paragraph, Table

    blocks = read_picture(data, name, source)
    if not blocks:
        return None
    has_table = any(isinstance(b, Table) for b in blocks)
    letters = sum(len(b.text) for b in blocks if isinstance(b, Paragraph))
    if not has_table and letters < _MIN_PICTURE_TEXT:
        return None
    if has_table and caption:
        first = next(k for k, b in enumerate(blocks) if isinstance(b, Table))
        blocks = [Paragraph(caption), *blocks[first:]]
    return blocks


def document_path(name: str, data: bytes) -> str:
    """``name`` where it is the path of the file these bytes were read from, else "": an
    upload's name says nothing about where pictures it links to are (nor may it reach into the
    server's folders)."""
    try:
        path = Path(name)
        if name and path.is_file() and path.stat().st_size == len(data):
            return name if path.read_bytes() == data else ""
    except (OSError, ValueError):
        pass
    return ""


def linked_picture_blocks(document: str, href: str, caption: str = "") -> list[Block] | None:
    """The picture a Markdown or HTML outline links to by a relative path (``images/x.jpg``)
    that exists beside ``document`` (the outline's own path): read it, or None. Links to the
    web, absolute paths and paths leading out of the outline's folder are not followed."""
    from urllib.parse import unquote, urlparse

    if not document or not href or not available():
        return None
    link = urlparse(href.strip())
    if link.scheme or link.netloc or link.path.startswith(("/", "\\")):
        return None
    folder = Path(document).resolve().parent
    path = (folder / unquote(link.path)).resolve()
    if not path.is_relative_to(folder) or not path.is_file():
        return None
    if path.stat().st_size > _MAX_PICTURE_BYTES:
        return None
    return picture_blocks(path.read_bytes(), document, href, caption)


def scanned_pdf_blocks(data: bytes, name: str, pages: list[list]) -> list[Block] | None:
    """A PDF some of whose pages have no text layer: those pages read by OCR, the others as
    they are (``pages``: each page's text lines from the PDF reader), in page order. None where
    OCR is not installed but some pages have text (they are read without the scanned ones)."""
    blank = [k + 1 for k, lines in enumerate(pages) if not lines]
    if not blank:
        return None
    if len(blank) < len(pages) and not available():
        return None
    read = read_scanned_pages(data, name, blank, len(pages))
    if len(blank) < len(pages) and not any(read):
        return None  # blank pages in a PDF with text: read it as text alone
    by_page = dict(zip(blank, read, strict=True))
    return blocks_from_pages(
        [by_page.get(k + 1, lines) for k, lines in enumerate(pages)],
        list(range(1, len(pages) + 1)),
    )
