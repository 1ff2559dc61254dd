"""The Word draft: 年度监测报告 or 中期评估报告, laid out per GB/T 9704-2012.

The sections follow real mid-term reports: 一 总体评价, 二 主要指标完成情况 (the main table, a
paragraph per category, the prose targets), 三 主要任务和重大项目推进情况, 四 存在的问题,
五 下一步工作建议, 六 规划调整建议, the signature and an appendix of sources (政策措施落实情况
and, in the mid-term report, 公众评价 come before 存在的问题 when the web system has them). The
paragraphs come from :mod:`planwatch.reports.drafting`; only a few highlighted 【请填写：…】
sentences are left for the coordinator's own judgement.
"""

from __future__ import annotations

import io
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import IO

from docx import Document
from docx.enum.table import WD_CELL_VERTICAL_ALIGNMENT, WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_BREAK
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Mm, Pt, RGBColor
from docx.table import Table

from planwatch.assess.model import ItemAssessment
from planwatch.assess.status import status
from planwatch.reports import charts, drafting, gbt9704, project_rates, survey_summary
from planwatch.reports.content import UNSOURCED, ChapterProgress, ReportContent
from planwatch.reports.gbt9704 import add_paragraph, add_run, set_style
from planwatch.reports.wording import (
    MISSING,
    PLACEHOLDER,
    category_paragraph,
    chinese_ordinal,
    item_sentences,
    latest,
    number,
    outlook_label,
    percent,
    status_counts,
    status_label,
    target_as_printed,
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
    out_path: str | Path | IO[bytes],
    *,
    chart_fonts: Sequence[str] = charts.CJK_FONT_FAMILIES,
) -> None:
    """Draft the report into ``out_path`` (a .docx path or a binary file)."""
    doc = Document()
    gbt9704.apply_layout(doc)
    props = doc.core_properties
    props.title, props.author, props.language = content.title, content.issuer or "", "zh-CN"
    props.subject = content.plan_name
    Draft(doc, content, charts.find_cjk_font(chart_fonts)).write()
    doc.save(out_path if not isinstance(out_path, str | Path) else str(out_path))


class Draft:
    """Writes the sections in order, numbering headings, tables and figures as it goes."""

    def __init__(self, doc, content: ReportContent, chart_family: str | None) -> None:
        self.doc, self.c, self.family = doc, content, chart_family
        self.h1 = self.h2 = self.tables = self.figures = 0

    def write(self) -> None:
        gbt9704.add_title(self.doc, self.c.title)
        self.opening()
        self.overview()
        self.indicators()
        self.progress_by_chapter()
        self.policies()
        self.public_evaluation()
        self.problems()
        self.next_steps()
        self.adjustments()
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
        self.heading1("总体评价" if self.c.kind == "midterm" else "总体情况")
        for text in drafting.overall(self.c):
            self.paragraph(text)
        self.placeholder("规划实施总体情况的定性判断（一两句）")
        if self.c.items:
            items = self.c.items
            self.chart(lambda family: charts.status_chart(items, family), "主要指标和目标进展评价")

    def indicators(self) -> None:
        c = self.c
        self.heading1("主要指标完成情况")
        if c.indicators:
            self.caption_table("主要指标完成情况")
            self.indicator_table()
        if any(i.completion_share is not None for i in c.items):
            self.chart(
                lambda family: charts.progress_chart(c.items, family), "主要指标完成进度和时间进度"
            )
        for category, items in c.categories():
            self.heading2(category)
            self.paragraph(category_paragraph(category, items, c.as_reported))
        if c.targets:
            self.heading2("规划正文量化目标")
            self.paragraph(
                f"规划正文提出量化目标{len(c.targets)}项，其中{status_counts(c.targets)}。"
                + item_sentences(c.targets, c.as_reported)
            )
            self.caption_table("规划正文量化目标完成情况")
            rows = [self._row(n, t) for n, t in enumerate(c.targets, start=1)]
            self.table(MAIN_HEADERS, rows, MAIN_WIDTHS)

    def indicator_table(self) -> None:
        c = self.c
        rows: list = []
        for category, items in c.categories():
            rows.append(Spanning(category))
            rows.extend(self._row(i.number or "", i) for i in items)
        self.table(MAIN_HEADERS, rows, MAIN_WIDTHS)

    def _row(self, n, i: ItemAssessment) -> list:
        c = self.c
        year, value = latest(i)
        name = f"{i.name}（{i.unit}）" if i.unit else i.name
        if c.is_binding(i):
            name += "\n〔约束性〕"
        also = c.restated.get(i.code)
        if also is not None:
            name += "\n（纲要正文另有表述）"
        return [
            str(n),
            name,
            number(i.baseline_value, 2) if i.baseline_value is not None else "——",
            f"{number(value, 2)}\n（{year}年）" if value is not None else MISSING,
            target_as_printed(i, c.growth_text(i)),
            drafting.pace_of(i),
            percent(i.time_share) if i.time_share is not None else "——",
            Shaded(status_label(i), status(i.status).colour),
            outlook_label(i),
        ]

    def progress_by_chapter(self) -> None:
        self.heading1("主要任务和重大项目推进情况")
        c = self.c
        summary = tasks_summary(c)
        if summary:
            self.paragraph(summary)
        chapters = c.chapters()
        if not chapters:
            self.paragraph("本期未报送重点任务和重大项目推进情况，已列入存在的问题。")
            return
        for chapter in chapters:
            self.heading2(f"{chapter.number} {chapter.title}".strip())
            self.paragraph(chapter_paragraph(c, chapter))

    def policies(self) -> None:
        """政策措施落实情况: written only when the web system registered policy measures."""
        policies = self.c.extra.policies
        if not policies:
            return
        self.heading1("政策措施落实情况")
        for text in policy_paragraphs(policies):
            self.paragraph(text)

    def public_evaluation(self) -> None:
        """公众评价 (mid-term report only): each closed questionnaire cited by its summary, with
        its satisfaction ratings as a table."""
        surveys = [r for r in self.c.extra.surveys if r.respondents]
        if self.c.kind != "midterm" or not surveys:
            return
        self.heading1("公众评价")
        for result in surveys:
            self.paragraph(survey_summary.citation(result))
            rows = survey_summary.satisfaction_rows(result)
            if rows:
                self.caption_table(f"“{result.title}”满意度")
                self.table(SURVEY_HEADERS, rows, SURVEY_WIDTHS)

    def problems(self) -> None:
        self.heading1("存在的问题")
        found = drafting.problems(self.c)
        if not found:
            self.paragraph("监测中未发现进展滞后或存在不能如期完成风险的指标。")
        for problem in found:
            self.paragraph(problem.text)
        gaps = drafting.gaps_line(self.c)
        if gaps:
            self.paragraph(gaps)
        self.placeholder("问题成因的分析（一两句）")

    def next_steps(self) -> None:
        c = self.c
        self.heading1("下一步工作建议")
        self.paragraph(
            "规划实施后半程，要坚持目标导向和问题导向，聚焦滞后指标和薄弱环节，"
            "确保规划目标任务全面完成。重点做好以下工作："
            if c.kind == "midterm"
            else f"{c.year + 1}年，要聚焦规划目标任务和监测发现的问题，重点做好以下工作："
        )
        for heading, text in drafting.recommendations(c):
            self.heading2(heading)
            self.paragraph(text)
        self.placeholder("各项建议的具体措施和完成时限")

    def adjustments(self) -> None:
        self.heading1("规划调整建议")
        found = drafting.adjustments(self.c)
        for text in found or ["目前各项指标和目标暂无需调整。"]:
            self.paragraph(text)

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
        gbt9704.add_title(self.doc, "数据来源")
        self.paragraph(
            f"本报告所列基期值和目标值取自{self.c.outline_citation}，目标来源逐项注明；监测值"
            f"取自各责任单位报送并经审核的数据。未注明来源的标为“{UNSOURCED}”，需在审核时补充。"
        )
        rows = [[r.name, r.baseline, r.target, r.monitored] for r in self.c.source_table()]
        if not rows:
            self.paragraph("本报告暂无可列示的数据。")
            return
        headers = ["指标或目标", "基期值", "目标值（来源）", "监测值来源"]
        self.table(headers, rows, (46, 26, 36, 48))

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


MAIN_HEADERS = (
    "序号", "指标名称（单位）", "基期值", "最新值（年份）", "目标值", "完成进度", "时间进度",
    "进展评价", "预计能否完成",
)  # fmt: skip
MAIN_WIDTHS = (7, 34, 13, 18, 22, 14, 13, 18, 17)
SURVEY_HEADERS = ("问题", "作答人数", "满意（含很满意）占比", "平均分（5分为很满意）")
SURVEY_WIDTHS = (70, 22, 32, 32)


def policy_paragraphs(policies) -> list[str]:
    """One summary sentence, then one paragraph per policy in force: what, who, how far."""
    in_force = [p for p in policies if p.status != "制定中"]
    drafting = len(policies) - len(in_force)
    reported = [p for p in in_force if p.progress]
    summary = f"围绕规划实施，已登记政策措施{len(policies)}项，其中已出台{len(in_force)}项"
    summary += f"、制定中{drafting}项" if drafting else ""
    summary += f"；已出台的政策中{len(reported)}项报送了经审核的落实情况。"
    out = [summary]
    for p in in_force:
        name = f"《{p.title.strip('《》')}》" + (
            f"（{p.document_number}）" if p.document_number else ""
        )
        who = f"由{p.department}制定" if p.department else ""
        when = f"，{_when(p.issued_on)}印发" if p.issued_on else ""
        state = f"落实情况：{p.progress}" if p.progress else "尚未报送经审核的落实情况"
        text = f"{name}{who}{when}，{state}"
        if p.narrative:
            text += f"。{p.narrative.strip().rstrip('。')}"
        out.append(text + "。")
    return out


def tasks_summary(c: ReportContent) -> str:
    """Counts of the reported tasks by the departments' own state words, and the projects'
    starts, completions, overdue ones and investment."""
    tasks = c.extra.tasks
    parts = []
    if tasks:
        states: dict[str, int] = {}
        for t in tasks:
            key = "已完成" if (t.percent or 0) >= 100 else (t.status or "未报送进展")
            states[key] = states.get(key, 0) + 1
        counted = "、".join(f"{k}{n}项" for k, n in states.items())
        parts.append(f"纳入监测的重点任务{len(tasks)}项，其中{counted}。")
    projects = c.extra.projects
    if projects:
        started = sum(1 for p in projects if p.actual_start or p.actual_finish)
        finished = sum(1 for p in projects if p.actual_finish)
        late = [
            p for p in projects
            if not p.actual_finish and p.planned_finish and p.planned_finish[:4] < str(c.year)
        ]  # fmt: skip
        money = [p.investment for p in projects if p.investment is not None]
        text = f"重大项目{len(projects)}个，已开工{started}个、竣工{finished}个"
        if money:
            text += f"，计划总投资{number(sum(money), 2)}亿元"
        if late:
            text += f"；{len(late)}个项目超过计划竣工时间仍未竣工"
        parts.append(text + "。")
        parts.append(project_rates.rates_sentence(projects, c.year))
    return "".join(parts)


def chapter_paragraph(c: ReportContent, chapter: ChapterProgress) -> str:
    """A chapter's tasks counted by state, its notable achievements in the departments' own
    words (completed first, three at most), and its projects."""
    parts = []
    if chapter.tasks:
        done = [t for t in chapter.tasks if (t.percent or 0) >= 100 or t.status == "已完成"]
        behind = [t for t in chapter.tasks if t.status and "滞后" in t.status]
        text = f"本章重点任务{len(chapter.tasks)}项，已完成{len(done)}项"
        if behind:
            text += f"，进展滞后{len(behind)}项（{'、'.join(c.task_title(t) for t in behind[:3])}）"
        parts.append(text + "。")
        told = sorted((t for t in chapter.tasks if t.narrative), key=lambda t: -(t.percent or 0))[
            :3
        ]
        for t in told:
            lead = f"（{t.lead}牵头）" if t.lead else ""
            parts.append(f"{c.task_title(t)}{lead}：{t.narrative.rstrip('。')}。")
    parts.extend(_project_sentence(p, c.year) for p in chapter.projects)
    return "".join(parts)


def _project_sentence(p, year: int | None = None) -> str:
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
    figures = project_rates.year_figures(p, year) if year else ""
    if figures:
        parts.append(figures)
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
