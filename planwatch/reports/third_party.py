"""The draft third-party evaluation report (第三方评估报告初稿), from the evaluator's verdicts.

Plain data in, .docx bytes out: the web system hands over the verdicts as :class:`VerdictLine`
rows; nothing here knows where they are stored.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass

from planwatch.reports.plain_docx import PlainDocument, Section, plain_docx


@dataclass(frozen=True)
class VerdictLine:
    code: str
    name: str
    kind: str  # "item" | "task"
    grade: str  # the evaluator's conclusion, as its label
    comment: str = ""


@dataclass(frozen=True)
class ThirdPartyDraft:
    plan_name: str
    title: str
    agency: str
    year: int
    scope: str  # in words: "规划全文" or the chapters and codes
    in_scope: int  # items and tasks the commission covers
    lines: Sequence[VerdictLine] = ()
    evidence: Sequence[str] = ()  # the evaluator's own files, by name


def tally(lines: Sequence[VerdictLine]) -> str:
    """“快于预期2项、滞后于预期1项” in the order the grades first appear."""
    counts = Counter(line.grade for line in lines)
    return "、".join(f"{grade}{n}项" for grade, n in counts.items())


def draft_document(d: ThirdPartyDraft) -> PlainDocument:
    items = [line for line in d.lines if line.kind == "item"]
    tasks = [line for line in d.lines if line.kind == "task"]
    agency = d.agency or "评估机构"
    sections = [
        Section(
            "评估范围和方法",
            (
                f"本次评估范围为{d.scope}，共涉及指标、目标和任务{d.in_scope}项，"
                f"已形成独立评估结论{len(d.lines)}项。",
                f"{agency}依据公开统计数据、实地调研和部门访谈独立作出判断，"
                "未使用部门自评结论作为评估依据。",
            ),
        ),
        Section(
            "主要指标和目标评估结论",
            (
                f"评估指标和目标{len(items)}项，其中{tally(items)}。"
                if items
                else "本次未评估指标。",
            ),
            table=[("编码", "名称", "评估结论", "评估意见")]
            + [(x.code, x.name, x.grade, x.comment) for x in items]
            if items
            else (),
        ),
        Section(
            "重点任务评估结论",
            (f"评估重点任务{len(tasks)}项，其中{tally(tasks)}。" if tasks else "本次未评估任务。",),
            table=[("编码", "任务", "评估结论", "评估意见")]
            + [(x.code, x.name, x.grade, x.comment) for x in tasks]
            if tasks
            else (),
        ),
        Section("存在的问题和建议", to_fill=("主要问题和改进建议",)),
        Section(
            "评估依据材料",
            tuple(f"{n}. {name}" for n, name in enumerate(d.evidence, start=1))
            or ("（未上传佐证材料）",),
        ),
    ]
    return PlainDocument(
        title=f"《{d.plan_name}》{d.year}年第三方评估报告（初稿）",
        opening=f"受委托，{agency}对《{d.plan_name}》实施情况开展了第三方评估（{d.title}）。"
        "现将评估情况报告如下。",
        sections=sections,
        author=agency,
        closing=(agency,),
    )


def third_party_docx(d: ThirdPartyDraft) -> bytes:
    return plain_docx(draft_document(d))
