"""Whatever bytes arrive, the reader returns a plan or raises the documented InputError."""

import random
import tempfile
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from planwatch.errors import InputError
from planwatch.outline import parse_outline
from planwatch.outline.model import Plan

SETTINGS = settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.too_slow])

PIECES = st.sampled_from(
    [
        "第一章 总体要求\n",
        "第二节 主要目标\n",
        "一、",
        "（一）",
        "(1)",
        "1.",
        "到2025年,",
        "达到",
        "500家",
        "以上",
        "全覆盖",
        "前三十",
        "倍增",
        " |\n",
        "||||\n",
        "\t",
        "——",
        "〔1.76〕",
        "4.5以内",
        "预期性",
        "约束性",
        "指标名称(单位) |\n",
        "2020年 |\n",
        "目 录\n",
        "......12\n",
        "强化学前教育资源供给。",
        "。",
        "\n",
        "  ",
        "关于印发",
        "的通知",
        "〔2021〕3号",
    ]
)


def _parse_bytes(data: bytes, suffix: str = ".txt"):
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / f"input{suffix}"
        path.write_bytes(data)
        try:
            plan = parse_outline(path)
        except InputError as exc:
            assert str(exc) and "\n" not in str(exc)
            return None
    assert isinstance(plan, Plan) and plan.chapters
    return plan


@SETTINGS
@given(st.binary(max_size=4096), st.sampled_from([".txt", ".docx", ".pdf", ".html", ""]))
def test_random_bytes(data, suffix):
    _parse_bytes(data, suffix)


@SETTINGS
@given(st.lists(PIECES, max_size=80))
def test_random_outline_like_text(pieces):
    _parse_bytes("".join(pieces).encode("utf-8"))


@SETTINGS
@given(st.text(max_size=2000))
def test_random_text(text):
    _parse_bytes(text.encode("utf-8", "surrogatepass"))


@SETTINGS
@given(st.integers(min_value=0, max_value=10**9))
def test_truncated_sample(sample_text, cut):
    data = sample_text.encode("utf-8")
    _parse_bytes(data[: cut % (len(data) + 1)])


@SETTINGS
@given(st.randoms(use_true_random=False))
def test_shuffled_sample_lines(sample_text, rng: random.Random):
    lines = sample_text.splitlines()
    rng.shuffle(lines)
    _parse_bytes("\n".join(lines[: rng.randint(1, len(lines))]).encode("gb18030"))


@SETTINGS
@given(st.binary(min_size=1, max_size=200), st.integers(min_value=0, max_value=10**6))
def test_corrupted_docx(built_docx_bytes, noise, at):
    data = bytearray(built_docx_bytes)
    spot = at % len(data)
    data[spot : spot + len(noise)] = noise
    _parse_bytes(bytes(data), ".docx")


MARKDOWN = st.sampled_from(
    [
        "---\ntitle: x\n---\n",
        "---\n",
        "# ",
        "## 第一篇　总体要求\n",
        "### 第一章　发展环境\n",
        "#### 第一节 主要目标\n",
        "**",
        "**第二章　重点任务**\n",
        "__",
        "> ",
        "> **专栏1　重大工程**\n",
        ">\n",
        "<details>\n<summary>目录</summary>\n",
        "</details>\n",
        "<!-- ",
        " -->\n",
        "- 第一章　发展环境\n",
        "  - ",
        "| 指标 | 2020年 | 2025年 | 属性 |\n",
        "|---|---|---|---|\n",
        "| 1. 地区生产总值(亿元) | **100** | 150 | **约束性** |\n",
        "|",
        "![](images/a.jpg)\n",
        '![专栏2 主要指标](a.jpg "t")\n',
        "[链接](http://x)",
        "单位国内生产总值能源消耗降低16%。",
        "城镇居民人均可支配收入和农村居民人均纯收入分别年均增长7%以上。",
        "分别提高3个和4个百分点",
        "各4500万人",
        "\n",
    ]
)


@SETTINGS
@given(st.lists(MARKDOWN | PIECES, max_size=40))
def test_markdown_markup_never_crashes(pieces):
    """Any mix of Markdown markup and outline text gives a plan or the documented InputError."""
    _parse_bytes("".join(pieces).encode(), ".md")


HTML = st.sampled_from(
    [
        "<!DOCTYPE html><html><body>",
        "</body></html>",
        "<p>",
        "</p>",
        "<strong>",
        "</strong>",
        "<p align='center'><strong>第一章　发展环境</strong></p>",
        "<p><b>第一节 主要目标</b></p>",
        "<details><summary>目录</summary><ul><li>第一章　发展环境</li>",
        "</ul></details>",
        "<blockquote><p>专栏1　重大工程</p>",
        "</blockquote>",
        "<table border='1'>",
        "</table>",
        "<tr>",
        "</tr>",
        "<th rowspan='2'>指标名称</th>",
        "<th colspan='2'>规划目标</th>",
        "<th>2020年</th>",
        "<td rowspan='3'><strong>经济发展</strong></td>",
        "<td rowspan='99999'>x</td>",
        "<td colspan='abc'>1.地区生产总值（亿元）</td>",
        "<td>60.<span>6</span>*</td>",
        "<td>〔1.76〕[1]</td>",
        "<td>六</td>",
        "<td colspan='6'>注：1.〔〕内为五年累计数；2.*为2019年数据。</td>",
        "<img src='a.png' alt='专栏2 主要指标'>",
        "<img alt=''>",
        "<header><img alt='政府网'></header>",
        "<br>",
        "&nbsp;\u3000",
        "<!-- x -->",
    ]
)

NOTES = st.sampled_from(
    ["注：", "注:1.", "①", "[1]", "*", "※", "；2.", "\n[2] 口径说明。\n", "| 5.5① | 60.6[1] |\n"]
)


@SETTINGS
@given(st.lists(HTML | PIECES, max_size=50))
def test_html_markup_never_crashes(pieces):
    """Any mix of page markup, tables with spans and outline text gives a plan or InputError."""
    _parse_bytes(("<!DOCTYPE html><html><body>" + "".join(pieces)).encode(), ".html")


@SETTINGS
@given(st.lists(MARKDOWN | NOTES | PIECES, max_size=40))
def test_footnotes_and_notes_never_crash(pieces):
    _parse_bytes("".join(pieces).encode(), ".md")
