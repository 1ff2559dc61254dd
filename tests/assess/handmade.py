"""Hand-built plans for the assessment tests: no outline reader involved."""

from __future__ import annotations

import re
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest

from planwatch.assess import assess_plan
from planwatch.assess.model import AssessOptions, ItemAssessment, Observation
from planwatch.errors import InputError
from planwatch.outline.model import Indicator, Plan, ProseTarget, Rate, TargetValue, YearValue

FIXTURES = Path(__file__).parent.parent / "fixtures" / "assess"


def indicator(
    number: int = 1,
    name: str = "指标",
    unit: str | None = "%",
    *,
    baseline: float | None = None,
    target: float | None = None,
    comparator: str | None = None,
    text: str | None = None,
    growth: float | None = None,
    change: float | None = None,
    binding: bool = False,
    category: str | None = "经济发展",
    direction: str | None = None,
) -> Indicator:
    has_target = target is not None or text is not None
    return Indicator(
        number=number,
        code=f"I{number}",
        name=name,
        unit=unit,
        category=category,
        baseline=None if baseline is None else YearValue(2020, baseline),
        target=TargetValue(2025, target, comparator, text) if has_target else None,
        annual_growth=None if growth is None else Rate(growth, None, f"{growth}%"),
        cumulative_change=None if change is None else Rate(change, None, f"〔{change}〕"),
        attribute="binding" if binding else "anticipatory",
        direction=direction,
    )


def prose(
    code: str = "T1",
    subject: str = "目标",
    value: float | None = 100,
    unit: str | None = "家",
    *,
    kind: str = "level",
    comparator: str | None = ">=",
    baseline: float | None = None,
    year: int | None = 2025,
    text: str = "",
) -> ProseTarget:
    return ProseTarget(
        code=code,
        subject=subject,
        value=value,
        unit=unit,
        comparator=comparator,
        year=year,
        kind=kind,
        text=text or f"到2025年{subject}达到{value}{unit or ''}",
        location=["第四章", "第一节"],
        baseline=None if baseline is None else YearValue(2020, baseline, "截至2020年底"),
    )


def plan_of(*indicators: Indicator, targets: tuple[ProseTarget, ...] = ()) -> Plan:
    return Plan(
        title="示例区“十四五”规划纲要",
        base_year=2020,
        target_year=2025,
        indicators=list(indicators),
        targets=list(targets),
    )


def observations(code: str, values: dict[int, float], unit: str | None = None):
    return [Observation(code, year, value, unit) for year, value in values.items()]


def judge(
    item: Indicator | ProseTarget,
    values: dict[int, float],
    year: int = 2022,
    *,
    unit: str | None = None,
    options: AssessOptions = AssessOptions(),  # noqa: B008
    **kwargs,
) -> ItemAssessment:
    """Assess a one-item plan and return the item's verdict."""
    plan = plan_of(item) if isinstance(item, Indicator) else plan_of(targets=(item,))
    result = assess_plan(
        plan, observations(item.code, values, unit), year, options=options, **kwargs
    )
    return result.items[0]


@contextmanager
def refused(english: str, chinese: str | None = None) -> Iterator[pytest.ExceptionInfo]:
    """Expect an InputError: Chinese by default (with ``chinese`` in it), ``english`` in English."""
    with pytest.raises(InputError) as caught:
        yield caught
    assert re.search(english, caught.value.render("en")), caught.value.render("en")
    message = str(caught.value)
    assert re.search(r"[\u4e00-\u9fff]", message), message
    if chinese is not None:
        assert chinese in message, message
