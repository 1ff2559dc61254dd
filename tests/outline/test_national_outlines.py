"""Real national outlines as Markdown conversions: 篇 → 章 → 节 read against hand-checked gold."""

from pathlib import Path

import pytest

from planwatch.outline import parse_outline, parse_outline_bytes
from planwatch.outline.readers import sniff_format

from .gold_national import NATIONAL_11TH, NATIONAL_12TH

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures" / "outlines"
CASES = {
    "national-11th-fyp-outline.md": (NATIONAL_11TH, 14, 48, 142, 2005, 2010),
    "national-12th-fyp-outline.md": (NATIONAL_12TH, 16, 62, 167, 2010, 2015),
}


def _bare(text: str) -> str:
    """Titles compared without spaces (the reader folds the space between CJK words)."""
    return "".join(text.split())


def _tree(plan) -> dict:
    tree: dict = {}
    for chapter in plan.chapters:
        part = tree.setdefault(_bare(chapter.part or ""), {})
        part[_bare(f"{chapter.number}{chapter.title}")] = [
            _bare(f"{s.number}{s.title}") for s in chapter.sections
        ]
    return tree


def _gold_tree(gold: dict) -> dict:
    return {
        _bare(part): {_bare(ch): [_bare(s) for s in secs] for ch, secs in chapters.items()}
        for part, chapters in gold.items()
    }


@pytest.fixture(scope="module", params=sorted(CASES))
def case(request):
    return parse_outline(FIXTURES / request.param), CASES[request.param]


def test_every_part_chapter_and_section_as_printed(case):
    plan, (gold, parts, chapters, sections, _, _) = case
    assert _tree(plan) == _gold_tree(gold)
    assert len(gold) == parts
    assert len(plan.chapters) == chapters
    assert sum(len(c.sections) for c in plan.chapters) == sections


def test_table_of_contents_and_markup_leave_no_trace(case):
    plan, _ = case
    assert plan.title.startswith("中华人民共和国国民经济和社会发展第十")
    titles = [c.title for c in plan.chapters] + [s.title for c in plan.chapters for s in c.sections]
    assert not any(mark in t for t in titles for mark in ("*", "#", ">", "<", "|"))
    assert all(c.sections or c.tasks or c.subsections or c.title for c in plan.chapters)


def test_plan_period_from_the_title(case):
    plan, (*_, base, target) = case
    assert (plan.base_year, plan.target_year) == (base, target)


def test_markdown_is_sniffed_from_content_not_name():
    data = (FIXTURES / "national-12th-fyp-outline.md").read_bytes()
    assert sniff_format(data, "upload.txt") == "md"
    assert len(parse_outline_bytes(data, "upload.txt").chapters) == 62


def test_bold_headings_and_pipe_tables():
    text = (
        "**某区国民经济和社会发展第十四个五年规划纲要**\n\n"
        "**第一章　发展基础**\n\n过去五年成绩显著。\n\n"
        "**第二章　主要目标**\n\n"
        "| 类别 | 指标 | 2020年 | 2025年 | 属性 |\n|---|---|---|---|---|\n"
        "| 经济 | 1. 地区生产总值(亿元) | 100 | 150 | **预期性** |\n"
        "| 经济 | 2. 研发投入强度(%) | 2 | 3 | 约束性 |\n"
        "| 民生 | 3. 城镇新增就业(万人) | 1 | 2 | 预期性 |\n\n"
        "## 第三章　重点任务\n\n> **专栏1　重大工程**\n>\n> ![](images/a.jpg)\n\n"
        "**加快产业升级。**推进制造业高质量发展。\n"
    )
    plan = parse_outline_bytes(text.encode(), "a.md")
    assert [c.title for c in plan.chapters] == ["发展基础", "主要目标", "重点任务"]
    assert [i.name for i in plan.indicators][:1] == ["地区生产总值"]
    assert [i.attribute for i in plan.indicators] == ["anticipatory", "binding", "anticipatory"]


def _without_details(text: str, contents: str) -> str:
    start, end = text.index("<details>"), text.index("</details>") + len("</details>")
    return text[:start] + contents + text[end:]


@pytest.mark.parametrize("style", ["list", "indented", "bare", "numbered"])
def test_table_of_contents_found_by_structure_in_any_form(style):
    """The contents as a list, an indented block, bare lines or with page numbers: the same
    62 chapters, none empty because of it, all sections under their own chapter."""
    text = (FIXTURES / "national-12th-fyp-outline.md").read_text("utf-8")
    entries = [
        line[line.index("第") :]
        for line in text[text.index("<details>") : text.index("</details>")].splitlines()
        if line.strip().startswith("-")
    ]
    form = {
        "list": lambda e: f"- {e}",
        "indented": lambda e: f"　　{e}",
        "bare": lambda e: e,
        "numbered": lambda e: f"{e}　{len(e)}",
    }[style]
    contents = "目录\n\n" + "\n\n".join(form(e) for e in entries) + "\n"
    plan = parse_outline_bytes(_without_details(text, contents).encode(), "a.txt")
    assert _tree(plan) == _gold_tree(NATIONAL_12TH)


def test_images_are_reported_with_caption_and_chapter():
    plan = parse_outline(FIXTURES / "national-12th-fyp-outline.md")
    images = [w for w in plan.warnings if w.code == "outline.image_table"]
    table = next(w for w in images if "专栏2" in w.zh)
    assert table.location == ["第三章"] and "主要指标" in table.zh
    assert "image with no text" in table.render("en") and "是图片" in table.render()
    assert not any("图表未提供文字" in t.title for _, t in plan.iter_tasks())


def test_reading_report_round_trips_and_old_json_still_loads():
    plan = parse_outline(FIXTURES / "national-11th-fyp-outline.md")
    again = type(plan).from_dict(plan.to_dict())
    assert again.warnings == plan.warnings and plan.warnings
    old = type(plan).from_dict({"title": "x", "targets": [], "chapters": []})
    assert old.warnings == []


def test_cli_prints_the_reading_report_in_the_terminal_language(capsys, monkeypatch):
    from planwatch.cli import main

    path = str(FIXTURES / "national-12th-fyp-outline.md")
    monkeypatch.setenv("LC_ALL", "zh_CN.UTF-8")
    assert main(["outline", "parse", path]) == 0
    err = capsys.readouterr().err
    assert "planwatch: 提示: “专栏2" in err
    monkeypatch.setenv("LC_ALL", "en_US.UTF-8")
    assert main(["outline", "parse", path]) == 0
    assert "planwatch: warning: '专栏2" in capsys.readouterr().err


def test_boxes_kept_with_title_text_and_place():
    """The 11th outline's 16 quoted 专栏 boxes (专栏3 … 专栏18; 专栏1 and 2 are images without
    captions); the 12th's 22 boxes are all images, captioned 专栏1 … 专栏22."""
    plan = parse_outline(FIXTURES / "national-11th-fyp-outline.md")
    assert [b.title.split()[0] for b in plan.boxes] == [f"专栏{k}" for k in range(3, 19)]
    first, rural = plan.boxes[0], plan.boxes[1]
    assert first.title == "专栏3 规划指标的属性" and first.location == ["第三章"]
    assert first.text.startswith("本规划确定的发展目标") and "约束性指标" in first.text
    assert rural.location == ["第九章"] and "沃土工程" in rural.text and not rural.image
    later = parse_outline(FIXTURES / "national-12th-fyp-outline.md")
    assert [b.title.split()[0] for b in later.boxes] == [f"专栏{k}" for k in range(1, 23)]
    assert all(b.image and not b.text for b in later.boxes)
    assert later.boxes[1].location == ["第三章"]


def test_html_strong_headings_and_blockquote_boxes():
    page = """<!DOCTYPE html><html><head><meta charset="utf-8"></head><body>
<p><strong>某省国民经济和社会发展第十四个五年规划纲要</strong></p>
<p><strong>第一章　发展基础</strong></p><p>过去五年成绩显著。</p>
<p><strong>第二章　重点任务</strong></p><p><strong>加快产业升级。</strong>推进制造业发展。</p>
<blockquote><p><strong>专栏1　重大工程</strong></p><p>建设智能工厂。</p></blockquote>
<p>强化要素保障。落实用地指标。</p>
</body></html>"""
    plan = parse_outline_bytes(page.encode(), "page.html")
    assert [c.title for c in plan.chapters] == ["发展基础", "重点任务"]
    assert [(b.title, b.text, b.location) for b in plan.boxes] == [
        ("专栏1 重大工程", "建设智能工厂。", ["第二章"])
    ]


@pytest.mark.parametrize("name", sorted(CASES))
@pytest.mark.parametrize("form", ["gov_html", "copied_text"])
def test_the_same_outline_as_a_saved_page_and_as_copied_text(name, form):
    """As the page it was converted from (<details> contents, <strong> headings, blockquote
    boxes, captioned images) and as that page copied out as text: the same 篇/章/节 as the
    gold, the same period and, on the page, the same image report as the Markdown."""
    from . import builders

    gold, *_, base_year, target_year = CASES[name]
    text = (FIXTURES / name).read_text("utf-8")
    build, file = {
        "gov_html": (builders.markdown_to_gov_html, "page.html"),
        "copied_text": (builders.markdown_to_copied_text, "page.txt"),
    }[form]
    plan = parse_outline_bytes(build(text).encode(), file)
    assert _tree(plan) == _gold_tree(gold)
    assert (plan.base_year, plan.target_year) == (base_year, target_year)
    if form == "gov_html":
        markdown = parse_outline(FIXTURES / name)
        assert [(w.zh, w.location) for w in plan.warnings] == [
            (w.zh, w.location) for w in markdown.warnings
        ]
        assert [(b.title, b.location) for b in plan.boxes] == [
            (b.title, b.location) for b in markdown.boxes
        ]
