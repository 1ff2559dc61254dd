"""Pictures drawn for the OCR tests: outline text and ruled tables, in a CJK font from
fonts-noto-cjk (a Debian package dev.sh installs), so every test builds its own input."""

from __future__ import annotations

from pathlib import Path

FONT = Path("/usr/share/fonts/opentype/noto/NotoSerifCJK-Regular.ttc")


def text_page(lines: list[str], size: int = 30, width: int = 1400):
    """A white page with one text line per entry."""
    from PIL import Image, ImageDraw, ImageFont

    font = ImageFont.truetype(str(FONT), size)
    page = Image.new("L", (width, 120 + len(lines) * int(size * 1.8)), 255)
    draw = ImageDraw.Draw(page)
    for k, line in enumerate(lines):
        draw.text((80, 60 + k * int(size * 1.8)), line, font=font, fill=0)
    return page


def ruled_table(rows: list[list[str | None]], widths: list[int], size: int = 28):
    """A table with a rule round every cell. ``None`` continues the cell above (a merged
    category cell), so no rule is drawn between them."""
    from PIL import Image, ImageDraw, ImageFont

    font = ImageFont.truetype(str(FONT), size)
    height = int(size * 2)
    xs = [20]
    for w in widths:
        xs.append(xs[-1] + w)
    image = Image.new("L", (xs[-1] + 20, 20 + height * len(rows) + 20), 255)
    draw = ImageDraw.Draw(image)
    top = 20
    for r, row in enumerate(rows):
        y0, y1 = top + r * height, top + (r + 1) * height
        for c, cell in enumerate(row):
            x0, x1 = xs[c], xs[c + 1]
            continued = cell is None
            draw.line([(x0, y0), (x0, y1)], fill=0, width=2)
            draw.line([(x1, y0), (x1, y1)], fill=0, width=2)
            if not continued:
                draw.line([(x0, y0), (x1, y0)], fill=0, width=2)
                span = 1
                while r + span < len(rows) and rows[r + span][c] is None:
                    span += 1
                mid = (y0 + y0 + span * height) // 2
                draw.text((x0 + 10, mid - size // 2 - 4), cell, font=font, fill=0)
    bottom = top + len(rows) * height
    draw.line([(xs[0], bottom), (xs[-1], bottom)], fill=0, width=2)
    return image
