"""A small plan, its assessment and report extras, written by hand for the report tests.

The figures are invented but consistent: a plan based on 2020 with targets for 2025, assessed
in 2023 (three of five years elapsed, time share 0.6). Shares below were worked out by hand,
e.g. 城镇化率 (92.4 − 91.24) / (93 − 91.24) = 0.659.
"""

from __future__ import annotations

from planwatch.assess.model import ItemAssessment, ManualVerdict, PlanAssessment
from planwatch.outline.model import (
    Chapter,
    Indicator,
    Plan,
    ProseTarget,
    Rate,
    Section,
    TargetValue,
    Task,
    YearValue,
)
from planwatch.reports.model import (
    Assignment,
    FigureSource,
    KeyProject,
    ReportExtras,
    TaskProgress,
)

PLAN_TITLE = "示例高新区国民经济和社会发展第十四个五年规划纲要"


def _indicator(number, name, unit, category, base, target, attribute, direction, **kw):
    return Indicator(
        number=number,
        code=f"I{number}",
        name=name,
        unit=unit,
        category=category,
        baseline=YearValue(2020, base) if base is not None else None,
        target=target,
        annual_growth=kw.get("growth"),
        cumulative_change=kw.get("cumulative"),
        attribute=attribute,
        direction=direction,
    )


def make_plan() -> Plan:
    return Plan(
        title=PLAN_TITLE,
        document_number="示管发〔2021〕1号",
        issuer="示例高新区管理委员会",
        base_year=2020,
        target_year=2025,
        chapters=[
            Chapter(
                number="第三章",
                title="做强主导产业",
                text="",
                sections=[
                    Section(
                        number="第一节",
                        title="壮大新材料产业",
                        text="",
                        tasks=[
                            Task("M1", "建设新材料中试基地。", "建设新材料中试基地。……"),
                            Task("M2", "培育龙头企业。", "培育龙头企业。……"),
                        ],
                    )
                ],
            ),
            Chapter(
                number="第七章",
                title="增进民生福祉",
                text="",
                tasks=[Task("M3", "扩大托育服务供给。", "扩大托育服务供给。……")],
            ),
        ],
        indicators=[
            _indicator(
                1,
                "地区生产总值增长速度",
                "%",
                "经济发展",
                8.2,
                None,
                "anticipatory",
                "increase",
                growth=Rate(15, None, "15%"),
            ),
            _indicator(
                2,
                "常住人口城镇化率",
                "%",
                "经济发展",
                91.24,
                TargetValue(2025, 93, ">=", "93"),
                "anticipatory",
                "increase",
                cumulative=Rate(1.76, None, "〔1.76〕"),
            ),
            _indicator(
                5,
                "全社会研发经费投入占地区生产总值比重",
                "%",
                "创新驱动",
                5.1,
                TargetValue(2025, 5.5, ">=", "5.5"),
                "anticipatory",
                "increase",
            ),
            _indicator(
                7,
                "数字经济核心产业增加值占地区生产总值比重",
                "%",
                "创新驱动",
                None,
                None,
                "anticipatory",
                "increase",
            ),
            _indicator(
                9,
                "城镇登记失业率",
                "%",
                "民生福祉",
                1.87,
                TargetValue(2025, 4.5, "<=", "4.5以内"),
                "anticipatory",
                "decrease",
            ),
            _indicator(
                12,
                "基本养老保险参保率",
                "%",
                "民生福祉",
                90.8,
                TargetValue(2025, 96, ">=", "96"),
                "binding",
                "increase",
            ),
            _indicator(
                15,
                "单位地区生产总值能源消耗降低",
                "%",
                "绿色生态",
                34.74,
                TargetValue(2025, None, None, "完成省市分解任务"),
                "binding",
                "increase",
            ),
            _indicator(
                19,
                "森林覆盖率",
                "%",
                "绿色生态",
                11.75,
                TargetValue(2025, 12.3, ">=", "12.3"),
                "binding",
                "increase",
            ),
            _indicator(
                20,
                "粮食综合生产能力",
                "万吨",
                "安全保障",
                0.64,
                TargetValue(2025, 0.64, ">=", "0.64"),
                "binding",
                "increase",
            ),
            # Not in the assessment at all: the report must still list it, as 数据暂缺.
            _indicator(21, "能源综合生产能力", "万吨标煤", "安全保障", None, None, "binding", None),
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
                location=["第三章", "第一节"],
                baseline=YearValue(2020, 252, "截至2020年底，高新技术企业达到252家"),
            ),
            ProseTarget(
                code="T2",
                subject="新增城市污水日处理能力",
                value=15,
                unit="万吨",
                comparator=">=",
                year=2025,
                kind="increment",
                text="新增城市污水日处理能力15万吨",
                location=["第六章"],
            ),
        ],
    )


def _item(code, number, name, unit, category, status, label, **kw) -> ItemAssessment:
    return ItemAssessment(
        code=code,
        number=number,
        name=name,
        unit=unit,
        category=category,
        kind="indicator" if code.startswith("I") else "target",
        binding=kw.pop("binding", False),
        status=status,
        label=label,
        explanation=kw.pop("explanation", ""),
        method=kw.pop("method", "level"),
        direction=kw.pop("direction", "increase"),
        **kw,
    )


def make_assessment() -> PlanAssessment:
    indicators = [
        _item(
            "I1", 1, "地区生产总值增长速度", "%", "经济发展", "lagging", "滞后于预期",
            method="growth", baseline_year=2020, baseline_value=8.2,
            latest_year=2023, latest_value=9.0, required_pace=22.4, pace_unit="%",
            outlook="at_risk", series=[(2021, 10.0), (2022, 12.0), (2023, 9.0)],
            explanation="2021—2023年年均增长10.3%，低于年均增长15%的目标，其余两年需年均增长22.4%。",
            sources=["区统计局"],
        ),
        _item(
            "I2", 2, "常住人口城镇化率", "%", "经济发展", "on_track", "符合预期",
            baseline_year=2020, baseline_value=91.24, target_year=2025, target_value=93,
            target_comparator=">=", target_text="93", latest_year=2023, latest_value=92.4,
            completion_share=0.659, time_share=0.6, outlook="at_risk",
            series=[(2021, 91.6), (2022, 92.0), (2023, 92.4)], sources=["区公安分局"],
        ),
        _item(
            "I5", 5, "全社会研发经费投入占地区生产总值比重", "%", "创新驱动", "achieved",
            "提前完成", baseline_year=2020, baseline_value=5.1, target_year=2025,
            target_value=5.5, target_comparator=">=", target_text="5.5",
            latest_year=2022, latest_value=5.6, completion_share=1.25, time_share=0.4,
            outlook="likely",
            series=[(2021, 5.3), (2022, 5.6)], sources=["区科技创新局"],
        ),
        _item(
            "I7", 7, "数字经济核心产业增加值占地区生产总值比重", "%", "创新驱动", "improving",
            "趋势向好", method="trend", latest_year=2023, latest_value=10.2,
            series=[(2021, 8.0), (2022, 9.5), (2023, 10.2)],
        ),
        _item(
            "I9", 9, "城镇登记失业率", "%", "民生福祉", "bound_kept", "达到目标要求",
            outlook="likely",
            method="ceiling", direction="decrease", baseline_year=2020, baseline_value=1.87,
            target_year=2025, target_value=4.5, target_comparator="<=", target_text="4.5以内",
            latest_year=2023, latest_value=2.1, series=[(2023, 2.1)],
        ),
        _item(
            "I12", 12, "基本养老保险参保率", "%", "民生福祉", "seriously_lagging", "严重滞后",
            binding=True, baseline_year=2020, baseline_value=90.8, target_year=2025,
            target_value=96, target_comparator=">=", target_text="96",
            latest_year=2023, latest_value=92.0, completion_share=0.2308, time_share=0.6,
            outlook="unlikely",
            series=[(2021, 91.2), (2022, 91.5), (2023, 92.0)],
            explanation="完成目标进度23.1%，低于时间进度60%。",
            manual=ManualVerdict("I12", "lagging", "2023年参保扩面集中在四季度，数据尚未入库。"),
        ),
        _item(
            "I15", 15, "单位地区生产总值能源消耗降低", "%", "绿色生态", "needs_target",
            "待明确目标", binding=True, method="needs_target", baseline_year=2020,
            baseline_value=34.74, target_year=2025, target_text="完成省市分解任务",
            latest_year=2022, latest_value=3.1, series=[(2021, 2.8), (2022, 3.1)],
        ),
        _item(
            "I19", 19, "森林覆盖率", "%", "绿色生态", "no_data", "数据暂缺", binding=True,
            baseline_year=2020, baseline_value=11.75, target_year=2025, target_value=12.3,
            target_comparator=">=", target_text="12.3",
        ),
        _item(
            "I20", 20, "粮食综合生产能力", "万吨", "安全保障", "regressing", "逆向变化",
            binding=True, method="hold", baseline_year=2020, baseline_value=0.64,
            target_year=2025, target_value=0.64, target_comparator=">=", target_text="0.64",
            latest_year=2023, latest_value=0.61, series=[(2022, 0.63), (2023, 0.61)],
            explanation="2023年为0.61万吨，低于应保持的0.64万吨。",
        ),
    ]  # fmt: skip
    targets = [
        _item(
            "T1", None, "高新技术企业数量", "家", None, "on_track", "符合预期",
            method="level", path="geometric", baseline_year=2020, baseline_value=252,
            target_year=2025, target_value=500, target_comparator=">=",
            target_text="到2025年，争取高新区内高新技术企业数量达到500家",
            latest_year=2023, latest_value=410, completion_share=0.637, time_share=0.6,
            outlook="likely",
            series=[(2021, 300), (2022, 356), (2023, 410)],
        ),
        _item(
            "T2", None, "新增城市污水日处理能力", "万吨", None, "no_data", "数据暂缺",
            target_year=2025, target_value=15, target_comparator=">=",
            target_text="新增城市污水日处理能力15万吨",
        ),
    ]  # fmt: skip
    return PlanAssessment(year=2023, indicators=indicators, targets=targets, summary={})


def make_extras() -> ReportExtras:
    return ReportExtras(
        tasks=[
            TaskProgress(
                "M1",
                lead="工业和信息化局",
                support=("科技创新局", "财政金融局"),
                percent=60,
                status="按计划推进",
                narrative="中试基地一期主体完工",
            ),
            TaskProgress("M3", lead="社会事业局", percent=100, status="已完成"),
        ],
        projects=[
            KeyProject(
                "新材料产业园",
                investment=25.5,
                planned_start="2021-03",
                planned_finish="2024-12",
                actual_start="2021-05",
                progress=70,
                chapter="第三章",
            )
        ],
        assignments=[
            Assignment("I5", "科技创新局"),
            Assignment("T1", "科技创新局"),
            Assignment("I12", "社会事业局", ("财政金融局",)),
        ],
        sources=[FigureSource("I5", "区统计局《2022年统计公报》", 2022)],
        issuer="示例高新区经济发展局",
        dated="2023年6月30日",
        plan_id="demo-plan",
        round="2023年度",
    )
