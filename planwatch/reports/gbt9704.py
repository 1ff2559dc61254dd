"""The official document layout of GB/T 9704-2012 applied to a python-docx document.

Page, margins, fonts, line pitch and page numbers live here, as named constants with the
standard's own terms beside them, so that the report writer only says "title", "heading",
"body". Chinese fonts are set as ``w:eastAsia`` (and the Latin slots too) on every style and run,
because Word and LibreOffice pick the face for Chinese text from that attribute alone.
"""

from __future__ import annotations

from copy import deepcopy
from functools import lru_cache

from docx.document import Document
from docx.enum.section import WD_SECTION
from docx.enum.style import WD_STYLE_TYPE
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_COLOR_INDEX, WD_LINE_SPACING
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.section import Section
from docx.shared import Mm, Pt, Twips
from docx.styles.style import ParagraphStyle
from docx.text.paragraph import Paragraph
from docx.text.run import Run

from planwatch.reports.title_lines import title_lines

# --- page (GB/T 9704-2012 §5.2.1, §5.2.2) ----------------------------------------------------
PAGE_WIDTH_MM, PAGE_HEIGHT_MM = 210, 297  # A4
TOP_MM, BOTTOM_MM, LEFT_MM, RIGHT_MM = 37, 35, 28, 26  # 天头 37 mm, 订口 28 mm; 版心 156 × 225 mm
TEXT_WIDTH_MM = PAGE_WIDTH_MM - LEFT_MM - RIGHT_MM  # 156
TEXT_HEIGHT_MM = PAGE_HEIGHT_MM - TOP_MM - BOTTOM_MM  # 225
LINES_PER_PAGE = 22  # §5.2.2: 每面排22行，每行排28个字

# Fixed line pitch giving 22 lines a page: text area height / 22.
#   225 mm = 225 / 25.4 × 1440 = 12 755.9 twips;  12 755.9 / 22 = 579.8 twips.
# Word stores the pitch in whole twips; rounding down keeps all 22 lines on the page:
#   579 twips = 28.95 pt (the "固定值 28.95 磅" of official templates); 22 × 579 = 12 738 ≤ 12 756.
LINE_PITCH_TWIPS = int(TEXT_HEIGHT_MM / 25.4 * 1440 / LINES_PER_PAGE)
LINE_PITCH = Twips(LINE_PITCH_TWIPS)

# 28 characters a line (§5.2.2): the text width over 28 is the pitch a character may take,
#   156 mm = 442.20 pt;  442.20 / 28 = 15.793 pt, 0.207 pt under the 16 pt face.
# A w:docGrid of type linesAndChars would say so, but LibreOffice then puts each 16 pt glyph
# into two cells of the 15.79 pt grid (14 characters a line). So the grid is of lines only
# and the 3号 styles carry a letter spacing instead; Word stores it in twentieths of a point:
#   −5 (−0.25 pt) is the first that fits: 28 × 15.75 = 441.0 ≤ 442.2 < 29 × 15.75 = 456.75.
CHARS_PER_LINE = 28
CHAR_SPACING_TWENTIETHS = -5
CHAR_PITCH_PT = TEXT_WIDTH_MM / 25.4 * 72 / CHARS_PER_LINE

# --- fonts and sizes (§5.2.3, §7) -------------------------------------------------------------
TITLE_FONT, TITLE_SIZE = "方正小标宋简体", Pt(22)  # 标题：2号小标宋体
BODY_FONT, BODY_SIZE = "仿宋_GB2312", Pt(16)  # 正文：3号仿宋体
HEADING1_FONT = "黑体"  # 第一层"一、"：黑体
HEADING2_FONT = "楷体_GB2312"  # 第二层"（一）"：楷体
PAGE_NUMBER_FONT, PAGE_NUMBER_SIZE = "宋体", Pt(14)  # 页码：4号半角宋体
TABLE_FONT, TABLE_SIZE = "仿宋_GB2312", Pt(10.5)  # tables: 5号, so that eight columns fit 156 mm
INDENT_CHARS = 2  # 首行缩进 2 字

# Page numbers sit 7 mm below the text area (§7.5: 一字线上距版心下边缘7 mm); the footer is
# measured from the page edge to the bottom of its one 4号 line.
FOOTER_DISTANCE = Mm(BOTTOM_MM - 7) - PAGE_NUMBER_SIZE

# Style names the writer uses.
TITLE, BODY, HEADING1, HEADING2 = "Title", "Normal", "Heading 1", "Heading 2"
TABLE_TEXT, FIGURE, CAPTION, PAGE_NUMBER = "表格文字", "图", "表题", "页码"
#: Their ids in the document (python-docx drops the spaces of a name to make its id).
STYLE_IDS: dict[str, str] = {
    name: name.replace(" ", "")
    for name in (TITLE, BODY, HEADING1, HEADING2, TABLE_TEXT, FIGURE, CAPTION, PAGE_NUMBER)
}

_THEME_FONT_ATTRS = ("w:asciiTheme", "w:hAnsiTheme", "w:eastAsiaTheme", "w:cstheme")


def apply_layout(doc: Document) -> None:
    """Page setup, every style the report uses, and outer-side page numbers."""
    section = doc.sections[0]
    _page(section)
    _defaults(doc)
    styles = doc.styles
    _paragraph_style(styles[BODY], BODY_FONT, BODY_SIZE, indent=True)
    _paragraph_style(styles[TITLE], TITLE_FONT, TITLE_SIZE, align=WD_ALIGN_PARAGRAPH.CENTER)
    styles[TITLE].paragraph_format.space_after = LINE_PITCH  # one blank line under the title
    # Off the character grid: a 2号 character would take two grid cells and the title would
    # break after ten characters a line.
    _off_grid(styles[TITLE])
    _paragraph_style(styles[HEADING1], HEADING1_FONT, BODY_SIZE, indent=True, keep_next=True)
    _paragraph_style(styles[HEADING2], HEADING2_FONT, BODY_SIZE, indent=True, keep_next=True)
    for name in (BODY, HEADING1, HEADING2):
        _letter_spacing(styles[name], CHAR_SPACING_TWENTIETHS)
    _paragraph_style(_new(doc, TABLE_TEXT), TABLE_FONT, TABLE_SIZE, exact=False)
    _paragraph_style(
        _new(doc, FIGURE), BODY_FONT, BODY_SIZE, align=WD_ALIGN_PARAGRAPH.CENTER, exact=False
    )
    _paragraph_style(
        _new(doc, CAPTION), HEADING1_FONT, Pt(14), align=WD_ALIGN_PARAGRAPH.CENTER, keep_next=True
    )
    _paragraph_style(_new(doc, PAGE_NUMBER), PAGE_NUMBER_FONT, PAGE_NUMBER_SIZE, exact=False)
    for name in (TABLE_TEXT, FIGURE, CAPTION, PAGE_NUMBER):
        _off_grid(styles[name])
    _page_numbers(doc, section)


def add_title(doc: Document, title: str) -> Paragraph:
    """The title in 2号小标宋, cut into lines between words in a 梯形 or 菱形 (§7.3.3)."""
    paragraph = add_paragraph(doc, TITLE)
    for n, line in enumerate(title_lines(title)):
        run = add_run(paragraph, line)
        if n:
            run._r.insert(1, OxmlElement("w:br"))
    return paragraph


def _letter_spacing(style: ParagraphStyle, twentieths: int) -> None:
    """w:spacing in the style's run properties, before w:sz as the schema orders them."""
    rpr = style.element.get_or_add_rPr()
    spacing = OxmlElement("w:spacing")
    spacing.set(qn("w:val"), str(twentieths))
    rpr.find(qn("w:sz")).addprevious(spacing)


def _off_grid(style: ParagraphStyle) -> None:
    """Off the document grid; w:snapToGrid goes where the schema wants it (before spacing)."""
    ppr = style.element.get_or_add_pPr()
    snap = OxmlElement("w:snapToGrid")
    snap.set(qn("w:val"), "0")
    later = [ppr.find(qn(t)) for t in _AFTER_SNAP]
    later = [e for e in later if e is not None]
    if later:
        min(later, key=list(ppr).index).addprevious(snap)
    else:
        ppr.append(snap)


_AFTER_SNAP = (
    "w:spacing", "w:ind", "w:contextualSpacing", "w:mirrorIndents", "w:suppressOverlap", "w:jc",
    "w:textDirection", "w:textAlignment", "w:textboxTightWrap", "w:outlineLvl", "w:divId",
    "w:cnfStyle", "w:rPr", "w:sectPr", "w:pPrChange",
)  # fmt: skip


def set_fonts(element, name: str, size: Pt | None = None, *, bold: bool | None = None) -> None:
    """Set one face for Latin and East-Asian text on a style's or run's ``w:rPr``."""
    rpr = element.get_or_add_rPr()
    fonts = rpr.get_or_add_rFonts()
    for attr in _THEME_FONT_ATTRS:
        fonts.attrib.pop(qn(attr), None)
    for attr in ("w:ascii", "w:hAnsi", "w:eastAsia", "w:cs"):
        fonts.set(qn(attr), name)
    fonts.set(qn("w:hint"), "eastAsia")
    if size is not None:
        half_points = str(round(size.pt * 2))
        sz = rpr.get_or_add_sz()
        sz.set(qn("w:val"), half_points)
        complex_size = rpr.find(qn("w:szCs"))
        if complex_size is None:
            complex_size = OxmlElement("w:szCs")
            sz.addnext(complex_size)
        complex_size.set(qn("w:val"), half_points)
    if bold is not None:
        for tag in (rpr.get_or_add_b(), rpr.get_or_add_bCs()):
            tag.set(qn("w:val"), "1" if bold else "0")


def add_paragraph(parent, style: str = BODY) -> Paragraph:
    """A paragraph in one of the layout's styles, set by id.

    python-docx resolves a style given by name or object by walking every style of the document,
    which made a report with a thousand table cells take seconds.
    """
    paragraph = parent.add_paragraph()
    set_style(paragraph, style)
    return paragraph


def set_style(paragraph: Paragraph, style: str) -> None:
    paragraph._p.style = STYLE_IDS[style]


def add_run(
    paragraph: Paragraph,
    text: str,
    *,
    font: str | None = None,
    size: Pt | None = None,
    bold: bool | None = None,
    highlight: bool = False,
) -> Run:
    """A run with its fonts set explicitly, defaulting to the paragraph style's face."""
    run = paragraph.add_run(text)
    style_font, style_size = STYLE_FONTS.get(paragraph._p.style or "Normal", STYLE_FONTS["Normal"])
    size = size or style_size
    # A new run has no properties yet: copy a ready-made set rather than build one per run.
    run._r.insert(0, deepcopy(_run_properties(font or style_font, size.pt, bold)))
    if highlight:
        run.font.highlight_color = WD_COLOR_INDEX.YELLOW
    return run


@lru_cache(maxsize=64)
def _run_properties(font: str, points: float, bold: bool | None):
    prototype = OxmlElement("w:r")
    set_fonts(prototype, font, Pt(points), bold=bold)
    return prototype.rPr


#: Face and size of each style, by style id: what a run in that style is given explicitly.
STYLE_FONTS: dict[str, tuple[str, Pt]] = {
    STYLE_IDS[BODY]: (BODY_FONT, BODY_SIZE),
    STYLE_IDS[TITLE]: (TITLE_FONT, TITLE_SIZE),
    STYLE_IDS[HEADING1]: (HEADING1_FONT, BODY_SIZE),
    STYLE_IDS[HEADING2]: (HEADING2_FONT, BODY_SIZE),
    STYLE_IDS[TABLE_TEXT]: (TABLE_FONT, TABLE_SIZE),
    STYLE_IDS[FIGURE]: (BODY_FONT, BODY_SIZE),
    STYLE_IDS[CAPTION]: (HEADING1_FONT, Pt(14)),
    STYLE_IDS[PAGE_NUMBER]: (PAGE_NUMBER_FONT, PAGE_NUMBER_SIZE),
}


def _page(section: Section) -> None:
    section.page_width, section.page_height = Mm(PAGE_WIDTH_MM), Mm(PAGE_HEIGHT_MM)
    section.top_margin, section.bottom_margin = Mm(TOP_MM), Mm(BOTTOM_MM)
    section.left_margin, section.right_margin = Mm(LEFT_MM), Mm(RIGHT_MM)
    section.gutter = Mm(0)
    section.header_distance = Mm(15)
    section.footer_distance = FOOTER_DISTANCE
    section.start_type = WD_SECTION.NEW_PAGE
    grid = section._sectPr.find(qn("w:docGrid"))
    if grid is None:
        grid = OxmlElement("w:docGrid")
        section._sectPr.append(grid)
    grid.set(qn("w:type"), "lines")
    grid.set(qn("w:linePitch"), str(LINE_PITCH_TWIPS))


def _defaults(doc: Document) -> None:
    """Document defaults: the body face, Chinese as the East-Asian language, no spacing."""
    defaults = doc.styles.element.find(qn("w:docDefaults"))
    rpr = defaults.find(qn("w:rPrDefault")).find(qn("w:rPr"))
    fonts = rpr.find(qn("w:rFonts"))
    for attr in _THEME_FONT_ATTRS:
        fonts.attrib.pop(qn(attr), None)
    for attr in ("w:ascii", "w:hAnsi", "w:eastAsia", "w:cs"):
        fonts.set(qn(attr), BODY_FONT)
    lang = rpr.find(qn("w:lang"))
    lang.set(qn("w:eastAsia"), "zh-CN")
    # The character grid's pitch is counted from the default size: make it the body's 3号.
    for tag in ("w:sz", "w:szCs"):
        size = rpr.find(qn(tag))
        if size is None:
            size = OxmlElement(tag)
            lang.addprevious(size)
        size.set(qn("w:val"), str(round(BODY_SIZE.pt * 2)))
    spacing = defaults.find(qn("w:pPrDefault")).find(qn("w:pPr")).find(qn("w:spacing"))
    spacing.set(qn("w:after"), "0")


def _paragraph_style(
    style: ParagraphStyle,
    font: str,
    size: Pt,
    *,
    align: WD_ALIGN_PARAGRAPH | None = None,
    indent: bool = False,
    exact: bool = True,
    keep_next: bool = False,
) -> None:
    rpr = style.element.get_or_add_rPr()
    for tag in ("w:color", "w:b", "w:bCs", "w:i", "w:iCs", "w:spacing", "w:kern"):
        for old in rpr.findall(qn(tag)):
            rpr.remove(old)
    set_fonts(style.element, font, size, bold=False)
    ppr = style.element.get_or_add_pPr()
    for tag in ("w:pBdr", "w:contextualSpacing"):
        for old in ppr.findall(qn(tag)):
            ppr.remove(old)
    fmt = style.paragraph_format
    fmt.space_before, fmt.space_after = Pt(0), Pt(0)
    if exact:
        fmt.line_spacing_rule = WD_LINE_SPACING.EXACTLY
        fmt.line_spacing = LINE_PITCH
    else:
        fmt.line_spacing_rule = WD_LINE_SPACING.SINGLE
    if align is not None:
        fmt.alignment = align
    # Styles based on the body inherit its indent unless they cancel it, in both units: Word
    # measures a first-line indent in characters (hundredths) as well as in twips.
    chars = INDENT_CHARS if indent else 0
    fmt.first_line_indent = Pt(size.pt * chars)
    ppr.find(qn("w:ind")).set(qn("w:firstLineChars"), str(chars * 100))
    fmt.keep_with_next = keep_next or None
    fmt.widow_control = True


def _new(doc: Document, name: str) -> ParagraphStyle:
    style = doc.styles.add_style(name, WD_STYLE_TYPE.PARAGRAPH)
    style.base_style = doc.styles[BODY]
    style.quick_style = True
    return style


def _page_numbers(doc: Document, section: Section) -> None:
    """``— 1 —`` at the foot, outer side: odd pages right, even pages left, one character in."""
    doc.settings.odd_and_even_pages_header_footer = True
    one_char = PAGE_NUMBER_SIZE
    for footer, align in (
        (section.footer, WD_ALIGN_PARAGRAPH.RIGHT),
        (section.even_page_footer, WD_ALIGN_PARAGRAPH.LEFT),
    ):
        footer.is_linked_to_previous = False
        p = footer.paragraphs[0]
        set_style(p, PAGE_NUMBER)
        p.alignment = align
        if align == WD_ALIGN_PARAGRAPH.RIGHT:
            p.paragraph_format.right_indent = one_char
        else:
            p.paragraph_format.left_indent = one_char
        add_run(p, "— ")
        _page_field(p)
        add_run(p, " —")


def _page_field(paragraph: Paragraph) -> None:
    """A PAGE field: begin, instruction, separator, cached "1", end."""
    for kind, text in (("begin", None), ("instr", " PAGE "), ("separate", None), ("text", "1")):
        run = add_run(paragraph, "")
        if kind == "instr":
            instr = OxmlElement("w:instrText")
            instr.set(qn("xml:space"), "preserve")
            instr.text = text
            run._r.append(instr)
        elif kind == "text":
            run.text = text
        else:
            run._r.append(_fld_char(kind))
    add_run(paragraph, "")._r.append(_fld_char("end"))


def _fld_char(kind: str):
    element = OxmlElement("w:fldChar")
    element.set(qn("w:fldCharType"), kind)
    return element
