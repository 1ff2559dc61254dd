"""The annual implementation plan document: opens in python-docx and openpyxl, headed per
department and section, with the annual targets in its tables."""

from __future__ import annotations

import io

from docx import Document
from openpyxl import load_workbook

from planwatch.reports.annual_plan import (
    SECTIONS,
    AnnualPlan,
    DepartmentPlan,
    PlanItem,
    PlanTask,
    write_docx,
    write_xlsx,
)

PLAN = AnnualPlan(
    plan_name="示例区“十四五”规划纲要",
    year=2023,
    issuer="示例区经济发展局",
    departments=[
        DepartmentPlan(
            "经济发展局",
            items=[
                PlanItem(
                    "I2",
                    "常住人口城镇化率",
                    "%",
                    False,
                    "牵头",
                    "93",
                    "达到92.3%",
                    "按规划路径测算",
                    "已批准",
                ),
            ],
            tasks=[PlanTask("K1", "推进产业集群发展", "牵头", "第二章")],
        ),
        DepartmentPlan("科技创新局"),
    ],
)


def test_the_docx_has_a_heading_per_department_and_section():
    out = io.BytesIO()
    write_docx(PLAN, out)
    doc = Document(io.BytesIO(out.getvalue()))
    headings = [p.text for p in doc.paragraphs if p.style.name in ("Heading 1", "Heading 2")]
    assert headings == [
        "一、经济发展局",
        "（一）年度指标目标",
        "（二）重点任务",
        "（三）年度节点（时间表和路线图）",
        "（四）重大项目",
        "二、科技创新局",
        "（一）年度指标目标",
        "（二）重点任务",
        "（三）年度节点（时间表和路线图）",
        "（四）重大项目",
    ]
    assert doc.paragraphs[0].text.replace("\n", "") == "示例区“十四五”规划纲要2023年度实施计划"
    cells = [c.text for t in doc.tables for row in t.rows for c in row.cells]
    assert "达到92.3%" in cells and "推进产业集群发展" in cells
    assert "本年度无此项。" in [p.text for p in doc.paragraphs]


def test_the_xlsx_has_a_sheet_per_section_with_the_department_first():
    out = io.BytesIO()
    write_xlsx(PLAN, out)
    wb = load_workbook(io.BytesIO(out.getvalue()))
    assert wb.sheetnames == [s.heading for s in SECTIONS]
    row = [c.value for c in wb["年度指标目标"][4]]
    assert row[:2] == ["经济发展局", "I2"] and "达到92.3%" in row


def test_the_monitoring_sentence_adds_the_year_against_its_annual_target():
    from planwatch.assess import assess_plan
    from planwatch.assess.model import AnnualTarget, Observation
    from planwatch.outline.model import Indicator, Plan, TargetValue, YearValue
    from planwatch.reports.wording import item_sentence

    plan = Plan(
        title="示例",
        base_year=2020,
        target_year=2025,
        indicators=[
            Indicator(
                2,
                "I2",
                "常住人口城镇化率",
                "%",
                "经济发展",
                YearValue(2020, 91.24),
                TargetValue(2025, 93, ">=", "93"),
                None,
                None,
                "anticipatory",
                None,
            )
        ],
    )
    result = assess_plan(
        plan,
        [Observation("I2", 2023, 92.2)],
        2023,
        annual_targets=[AnnualTarget("I2", 2023, 92.3, ">=", "年度实施计划")],
    )
    sentence = item_sentence(result.items[0])
    # the path first (r = 0.96/1.056 = 0.91: 基本符合预期), then the year: 0.906 → 基本完成
    assert "基本符合预期" in sentence
    assert sentence.endswith(
        "年度目标完成情况：2023年年度目标为达到92.3%，实际为92.2%，基本完成年度目标。"
    )
