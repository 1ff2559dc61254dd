"""No measure text falls outside a task.

Under a heading with no headings below it, every character of the body (whitespace aside) is in
exactly one task's text, or in a part the format documents as no task: an introduction (a
paragraph before the heading's first paragraph with a lead phrase), a caption or note standing
as its own paragraph, or anything in a review, outlook or goal section.
"""

import re
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from planwatch.outline import parse_outline, sample_outline_path
from planwatch.outline.document import Paragraph
from planwatch.outline.model import Plan
from planwatch.outline.structure import NON_ACTION_WORDS, read_structure, split_tasks

OUTLINES = {
    "sample": sample_outline_path(),
    "county": Path(__file__).parents[1]
    / "fixtures"
    / "outlines"
    / "qinghe-county-14th-fyp-outline.txt",
    "town": Path(__file__).parent / "fixtures" / "liulin-town-14th-fyp.txt",
}
#: The captions and notes docs/outline-format.md lists: 图1：…, 表2 …, 附图…, 注：…, 资料来源：….
CAPTION = re.compile(
    r"^附?[图表]\s*[\d一二三四五六七八九十]|^(?:注|备注|说明|资料来源|数据来源)\s*[:：]"
)


def _leaves(node, titles=()):
    children = [c for kind in ("sections", "subsections", "items") for c in getattr(node, kind, [])]
    titles = (*titles, node.title)
    if not children:
        yield node, titles
    for child in children:
        yield from _leaves(child, titles)


def _squeeze(text: str) -> str:
    return re.sub(r"\s+", "", text)


def uncovered(plan: Plan) -> list[str]:
    """Each stretch of a leaf heading's body that is neither in a task nor a documented non-task
    part, and each task not found in its heading's body, as ``"<heading>: <problem>"``."""
    problems = []
    for chapter in plan.chapters:
        for node, titles in _leaves(chapter):
            where = "/".join(titles)
            if any(word in title for title in titles for word in NON_ACTION_WORDS):
                problems += [f"{where}: task in a review/goal section" for _ in node.tasks]
                continue
            tasks = [_squeeze(t.text) for t in node.tasks]
            paragraphs = [p for p in node.text.split("\n") if _squeeze(p)]
            leads = [bool(split_tasks(p)) for p in paragraphs]
            paragraphs = [_squeeze(p) for p in paragraphs]
            first_lead = leads.index(True) if True in leads else 0
            for k, paragraph in enumerate(paragraphs):
                if (CAPTION.match(paragraph) and not leads[k]) or k < first_lead:
                    continue  # a caption or an introduction: no task may come from it
                rest = paragraph
                while tasks and tasks[0] and rest.startswith(tasks[0]):
                    rest = rest[len(tasks.pop(0)) :]
                if rest:
                    problems.append(f"{where}: in no task: {rest[:40]}")
            problems += [f"{where}: task not in the text: {t[:40]}" for t in tasks]
    return problems


@pytest.mark.parametrize("name", sorted(OUTLINES))
def test_every_character_of_a_leaf_body_is_in_one_task_or_a_non_task_part(name):
    assert uncovered(parse_outline(OUTLINES[name])) == []


def test_the_check_sees_text_left_out_of_tasks():
    plan = parse_outline(OUTLINES["sample"])
    leaf = plan.chapters[7].sections[4].subsections[0]  # 第八章 第五节 一、
    leaf.tasks.pop(0)
    problems = uncovered(plan)
    assert len(problems) == 2  # the opening in no task, so the next task no longer fits
    assert "提升依法行政能力: in no task: 深化法治政府建设,实现各级政府" in problems[0]
    assert "提升依法行政能力: task not in the text: 健全重大行政决策" in problems[1]


SENTENCES = st.sampled_from(
    [
        "强化学前教育资源供给。",  # a lead phrase
        "构筑优势。",  # a short lead phrase
        "加快幼儿园新建、改扩建，增加学位供给。",
        "到2025年新增学位500个。",  # dated: not a lead phrase
        "支持龙头企业，提升工艺",  # no sentence end
        "图1：产业布局",
        "注：数据为预计值。",
        " ",
    ]
)


@settings(max_examples=60, deadline=None)
@given(st.lists(st.lists(SENTENCES, min_size=1, max_size=6).map("".join), max_size=6))
def test_any_leaf_body_is_covered(paragraphs):
    lines = ["第一章 推动发展", "第一节 做强产业", *paragraphs]
    outline = read_structure([Paragraph(line) for line in lines])
    assert uncovered(Plan(title="", chapters=outline.chapters)) == []
