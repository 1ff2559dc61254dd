"""The public questionnaire's summary (公众评价问卷结果): an .xlsx of counts and a short .docx.

Plain data in (:class:`SurveyResult`), bytes out; the .docx is written to be cited by the
mid-term report (its 公众评价 paragraph). Text cells go through :func:`cells.put`.
"""

from __future__ import annotations

import io
from collections.abc import Sequence
from dataclasses import dataclass

from planwatch.reports.plain_docx import PlainDocument, Section, plain_docx


@dataclass(frozen=True)
class OptionCount:
    label: str
    count: int


@dataclass(frozen=True)
class QuestionResult:
    number: int
    text: str
    kind: str  # "satisfaction" | "choice" | "multiple" | "text"
    answered: int  # respondents who answered this question
    options: Sequence[OptionCount] = ()
    mean: float | None = None  # satisfaction only: 1 (很不满意) … 5 (很满意)
    texts: Sequence[str] = ()  # free text shown (approved) only


@dataclass(frozen=True)
class SurveyResult:
    plan_name: str
    title: str
    opens: str  # ISO dates
    closes: str
    respondents: int
    questions: Sequence[QuestionResult] = ()


def share(count: int, of: int) -> str:
    return f"{count / of * 100:.1f}%" if of else "—"


def satisfied_share(q: QuestionResult) -> str:
    """Share answering 满意 or 很满意 (the two top options) among those who answered."""
    top = sum(o.count for o in q.options[-2:])
    return share(top, q.answered)


def summary_title(r: SurveyResult) -> str:
    return f"《{r.plan_name}》公众评价问卷结果"


def _day(iso: str) -> str:
    year, month, day = (int(part) for part in iso.split("-"))
    return f"{year}年{month}月{day}日"


def citation(r: SurveyResult) -> str:
    """The mid-term report's sentence on one questionnaire, citing its summary by title."""
    rated = [q for q in r.questions if q.kind == "satisfaction" and q.answered]
    text = (
        f"{_day(r.opens)}至{_day(r.closes)}，通过规划公开平台开展“{r.title}”问卷调查，"
        f"共收到有效答卷{r.respondents}份"
    )
    if rated:
        text += "；" + "，".join(f"{q.text}满意（含很满意）占{satisfied_share(q)}" for q in rated)
    cited = summary_title(r).replace("《", "〈").replace("》", "〉")  # a title within a title
    return text + f"（详见《{cited}》）。"


def satisfaction_rows(r: SurveyResult) -> list[list[str]]:
    """问题, 作答人数, 满意（含很满意）占比, 平均分 — one row per answered satisfaction question."""
    return [
        [q.text, str(q.answered), satisfied_share(q), f"{q.mean:.2f}"]
        for q in r.questions
        if q.kind == "satisfaction" and q.answered and q.mean is not None
    ]


def summary_document(r: SurveyResult) -> PlainDocument:
    sections = []
    rated = [q for q in r.questions if q.kind == "satisfaction" and q.answered]
    if rated:
        sections.append(
            Section(
                "满意度",
                tuple(
                    f"{q.text}：{q.answered}人作答，满意（含很满意）占{satisfied_share(q)}，"
                    f"平均{q.mean:.2f}分（5分为很满意）。"
                    for q in rated
                ),
            )
        )
    chosen = [q for q in r.questions if q.kind in ("choice", "multiple") and q.answered]
    if chosen:
        sections.append(
            Section(
                "选择题",
                tuple(
                    f"{q.text}：{q.answered}人作答，"
                    + "、".join(
                        f"“{o.label}”{o.count}人（{share(o.count, q.answered)}）" for o in q.options
                    )
                    + "。"
                    for q in chosen
                ),
            )
        )
    written = [q for q in r.questions if q.kind == "text"]
    if written:
        sections.append(
            Section(
                "意见建议",
                tuple(
                    f"{q.text}：收到{q.answered}条，经审核公开{len(q.texts)}条。" for q in written
                ),
                to_fill=("公众意见的归纳和回应",),
            )
        )
    return PlainDocument(
        title=summary_title(r),
        opening=f"{r.opens}至{r.closes}，通过规划公开平台开展“{r.title}”问卷调查，"
        f"共收到有效答卷{r.respondents}份。问卷匿名填写，结果如下。",
        sections=sections,
    )


def summary_docx(r: SurveyResult) -> bytes:
    return plain_docx(summary_document(r))


def summary_xlsx(r: SurveyResult) -> bytes:
    """One row per option (or per shown comment), with counts and shares."""
    from openpyxl import Workbook
    from openpyxl.styles import Font

    from planwatch.reports.cells import put, put_row

    wb = Workbook()
    ws = wb.active
    ws.title = "问卷结果"
    put(ws, 1, 1, f"《{r.plan_name}》{r.title}").font = Font(bold=True, size=14)
    put(ws, 2, 1, f"{r.opens}至{r.closes}，有效答卷{r.respondents}份")
    put_row(ws, 3, ["序号", "问题", "选项或意见", "人数", "占比", "平均分"])
    row = 4
    for q in r.questions:
        mean = round(q.mean, 2) if q.mean is not None else None
        if q.kind == "text":
            put_row(ws, row, [q.number, q.text, f"收到{q.answered}条", q.answered, None, None])
            row += 1
            for text in q.texts:
                put_row(ws, row, [q.number, q.text, text, None, None, None])
                row += 1
            continue
        for option in q.options:
            put_row(
                ws,
                row,
                [
                    q.number,
                    q.text,
                    option.label,
                    option.count,
                    share(option.count, q.answered),
                    mean,
                ],
            )
            row += 1
    for column, width in zip("ABCDEF", (6, 40, 40, 8, 10, 8), strict=True):
        ws.column_dimensions[column].width = width
    wb.properties.title = r.title
    buffer = io.BytesIO()
    wb.save(buffer)
    return buffer.getvalue()
