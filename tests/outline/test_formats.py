"""The same outline published as .docx, GB18030 text, a web page and a PDF reads the same."""

import pytest

from planwatch.outline import parse_outline
from planwatch.outline.readers import read_document

from . import builders


def _skeleton(plan):
    """Everything but running text, which layouts legitimately reflow."""
    return {
        "meta": (plan.title, plan.issuer, plan.document_number, plan.issued_on, plan.published_on),
        "years": (plan.base_year, plan.target_year),
        "tree": [
            (
                c.number,
                c.title,
                [
                    (s.number, s.title, [(u.number, u.title) for u in s.subsections])
                    for s in c.sections
                ],
            )
            for c in plan.chapters
        ],
        "tasks": [(where, t.code, t.title) for where, t in plan.iter_tasks()],
        "indicators": plan.indicators,
        "targets": [
            (t.code, t.kind, t.subject, t.value, t.unit, t.comparator, t.year, t.location)
            for t in plan.targets
        ],
        "baselines": [t.baseline and (t.baseline.year, t.baseline.value) for t in plan.targets],
    }


@pytest.fixture(scope="module")
def built(tmp_path_factory, sample_text):
    folder = tmp_path_factory.mktemp("formats")
    paths = {
        "docx": folder / "outline.docx",
        "gb18030": folder / "outline-gb.txt",
        "bom": folder / "outline-bom.txt",
        "html": folder / "outline.html",
        "pdf": folder / "outline.pdf",
    }
    builders.build_docx(sample_text, paths["docx"])
    paths["gb18030"].write_bytes(sample_text.encode("gb18030"))
    paths["bom"].write_bytes(b"\xef\xbb\xbf" + sample_text.encode("utf-8"))
    paths["html"].write_text(builders.build_html(sample_text), encoding="utf-8")
    builders.build_pdf(sample_text, paths["pdf"])
    return paths


@pytest.mark.parametrize("kind", ["gb18030", "bom"])
def test_encoded_copies_read_identically(built, sample_plan, kind):
    assert parse_outline(built[kind]).to_dict() == sample_plan.to_dict()


def test_docx_with_a_real_table_and_merged_category_cell(built, sample_plan):
    document = read_document(built["docx"])
    assert document.format == "docx"
    tables = [b for b in document.blocks if hasattr(b, "rows")]
    assert len(tables) == 1
    rows = tables[0].rows
    assert rows[1][0] == rows[4][0] == "经济发展"  # the merged cell repeats down its rows
    assert rows[5][0] == "创新驱动"
    plan = parse_outline(built["docx"])
    assert _skeleton(plan) == _skeleton(sample_plan)
    assert plan.to_dict() == sample_plan.to_dict()


def test_docx_keeps_the_table_where_it_sits(built):
    blocks = read_document(built["docx"]).blocks
    at = next(k for k, b in enumerate(blocks) if hasattr(b, "rows"))
    assert "外贸进出口总额达到513亿元" in "".join(b.text for b in blocks[at - 4 : at])
    assert blocks[at + 1].text.startswith("注:")


def test_saved_web_page(built, sample_plan):
    document = read_document(built["html"])
    assert document.format == "html"
    assert not any("不是正文" in getattr(b, "text", "") for b in document.blocks)
    assert _skeleton(parse_outline(built["html"])) == _skeleton(sample_plan)


def test_pdf_text_layer(built, sample_plan):
    assert read_document(built["pdf"]).format == "pdf"
    plan = parse_outline(built["pdf"])
    expected = _skeleton(sample_plan)
    # Known limit: without indents a full last line ending in 。 before a lead phrase closes the
    # paragraph, so this lead-in (its last sentence fills the line) reads as an introduction.
    lead_in = (("第八章", "第五节", "一、"), "深化法治政府建设")
    kept = [(where, title) for where, _, title in expected["tasks"] if (where, title) != lead_in]
    assert len(kept) == len(expected["tasks"]) - 1
    expected["tasks"] = [(where, f"M{k}", title) for k, (where, title) in enumerate(kept, 1)]
    assert _skeleton(plan) == expected
    first_task = next(t for _, t in plan.iter_tasks())
    assert first_task.text == next(t for _, t in sample_plan.iter_tasks()).text


def test_format_is_read_from_content_not_name(built, tmp_path):
    disguised = tmp_path / "outline.txt"
    disguised.write_bytes(built["docx"].read_bytes())
    assert read_document(disguised).format == "docx"


def test_web_page_with_a_label_table_for_its_metadata(tmp_path):
    from .test_county_outline import COUNTY

    lines = COUNTY.read_text(encoding="utf-8").splitlines()
    body = lines[lines.index("第一篇　开启全面建设社会主义现代化新征程", 10) :]
    labels = [
        ("标题", "青河县人民政府关于印发青河县“十四五”规划纲要的通知"),
        ("发文字号", "青政发〔2021〕5号"),
        ("成文日期", "2021-03-15"),
        ("发布日期", "2021-03-18"),
    ]
    table = "".join(f"<tr><td>{k}</td><td>{v}</td></tr>" for k, v in labels)
    paragraphs = "".join(f"<p>{line}</p>" for line in body if "\t" not in line)
    page = tmp_path / "page.htm"
    page.write_text(f"<html><body><table>{table}</table>{paragraphs}</body></html>", "utf-8")
    plan = parse_outline(page)
    assert plan.title == "青河县“十四五”规划纲要"
    assert plan.issuer == "青河县人民政府"
    assert plan.document_number == "青政发〔2021〕5号"
    assert (plan.issued_on, plan.published_on) == ("2021-03-15", "2021-03-18")
    assert (plan.base_year, plan.target_year) == (2020, 2025)
    assert [c.number for c in plan.chapters] == ["第一章", "第二章", "第三章", "第四章", "第五章"]


def test_markdown_rendering_reads_like_the_text(tmp_path, sample_text, sample_plan):
    """The sample as a Markdown conversion (``#`` headings, bold, pipe table) reads the same:
    the same tree, tasks, indicators and targets as the plain text."""
    path = tmp_path / "outline.md"
    path.write_text(builders.build_markdown(sample_text), encoding="utf-8")
    assert read_document(path).format == "md"
    assert _skeleton(parse_outline(path)) == _skeleton(sample_plan)
