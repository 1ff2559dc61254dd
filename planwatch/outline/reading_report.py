"""The reading report: what the reader could not read fully, so the coordinator can check it.

Warnings come from what the reader already found — image placeholders left by a converter,
prose targets whose unit is unknown, indicator names that occur twice — never from a second
reading of the text.
"""

from __future__ import annotations

from planwatch.outline.model import Indicator, ProseTarget, ReadingWarning
from planwatch.outline.readers.markdown import IMAGE_MARK
from planwatch.outline.structure import heading

_IMAGE_PREFIX = IMAGE_MARK.split("{", 1)[0]
#: Subjects measured without a unit (a coefficient, an index, an elasticity).
_DIMENSIONLESS = ("系数", "指数", "弹性")


def reading_warnings(
    body: list[str], indicators: list[Indicator], targets: list[ProseTarget]
) -> list[ReadingWarning]:
    return [*_images(body), *_indicator_rows(indicators), *_unknown_units(targets)]


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
