"""Build the bundled outline in other formats, the way other governments publish theirs.

The indicator table is written as a real table from the hand-typed rows in ``gold.RAW_TABLE``,
with the category as a merged cell spanning its rows.
"""

from __future__ import annotations

import html
from itertools import groupby

from . import gold

HEADER = ("类别", "指标名称(单位)", "2020年", "2025年", "年均增速〔累计〕", "属性")


def split_around_table(text: str) -> tuple[list[str], list[str]]:
    """The outline's lines before and after its flattened indicator table."""
    lines = [ln.strip() for ln in text.splitlines() if ln.strip()]
    start = lines.index("指标名称(单位) |")
    end = start
    while lines[end].endswith("|"):
        end += 1
    return lines[:start], lines[end:]


def build_docx(text: str, path) -> None:
    import docx

    before, after = split_around_table(text)
    document = docx.Document()
    for line in before:
        document.add_paragraph(line)
    table = document.add_table(rows=1 + len(gold.RAW_TABLE), cols=len(HEADER))
    for k, title in enumerate(HEADER):
        table.cell(0, k).text = title
    for r, row in enumerate(gold.RAW_TABLE, start=1):
        for k, value in enumerate(row[1:], start=1):
            table.cell(r, k).text = value
    r = 1
    for category, rows in groupby(gold.RAW_TABLE, key=lambda row: row[0]):
        span = len(list(rows))
        merged = table.cell(r, 0).merge(table.cell(r + span - 1, 0))
        merged.text = category
        r += span
    for line in after:
        document.add_paragraph(line)
    document.save(path)


def build_html(text: str) -> str:
    """A saved government page: navigation, a layout table around the article, a data table."""
    before, after = split_around_table(text)
    rows = ["<tr>" + "".join(f"<th>{h}</th>" for h in HEADER) + "</tr>"]
    for category, group in groupby(gold.RAW_TABLE, key=lambda row: row[0]):
        group = list(group)
        for k, row in enumerate(group):
            cells = [f'<td rowspan="{len(group)}">{category}</td>'] if k == 0 else []
            cells += [f"<td>{html.escape(v)}</td>" for v in row[1:]]
            rows.append("<tr>" + "".join(cells) + "</tr>")
    paragraphs = lambda lines: "\n".join(f"<p>{html.escape(ln)}</p>" for ln in lines)  # noqa: E731
    return f"""<!DOCTYPE html>
<html lang="zh-CN"><head><meta charset="utf-8"><title>政府信息公开</title>
<style>p {{ text-indent: 2em; }}</style><script>var x = "第一章 不是正文";</script></head>
<body>
<div class="nav"><a href="/">首页</a> &gt; <a href="/zwgk">政务公开</a></div>
<table class="layout"><tr><td>
{paragraphs(before)}
<table class="data" border="1">
{"".join(rows)}
</table>
{paragraphs(after)}
</td></tr></table>
<div class="footer">主办单位：某某管理委员会</div>
</body></html>
"""


def build_pdf(text: str, path, indent: bool = False) -> None:
    """Each line wrapped to the page width, with page numbers, in the CID font STSong-Light.

    With ``indent`` each paragraph's first line is indented two characters, as GB/T 9704 lays
    out official documents; without it every line starts at the margin.
    """
    from reportlab.lib.pagesizes import A4
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.cidfonts import UnicodeCIDFont
    from reportlab.pdfgen import canvas

    font, size, leading, margin = "STSong-Light", 10.5, 15, 56
    pdfmetrics.registerFont(UnicodeCIDFont(font))
    width, height = A4
    usable = width - 2 * margin
    pdf = canvas.Canvas(str(path), pagesize=A4)
    pdf.setFont(font, size)
    y, page = height - margin, 1

    def new_page():
        nonlocal y, page
        pdf.drawCentredString(width / 2, margin / 2, f"- {page} -")
        pdf.showPage()
        pdf.setFont(font, size)
        y, page = height - margin, page + 1

    first_line = 2 * size if indent else 0
    for line in (ln.strip() for ln in text.splitlines()):
        if not line:
            continue
        for k, piece in enumerate(_wrap(line, usable, font, size, first_line)):
            if y < margin:
                new_page()
            pdf.drawString(margin + (first_line if k == 0 else 0), y, piece)
            y -= leading
    new_page()
    pdf.save()


def _wrap(line: str, usable: float, font: str, size: float, first_line: float = 0) -> list[str]:
    from reportlab.pdfbase.pdfmetrics import stringWidth

    pieces, current, width = [], "", usable - first_line
    for ch in line:
        if stringWidth(current + ch, font, size) > width:
            pieces.append(current)
            current, width = "", usable
        current += ch
    return [*pieces, current]


def build_markdown(text: str) -> str:
    """A Markdown conversion as converters publish one: front matter, a comment, ``#`` headings
    for 篇/章/节, bold 一、 headings, the contents in a ``<details>`` list, a pipe table with
    outer pipes, a separator row and bold attribute cells."""
    import re

    before, after = split_around_table(text)
    heading = re.compile(r"^第[一二三四五六七八九十百零〇\d]+([篇章节])")
    level = {"篇": "##", "章": "###", "节": "####"}

    def line(ln: str) -> str:
        found = heading.match(ln)
        if found:
            return f"{level[found.group(1)]} {ln}"
        if re.match(r"^[一二三四五六七八九十]{1,3}、", ln) and "。" not in ln:
            return f"**{ln}**"
        return ln

    rows = ["| " + " | ".join(HEADER) + " |", "|" + "---|" * len(HEADER)]
    for row in gold.RAW_TABLE:
        cells = [*row[:-1], f"**{row[-1]}**"]
        rows.append("| " + " | ".join(cells) + " |")
    body = "\n\n".join(line(ln) for ln in before)
    return (
        "---\nsource: https://example.gov.cn/\n---\n\n<!-- 转换自政府网站 -->\n\n"
        f"{body}\n\n" + "\n".join(rows) + "\n\n" + "\n\n".join(line(ln) for ln in after) + "\n"
    )


def build_gov_html(text: str) -> str:
    """A page saved from a government site as such pages are built: the contents collapsed in a
    ``<details>`` list, ``<strong>`` headings in centred paragraphs, ideographic indents, the
    indicator table with a two-row header (``规划目标`` over 2025年 and the growth column), each
    category a bold cell spanning its rows (``rowspan``), binding attributes in bold, the note
    as the table's last row, and decoration images without captions around the article."""
    import re

    before, after = split_around_table(text)
    toc = before.index("目 录")
    body = next(k for k in range(toc + 2, len(before)) if before[k].startswith("第一章"))
    contents = "".join(f"<li>{html.escape(ln)}</li>" for ln in before[toc + 1 : body])
    heading = re.compile(
        r"^(?:第[一二三四五六七八九十百零〇\d]+[章节]|[一二三四五六七八九十]{1,3}、)"
    )

    def paragraph(ln: str) -> str:
        if heading.match(ln) and "。" not in ln:
            align = ' align="center"' if re.match(r"^第\S+章", ln) else ""
            return f"<p{align}><strong>{html.escape(ln)}</strong></p>"
        return f"<p>&nbsp;&nbsp;\u3000\u3000{html.escape(ln)}</p>"

    head = (
        '<tr><th rowspan="2">类别</th><th rowspan="2">指标名称(单位)</th>'
        '<th rowspan="2">2020年</th><th colspan="2">规划目标</th><th rowspan="2">属性</th></tr>'
        "<tr><th>2025年</th><th>年均增速〔累计〕</th></tr>"
    )
    rows = [head]
    for category, group in groupby(gold.RAW_TABLE, key=lambda row: row[0]):
        group = list(group)
        for k, row in enumerate(group):
            cells = (
                [f'<td rowspan="{len(group)}"><strong>{category}</strong></td>'] if k == 0 else []
            )
            *values, attribute = row[1:]
            cells += [f"<td>{html.escape(v)}</td>" for v in values]
            cells.append(
                f"<td><b>{attribute}</b></td>" if attribute == "约束性" else f"<td>{attribute}</td>"
            )
            rows.append("<tr>" + "".join(cells) + "</tr>")
    note, after = after[0], after[1:]
    rows.append(f'<tr><td colspan="6">{html.escape(note)}</td></tr>')
    article = "\n".join(paragraph(ln) for ln in before[:toc])
    article += f"\n<details><summary>目 录</summary><ul>{contents}</ul></details>\n"
    article += "\n".join(paragraph(ln) for ln in before[body:])
    article += f'\n<table border="1" cellspacing="0">{"".join(rows)}</table>\n'
    article += "\n".join(paragraph(ln) for ln in after)
    return f"""<!DOCTYPE html>
<html><head><meta http-equiv="Content-Type" content="text/html; charset=utf-8">
<title>政府信息公开</title></head>
<body>
<header><img src="/images/logo.png" alt="某某政府网"></header>
<div class="article"><img src="/images/spacer.gif" alt="">
{article}
</div>
<footer><img src="/images/jiucuo.png" alt="政府网站找错"> 主办单位：某某管理委员会</footer>
</body></html>
"""


_MD_IMAGE = __import__("re").compile(r'!\[([^\]]*)\]\(([^)\s]*)(?:\s+"([^"]*)")?\)')


def _markdown_lines(text: str) -> list[str]:
    import re

    return re.sub(r"^---\n.*?\n---\n", "", text, flags=re.S).split("\n")


def markdown_to_gov_html(text: str) -> str:
    """A Markdown conversion of a real outline as the page it came from: the contents a
    ``<details>`` list, headings ``<strong>`` in centred paragraphs, 专栏 boxes in
    ``<blockquote>``, images alone in centred paragraphs (captioned by their title), navigation
    and a footer around the article."""
    import re

    out: list[str] = []
    contents = quoted = False
    for raw in _markdown_lines(text):
        line = raw.rstrip()
        if line.startswith("<details>"):
            contents = True
            out.append("<details><summary>目录</summary><ul>")
            continue
        if contents:
            if line.startswith("</details>"):
                contents = False
                out.append("</ul></details>")
            elif line.strip().startswith("- "):
                out.append(f"<li>{html.escape(line.strip()[2:])}</li>")
            continue
        if line.startswith("<!--") or not line.strip():
            continue
        if line.startswith(">") != quoted:
            quoted = not quoted
            out.append("<blockquote>" if quoted else "</blockquote>")
        body = re.sub(r"^>\s?", "", line)
        image = _MD_IMAGE.fullmatch(body.strip())
        heading = re.match(r"^#+\s+(.*)", body)
        if image:
            caption = html.escape(image.group(3) or image.group(1), quote=True)
            out.append(f'<p align="center"><img src="{image.group(2)}" alt="{caption}"></p>')
        elif heading:
            out.append(f'<p align="center"><strong>{html.escape(heading.group(1))}</strong></p>')
        elif body.strip():
            strong = re.sub(r"\*\*(.+?)\*\*", r"<strong>\1</strong>", html.escape(body))
            out.append(f"<p>\u3000\u3000{strong}</p>")
    if quoted:
        out.append("</blockquote>")
    article = "\n".join(out)
    return (
        '<!DOCTYPE html><html><head><meta charset="utf-8"><title>中国政府网</title></head><body>'
        '<div class="nav"><a href="/"><img src="/logo.png" alt="中国政府网"></a>'
        " 首页 &gt; 政策</div>"
        f'<div class="TRS_Editor">{article}</div>'
        '<div class="footer">版权所有：中国政府网 | 网站标识码bm01000001</div></body></html>'
    )


def markdown_to_copied_text(text: str) -> str:
    """The same outline as a web page copied out as plain text: the markup gone, the contents
    bare lines under 目录, images lost."""
    import re

    out: list[str] = []
    for raw in _markdown_lines(text):
        line = raw.strip()
        if line.startswith(("<details>", "</details>", "<!--")):
            continue
        if line.startswith("<summary>"):
            out.append("目录")
            continue
        line = re.sub(r"^(?:>\s?)?(?:#+\s+|-\s+)?", "", line)
        line = _MD_IMAGE.sub("", line).replace("**", "").strip()
        if line:
            out.append(line)
    return "\n".join(out) + "\n"
