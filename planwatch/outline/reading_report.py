"""The reading report: what the reader could not read fully, so the coordinator can check it.

Warnings come from what the reader already found — image placeholders left by a converter,
prose targets whose unit is unknown, indicator names that occur twice — never from a second
reading of the text.
"""

from __future__ import annotations

from planwatch.outline.indicators import UnreadableCell
from planwatch.outline.model import Indicator, ProseTarget, ReadingWarning
from planwatch.outline.readers.markdown import IMAGE_MARK
from planwatch.outline.structure import heading

_IMAGE_PREFIX = IMAGE_MARK.split("{", 1)[0]
#: Subjects measured without a unit (a coefficient, an index, an elasticity).
_DIMENSIONLESS = ("系数", "指数", "弹性")


def reading_warnings(
    body: list[str],
    indicators: list[Indicator],
    targets: list[ProseTarget],
    unreadable: list[UnreadableCell] = (),
    table_title: str = "主要指标表",
    unpaired: list[ProseTarget] = (),
) -> list[ReadingWarning]:
    return [
        *_images(body),
        *_unreadable_cells(unreadable, table_title),
        *_indicator_rows(indicators),
        *_unknown_units(targets),
        *_unpaired(unpaired),
    ]


def _images(body: list[str]) -> list[ReadingWarning]:
    """Tables or figures printed as pictures: their figures are not in the plan."""
    place: list[str] = []
    out = []
    for line in body:
        found = heading(line, ("chapter", "section"))
        if found:
            place = [found[1]] if found[0] == "chapter" else [*place[:1], found[1]]
        elif line.startswith(_IMAGE_PREFIX):
            caption = line[len(_IMAGE_PREFIX) :].rstrip("〕")
            zh, en = (
                (f"“{caption}”", f"'{caption}'")
                if caption != "—"
                else ("一幅无标题图片", "an untitled image")
            )
            out.append(
                ReadingWarning(
                    "outline.image_table",
                    f"{zh}是图片，没有文字，其中的图表或指标未能读取，请核对原文并另行录入",
                    f"{en} is an image with no text: any table or figures in it were not read; "
                    "check the original and enter them separately",
                    list(place),
                )
            )
    return out


def _indicator_rows(indicators: list[Indicator]) -> list[ReadingWarning]:
    out = []
    seen: dict[str, str] = {}
    for ind in indicators:
        if ind.name in seen:
            out.append(
                ReadingWarning(
                    "outline.duplicate_indicator",
                    f"指标“{ind.name}”在表中出现两次（{seen[ind.name]} 和 {ind.code}），请核对",
                    f"indicator '{ind.name}' appears twice ({seen[ind.name]} and {ind.code}); "
                    "please check",
                    [ind.code],
                )
            )
        seen.setdefault(ind.name, ind.code)
    return out


def _unknown_units(targets: list[ProseTarget]) -> list[ReadingWarning]:
    return [
        ReadingWarning(
            "outline.unknown_unit",
            f"文中目标 {t.code}“{t.subject}”的单位未能识别：{t.text}",
            f"prose target {t.code} '{t.subject}' has no recognised unit: {t.text}",
            list(t.location),
        )
        for t in targets
        if t.unit is None and t.value is not None and not t.subject.endswith(_DIMENSIONLESS)
    ]


def _unreadable_cells(cells: list[UnreadableCell], title: str) -> list[ReadingWarning]:
    """Value cells that are neither a number, ``—`` nor a target in words (``六``, ``n/a``)."""
    return [
        ReadingWarning(
            "outline.unreadable_cell",
            f"“{title}”第{c.row}行（{c.code} {c.name}）“{c.column}”一栏的“{c.cell}”"
            "不是数字、“—”或可识别的文字目标，未能读取，请核对原文并另行录入",
            f"'{title}' row {c.row} ({c.code} {c.name}), column '{c.column}': '{c.cell}' is "
            "neither a number, a dash nor a target in words and was not read; check the "
            "original and enter it separately",
            [c.code],
        )
        for c in cells
    ]


def _unpaired(targets: list[ProseTarget]) -> list[ReadingWarning]:
    """``分别`` lists whose subjects and values do not pair up: one warning per list."""
    groups: dict[str, list[ProseTarget]] = {}
    for t in targets:
        groups.setdefault(t.text, []).append(t)
    out = []
    for text, group in groups.items():
        codes = "、".join(t.code for t in group)
        out.append(
            ReadingWarning(
                "outline.unpaired_values",
                f"“分别”列出的对象与数值个数不一致，未按顺序配对（{codes} 各取一个数值，"
                f"对象为“{group[0].subject}”），请核对：{text}",
                f"a '分别' list whose subjects and values do not pair up was not paired by "
                f"guess ({', '.join(t.code for t in group)} take one value each, subject "
                f"'{group[0].subject}'); please check: {text}",
                list(group[0].location),
            )
        )
    return out
