"""Web-page chrome after the outline's last paragraph is not part of its last section."""

import pytest

from planwatch.outline import parse_outline
from planwatch.outline.document import Paragraph, drop_page_furniture
from planwatch.outline.readers import read_document

from . import builders

LAST_SENTENCE = "营造全社会共同参与和支持规划实施的良好氛围。"

FOOTER = [
    "扫码使用手机浏览本页内容",
    "【打印本页】 【关闭窗口】",
    "地址：某市某区某路1号",
    "主办单位：某某管理委员会 承办单位：某某办公室",
    "版权所有 © 某某管理委员会 鲁ICP备12345678号-1 网站标识码：3703000001",
    "鲁公网安备 37030302000123号",
]


def _last_text(plan):
    return plan.chapters[-1].sections[-1].text


def test_sample_text_ends_with_its_last_sentence(sample_plan):
    """The bundled copy ends with a line the web page printed: 扫码使用手机浏览本页内容."""
    assert _last_text(sample_plan).endswith(LAST_SENTENCE)
    assert "扫码" not in _last_text(sample_plan)


def test_web_page_footer_is_not_in_the_last_section(tmp_path, sample_text):
    page = builders.build_html(sample_text)
    footer = "".join(f"<div>{line}</div>" for line in FOOTER)
    page = page.replace("</body>", f'<div class="footer">{footer}</div></body>')
    path = tmp_path / "page.html"
    path.write_text(page, encoding="utf-8")
    texts = [getattr(b, "text", "") for b in read_document(path).blocks]
    assert not any("ICP" in t or "主办单位" in t or "地址" in t for t in texts)
    assert _last_text(parse_outline(path)).endswith(LAST_SENTENCE)


def test_text_copy_with_a_footer(tmp_path, sample_text):
    path = tmp_path / "outline.txt"
    path.write_text(sample_text + "\n" + "\n".join(FOOTER) + "\n", encoding="utf-8")
    assert _last_text(parse_outline(path)).endswith(LAST_SENTENCE)


@pytest.mark.parametrize(
    "tail",
    [
        ["推广扫码支付、刷脸支付等便民应用。"],  # a sentence that mentions 扫码 is text
        ["某某管理委员会", "2021年11月1日"],  # a signature is not chrome
        ["第三节 网站地图与版权所有"],  # a heading stops the trim
    ],
)
def test_text_that_only_resembles_chrome_stays(tail):
    blocks = [Paragraph("第九章 保障"), Paragraph("加强规划实施监督。"), *map(Paragraph, tail)]
    assert drop_page_furniture(blocks) == blocks


def test_chrome_below_a_signature_goes_and_the_signature_stays():
    kept = list(map(Paragraph, ["加强规划实施监督。", "某某管理委员会", "2021年11月1日"]))
    blocks = [*kept, *map(Paragraph, FOOTER)]
    assert drop_page_furniture(blocks) == kept


def test_chrome_in_the_middle_is_left_alone():
    blocks = list(map(Paragraph, ["第一章 总则", "版权所有", "第二章 目标", "发展目标如下。"]))
    assert drop_page_furniture(blocks) == blocks
