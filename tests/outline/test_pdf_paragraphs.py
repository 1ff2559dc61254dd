"""PDF lines joined back into the outline's paragraphs: by indent where the layout has one,
else by width, with a sentence end followed by a lead phrase closing a paragraph."""

import pytest

from planwatch.outline.readers import read_document
from planwatch.outline.readers.pdf import Line, unwrap

from . import builders

FULL = "这是一行被页面宽度折断的很长的文字内容需要接上去"  # 24 ems
SHORT = ["短行"] * 8  # enough ordinary lines for the full width to be FULL's


@pytest.fixture(scope="module")
def pdfs(tmp_path_factory, sample_text):
    folder = tmp_path_factory.mktemp("pdf")
    paths = {"flush": folder / "flush.pdf", "indented": folder / "indented.pdf"}
    builders.build_pdf(sample_text, paths["flush"])
    builders.build_pdf(sample_text, paths["indented"], indent=True)
    return paths


def _source_paragraphs(sample_text):
    lines = [ln.strip() for ln in sample_text.splitlines() if ln.strip()]
    assert lines[-1] == "扫码使用手机浏览本页内容"  # page chrome, dropped by every reader
    return lines[:-1]


def test_indented_layout_gives_back_every_paragraph(pdfs, sample_text):
    """Two-character first-line indents (GB/T 9704): each paragraph exactly as the source."""
    texts = [b.text for b in read_document(pdfs["indented"]).blocks]
    assert texts == _source_paragraphs(sample_text)


@pytest.mark.parametrize(
    "ends, starts",
    [
        ("打造生物医药产业集群与创新高地。", "强化医药制药竞争实力。加快发展创新药。"),
        ("温度、光感等智能传感器。", "加快信息服务迭代升级。加快发展人工智能应用"),
    ],
)
def test_flush_layout_keeps_a_full_last_line_apart_from_a_lead_phrase(pdfs, ends, starts):
    """These paragraphs' last lines fill the page width; the next paragraph opens a measure."""
    texts = [b.text for b in read_document(pdfs["flush"]).blocks]
    at = next(k for k, t in enumerate(texts) if t.endswith(ends))
    assert texts[at + 1].startswith(starts)


def test_flush_sentence_end_then_lead_phrase_is_a_new_paragraph():
    lines = [*SHORT, FULL[:-1] + "。", "强化学前教育资源供给。加快幼儿园新建。"]
    assert unwrap([lines])[-2:] == [FULL[:-1] + "。", "强化学前教育资源供给。加快幼儿园新建。"]


@pytest.mark.parametrize(
    "next_line",
    [
        "加快幼儿园新建，改扩建一批。",  # a clause, not a lead phrase
        "到2025年实现全覆盖。",  # dated: a statement, not a measure
    ],
)
def test_flush_sentence_end_then_ordinary_text_is_joined(next_line):
    lines = [*SHORT, FULL[:-1] + "。", next_line]
    assert unwrap([lines])[-1] == FULL[:-1] + "。" + next_line


def test_indent_opens_a_paragraph_even_after_a_full_line():
    lines = [Line("短行。", 2.0, 5.0)] * 8
    lines += [Line(FULL, 0.0, 24.0), Line("下一段开头的文字", 2.0, 10.0)]
    assert unwrap([lines])[-2:] == [FULL, "下一段开头的文字"]


def test_flush_line_in_an_indented_layout_carries_on_the_paragraph():
    lines = [Line(t, 2.0, 3.0) for t in SHORT]
    lines += [Line(FULL[:-1] + "。", 2.0, 25.5), Line("强化供给。加快建设。", 0.0, 10.0)]
    assert unwrap([lines])[-1] == FULL[:-1] + "。强化供给。加快建设。"
