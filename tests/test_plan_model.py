from planwatch.outline.model import (
    Chapter,
    Indicator,
    Plan,
    ProseTarget,
    Rate,
    Section,
    Subsection,
    TargetValue,
    Task,
    YearValue,
)


def _plan() -> Plan:
    return Plan(
        title="示例区“十四五”规划纲要",
        base_year=2020,
        target_year=2025,
        chapters=[
            Chapter(
                number="第一章",
                title="总体要求",
                text="",
                sections=[
                    Section(
                        number="第一节",
                        title="发展目标",
                        text="",
                        tasks=[Task(code="M1", title="加快发展。", text="加快发展。具体措施。")],
                        subsections=[Subsection(number="一、", title="产业", text="")],
                    )
                ],
            )
        ],
        indicators=[
            Indicator(
                number=2,
                code="I2",
                name="常住人口城镇化率",
                unit="%",
                category="经济发展",
                baseline=YearValue(2020, 91.24),
                target=TargetValue(2025, 93.0, ">=", "93"),
                annual_growth=None,
                cumulative_change=Rate(1.76, None, "〔1.76〕"),
                attribute="anticipatory",
                direction="increase",
            )
        ],
        targets=[
            ProseTarget(
                code="T1",
                subject="高新技术企业数量",
                value=500,
                unit="家",
                comparator=">=",
                year=2025,
                kind="level",
                text="到2025年，争取高新区内高新技术企业数量达到500家",
                location=["第四章", "第四节"],
                baseline=YearValue(2020, 252, "截至2020年底，高新技术企业达到252家"),
            )
        ],
    )


def test_plan_survives_its_json_form():
    plan = _plan()
    again = Plan.from_dict(plan.to_dict())
    assert again == plan
    assert again.indicators[0].baseline.value == 91.24
    assert again.targets[0].baseline.year == 2020


def test_tasks_are_listed_with_their_location():
    located = list(_plan().iter_tasks())
    assert [(loc, t.code) for loc, t in located] == [(("第一章", "第一节"), "M1")]
