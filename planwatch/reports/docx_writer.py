"""The Word draft: 年度监测报告 or 中期评估报告, laid out per GB/T 9704-2012.

The draft follows the order officials write in: overview, indicator table, progress by
category, prose targets, tasks and projects by chapter, problems and risks, next steps,
signature, and an appendix with the source of every figure. Judgement sections carry
highlighted 【请填写：…】 places for the coordinator's own words.
"""

from __future__ import annotations

import io
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from docx import Document
from docx.enum.table import WD_CELL_VERTICAL_ALIGNMENT, WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_BREAK
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Mm, Pt, RGBColor
from docx.table import Table

from planwatch.assess.model import ItemAssessment
from planwatch.assess.status import status
from planwatch.reports import charts, gbt9704
from planwatch.reports.content import UNSOURCED, ChapterProgress, ReportContent
from planwatch.reports.gbt9704 import add_paragraph, add_run, set_style
from planwatch.reports.wording import (
    MISSING,
    PLACEHOLDER,
    category_paragraph,
    chinese_ordinal,
    item_sentences,
    latest,
    names,
    number,
    percent,
    risk_sentence,
    status_counts,
    status_label,
    target_phrase,
    with_unit,
)


@dataclass(frozen=True)
class Shaded:
    """A table cell filled with a status colour (white text); the label is always written too."""

    text: str
    colour: str


@dataclass(frozen=True)
class Spanning:
    """A row of one cell across the whole table, e.g. a category (经济发展)."""

    text: str


def write_docx(
    content: ReportContent,
    out_path: str | Path,
    *,
    chart_fonts: Sequence[str] = charts.CJK_FONT_FAMILIES,
) -> None:
    """Draft the report into ``out_path`` (.docx)."""
    doc = Document()
    gbt9704.apply_layout(doc)
    props = doc.core_properties
    props.title, props.author, props.language = content.title, content.issuer or "", "zh-CN"
    props.subject = content.plan_name
    Draft(doc, content, charts.find_cjk_font(chart_fonts)).write()
    doc.save(str(out_path))


class Draft:
    """Writes the sections in order, numbering headings, tables and figures as it goes."""

    def __init__(self, doc, content: ReportContent, chart_family: str | None) -> None:
        self.doc, self.c, self.family = doc, content, chart_family
        self.h1 = self.h2 = self.tables = self.figures = 0

    def write(self) -> None:
        self.paragraph(self.c.title, gbt9704.TITLE)
        self.opening()
        self.overview()
        self.by_category()
        self.progress_by_chapter()
        self.problems_and_risks()
        self.next_steps()
        self.signature()
        self.appendix()

    # --- sections ------------------------------------------------------------------------

    def opening(self) -> None:
        c = self.c
        cited = c.outline_citation
        if c.kind == "midterm":
            self.paragraph(
                f"按照规划实施中期评估工作要求，对{cited}实施以来主要指标、量化目标、重点任务和"
                "重大项目推进情况进行了全面评估。现将评估情况报告如下。"
            )
        else:
            self.paragraph(
                f"为全面掌握{cited}实施进展，按照规划实施监测评估工作要求，对{c.year}年规划"
                "主要指标、量化目标、重点任务和重大项目推进情况进行了监测。现将有关情况报告如下。"
            )

    def overview(self) -> None:
        c = self.c
        items = c.items
        binding = [i for i in c.indicators if c.attributes.get(i.code) == "约束性"]
        self.heading1("规划实施总体情况" if c.kind == "midterm" else "总体情况")
        first, last = c.period
        timing = ""
        elapsed = c.years_elapsed or 0
        if c.kind == "midterm" and first and last and elapsed > 0:
            timing = f"规划期为{first}—{last}年。截至{c.year}年，规划已实施{c.years_elapsed}年，"
            timing += f"时间进度为{percent(c.time_share)}。"
        elif elapsed > 0:
            timing = f"{c.year}年是规划实施的第{chinese_ordinal(elapsed)}年。"
        self.paragraph(
            timing + f"规划设置主要指标{len(c.indicators)}项，其中约束性指标{len(binding)}项、"
            f"预期性指标{len(c.indicators) - len(binding)}项；正文提出量化目标{len(c.targets)}项。"
        )
        if not items:
            self.paragraph(f"规划未列出可监测的主要指标和量化目标（{MISSING}）。")
            return
        findings = f"{'评估' if c.kind == 'midterm' else '监测'}结果显示，"
        findings += f"在{len(items)}项指标和目标中，{status_counts(items)}。"
        if c.kind == "midterm":
            findings += self._half_time_half_work(items)
        findings += self._binding_sentence(binding)
        self.paragraph(findings)
        if c.kind == "midterm":
            self.placeholder("对规划实施总体情况的评价")
        self.chart(lambda family: charts.status_chart(items, family), "主要指标和目标进展状态分布")
        if c.indicators:
            self.caption_table("主要指标监测情况")
            self.indicator_table()
        if any(i.completion_share is not None for i in items):
            self.chart(
                lambda family: charts.progress_chart(items, c.time_share, family),
                "主要指标目标完成进度",
            )

    def _half_time_half_work(self, items: Sequence[ItemAssessment]) -> str:
        judged = [i for i in items if status(i.status).judged]
        if not judged:
            return "目前尚无可与时间进度对照的指标。"
        ok = [i for i in judged if i.status in ("achieved", "on_track")]
        ahead = [i for i in ok if i.status == "achieved"]
        share = percent(len(ok) / len(judged))
        return (
            f"对照“时间过半、任务过半”的要求，在{len(judged)}项可与时间进度对照的指标和目标中，"
            f"{len(ok)}项完成进度达到或超过时间进度（其中提前完成{len(ahead)}项），占{share}；"
            f"{len(judged) - len(ok)}项滞后于时间进度。"
        )

    def _binding_sentence(self, binding: Sequence[ItemAssessment]) -> str:
        if not binding:
            return ""
        off = [i for i in binding if i.off_course]
        missing = [i for i in binding if i.status == "no_data"]
        if off:
            text = f"约束性指标中，{names(off)}进展滞后，需重点关注"
        else:
            text = "约束性指标中未发现进展滞后的情况"
        if missing:
            text += f"，{names(missing)}{MISSING}"
        return text + "。"

    def indicator_table(self) -> None:
        c = self.c
        base = f"{c.plan.base_year}年" if c.plan.base_year else "基期值"
        goal = f"{c.plan.target_year}年目标" if c.plan.target_year else "目标值"
        headers = ["序号", "指标名称", "单位", base, "最新值（年份）", goal, "进展状态", "属性"]
        rows: list = []
        for category, items in c.categories():
            rows.append(Spanning(category))
            for i in items:
                year, value = latest(i)
                rows.append(
                    [
                        str(i.number or ""),
                        i.name,
                        i.unit or "",
                        number(i.baseline_value) if i.baseline_value is not None else "——",
                        f"{number(value)}\n（{year}年）" if value is not None else MISSING,
                        _target_cell(i),
                        Shaded(status_label(i), status(i.status).colour),
                        c.attributes.get(i.code, ""),
                    ]
                )
        self.table(headers, rows, (10, 44, 14, 16, 24, 18, 18, 12))

    def by_category(self) -> None:
        c = self.c
        self.heading1("主要指标和目标进展情况")
        for category, items in c.categories():
            self.heading2(category)
            self.paragraph(category_paragraph(category, items))
        if c.targets:
            self.heading2("规划量化目标")
            self.paragraph(
                f"规划正文提出量化目标{len(c.targets)}项，其中{status_counts(c.targets)}。"
                + item_sentences(c.targets)
            )
            self.caption_table("规划量化目标进展情况")
            rows = []
            for n, t in enumerate(c.targets, start=1):
                year, value = latest(t)
                rows.append(
                    [
                        str(n),
                        t.name,
                        with_unit(t.baseline_value, t.unit)
                        if t.baseline_value is not None
                        else "——",
                        f"{with_unit(value, t.unit)}\n（{year}年）"
                        if value is not None
                        else MISSING,
                        target_phrase(t),
                        Shaded(status_label(t), status(t.status).colour),
                    ]
                )
            headers = ["序号", "目标内容", "基期值", "最新值（年份）", "目标值", "进展状态"]
            self.table(headers, rows, (10, 52, 22, 26, 26, 20))

    def progress_by_chapter(self) -> None:
        self.heading1("重点任务和重大项目推进情况")
        chapters = self.c.chapters()
        if not chapters:
            self.paragraph(
                f"本期未报送重点任务和重大项目推进情况（{MISSING}），已列入存在的问题和风险。"
            )
            return
        for chapter in chapters:
            self.heading2(f"{chapter.number} {chapter.title}".strip())
            self._chapter(chapter)

    def _chapter(self, chapter: ChapterProgress) -> None:
        for t in chapter.tasks:
            parts = [f"{self.c.task_title(t)}。"]
            if t.lead:
                support = f"，{'、'.join(t.support)}配合" if t.support else ""
                parts.append(f"{t.lead}牵头{support}。")
            state = "，".join(
                p
                for p in (
                    t.status,
                    f"完成进度{number(t.percent, 1)}%" if t.percent is not None else "",
                )
                if p
            )
            parts.append(f"{state}。" if state else f"进展情况{MISSING}。")
            if t.narrative:
                parts.append(t.narrative.rstrip("。") + "。")
            self.paragraph("".join(parts))
        for p in chapter.projects:
            self.paragraph(_project_sentence(p))

    def problems_and_risks(self) -> None:
        self.heading1("存在的问题和风险")
        groups = self.c.risks()
        if not groups:
            self.paragraph("监测中未发现进展滞后或数据缺失的情况。")
        for group in groups:
            self.heading2(group.heading)
            if group.heading.endswith(MISSING):
                if group.items:
                    self.paragraph(f"{names(group.items, limit=len(group.items))}暂无监测数据。")
                for note in group.notes:
                    self.paragraph(note)
                continue
            for item in group.items:
                self.paragraph(risk_sentence(item))
        self.placeholder("其他问题和风险分析")

    def next_steps(self) -> None:
        c = self.c
        self.heading1("下一步工作")
        self.paragraph(
            "规划实施后半程，要坚持目标导向和问题导向，聚焦滞后指标和薄弱环节，"
            "确保规划目标任务全面完成。重点做好以下工作："
            if c.kind == "midterm"
            else f"{c.year + 1}年，要聚焦规划目标任务和监测发现的问题，重点做好以下工作："
        )
        focus = [i for g in c.risks() for i in g.items if i.off_course]
        for item in focus:
            self.heading2(f"加快推进{item.name}")
            self.placeholder("具体措施、责任单位和完成时限")
        self.heading2(PLACEHOLDER.format("其他重点工作"), highlight=True)
        self.placeholder("工作内容")

    def signature(self) -> None:
        self.paragraph("")
        for text, missing in ((self.c.issuer, "发文机关署名"), (self.c.extra.dated, "成文日期")):
            p = add_paragraph(self.doc)
            p.alignment = WD_ALIGN_PARAGRAPH.RIGHT
            p.paragraph_format.first_line_indent = Pt(0)
            # 成文日期右空四字 (§7.3.5.1)
            p.paragraph_format.right_indent = Pt(gbt9704.BODY_SIZE.pt * 4)
            if text:
                add_run(p, text)
            else:
                add_run(p, PLACEHOLDER.format(missing), highlight=True)

    def appendix(self) -> None:
        p = add_paragraph(self.doc)
        p.paragraph_format.first_line_indent = Pt(0)
        add_run(p, "").add_break(WD_BREAK.PAGE)
        add_run(p, "附件", font=gbt9704.HEADING1_FONT)
        self.paragraph("数据来源", gbt9704.TITLE)
        self.paragraph(
            f"本报告所列基期值和目标值取自{self.c.outline_citation}；监测值取自各责任单位报送"
            f"并经审核的数据，来源如下。未注明来源的数据标为“{UNSOURCED}”，需在审核时补充。"
        )
        rows = [
            [s.code, s.name, s.what, f"{s.year}" if s.year else "", s.value, s.source]
            for s in self.c.sources()
        ]
        if not rows:
            self.paragraph(f"本报告暂无可列示的数据（{MISSING}）。")
            return
        headers = ["代码", "指标或目标", "类别", "年份", "数值", "来源"]
        self.table(headers, rows, (11, 42, 15, 15, 22, 51))

    # --- building blocks -----------------------------------------------------------------

    def paragraph(self, text: str, style: str = gbt9704.BODY):
        p = add_paragraph(self.doc, style)
        if text:
            add_run(p, text)
        return p

    def placeholder(self, what: str) -> None:
        p = add_paragraph(self.doc)
        add_run(p, PLACEHOLDER.format(what), highlight=True)

    def heading1(self, text: str) -> None:
        self.h1 += 1
        self.h2 = 0
        p = add_paragraph(self.doc, gbt9704.HEADING1)
        add_run(p, f"{chinese_ordinal(self.h1)}、{text}")

    def heading2(self, text: str, *, highlight: bool = False) -> None:
        self.h2 += 1
        p = add_paragraph(self.doc, gbt9704.HEADING2)
        add_run(p, f"（{chinese_ordinal(self.h2)}）")
        add_run(p, text, highlight=highlight)

    def caption_table(self, text: str) -> None:
        self.tables += 1
        self.paragraph(f"表{self.tables} {text}", gbt9704.CAPTION)

    def chart(self, render, caption: str) -> None:
        if self.family is None:
            self.paragraph(charts.MISSING_FONT_NOTE)
            return
        self.figures += 1
        p = add_paragraph(self.doc, gbt9704.FIGURE)
        p.paragraph_format.first_line_indent = Pt(0)
        p.paragraph_format.keep_with_next = True
        p.add_run().add_picture(io.BytesIO(render(self.family)), width=Mm(150))
        below = self.paragraph(f"图{self.figures} {caption}", gbt9704.CAPTION)
        below.paragraph_format.keep_with_next = False

    def table(self, headers: Sequence[str], rows: Sequence, widths_mm: Sequence[float]) -> Table:
        table = self.doc.add_table(rows=1, cols=len(headers))
        table.style = self.doc.styles["Table Grid"]
        table.alignment = WD_TABLE_ALIGNMENT.CENTER
        table.autofit = False
        for column, width in zip(table.columns, widths_mm, strict=True):
            column.width = Mm(width)
        _narrow_cell_margins(table, Mm(sum(widths_mm)))
        _keep_rows_whole(table.rows[0], header=True)
        for cell, text, width in zip(table.rows[0].cells, headers, widths_mm, strict=True):
            _fill(cell, text, Mm(width), bold_font=gbt9704.HEADING1_FONT)
        for row in rows:
            added = table.add_row()
            _keep_rows_whole(added)
            cells = added.cells
            if isinstance(row, Spanning):
                merged = cells[0].merge(cells[-1])
                _fill(
                    merged, row.text, Mm(sum(widths_mm)), bold_font=gbt9704.HEADING1_FONT, left=True
                )
                continue
            for cell, value, width in zip(cells, row, widths_mm, strict=True):
                if isinstance(value, Shaded):
                    _fill(cell, value.text, Mm(width), shade=value.colour)
                else:
                    _fill(cell, value, Mm(width), left=len(value) > 8)
        add_paragraph(self.doc, gbt9704.TABLE_TEXT)  # keeps the next text off the grid
        return table


def _target_cell(item: ItemAssessment) -> str:
    """The target as the outline's table writes it: the unit has its own column."""
    if item.target_value is None and not item.target_text:
        return "——"
    return target_phrase(item, unit=False)


def _project_sentence(p) -> str:
    parts = [f"重大项目“{p.name}”"]
    if p.investment is not None:
        parts.append(f"总投资{number(p.investment, 2)}亿元")
    if p.planned_start or p.planned_finish:
        parts.append(f"计划{_when(p.planned_start)}开工、{_when(p.planned_finish)}竣工")
    if p.actual_finish:
        parts.append(f"已于{_when(p.actual_finish)}竣工")
    elif p.actual_start:
        parts.append(f"已于{_when(p.actual_start)}开工")
    else:
        parts.append("尚未开工")
    parts.append(
        f"形象进度{number(p.progress, 1)}%" if p.progress is not None else f"形象进度{MISSING}"
    )
    text = "，".join(parts) + "。"
    if p.note:
        text += p.note.rstrip("。") + "。"
    return text


def _when(iso: str | None) -> str:
    """``2023-06`` → ``2023年6月``; ``2023-06-30`` → ``2023年6月30日``; unknown → 待定."""
    if not iso:
        return "（待定）"
    parts = iso.split("-")
    try:
        numbers = [int(x) for x in parts]
    except ValueError:
        return iso
    return "".join(f"{n}{u}" for n, u in zip(numbers, ("年", "月", "日"), strict=False))


def _fill(cell, text: str, width, *, bold_font=None, shade: str | None = None, left=False):
    cell.width = width
    if shade:  # w:shd precedes w:vAlign in a cell's properties
        fill = OxmlElement("w:shd")
        fill.set(qn("w:val"), "clear")
        fill.set(qn("w:color"), "auto")
        fill.set(qn("w:fill"), shade.lstrip("#").upper())
        cell._tc.get_or_add_tcPr().append(fill)
    cell.vertical_alignment = WD_CELL_VERTICAL_ALIGNMENT.CENTER
    p = cell.paragraphs[0]
    set_style(p, gbt9704.TABLE_TEXT)
    p.alignment = WD_ALIGN_PARAGRAPH.LEFT if left else WD_ALIGN_PARAGRAPH.CENTER
    run = add_run(p, text, font=bold_font)
    if shade:
        run.font.color.rgb = RGBColor(0xFF, 0xFF, 0xFF)


def _keep_rows_whole(row, *, header: bool = False) -> None:
    """A row never breaks across pages; the header row repeats on every page."""
    tr_pr = row._tr.get_or_add_trPr()
    for tag in ("w:cantSplit", "w:tblHeader") if header else ("w:cantSplit",):
        flag = OxmlElement(tag)
        flag.set(qn("w:val"), "true")
        tr_pr.append(flag)


def _narrow_cell_margins(table: Table, width) -> None:
    """Fixed total width; 1 mm cell margins instead of Word's 1.9 mm keep four-digit years whole."""
    tbl_pr = table._tbl.tblPr
    tbl_w = tbl_pr.find(qn("w:tblW"))
    tbl_w.set(qn("w:type"), "dxa")
    tbl_w.set(qn("w:w"), str(round(width.twips)))
    margins = OxmlElement("w:tblCellMar")
    for side in ("left", "right"):
        edge = OxmlElement(f"w:{side}")
        edge.set(qn("w:w"), str(round(Mm(1).twips)))
        edge.set(qn("w:type"), "dxa")
        margins.append(edge)
    look = tbl_pr.find(qn("w:tblLook"))  # the schema puts the margins before w:tblLook
    if look is not None:
        look.addprevious(margins)
    else:
        tbl_pr.append(margins)
