"""Time the mid-term report: a plan with the sample's 21 indicators and three years of data.

Uses the bundled sample outline and the assessment engine where this build has them, and
hand-built objects of the same size otherwise. Prints the wall and CPU time of drafting the
.docx in-process (the first run pays for importing python-docx and matplotlib and for the font
lookup; later runs show the steady state; CPU time is what the report costs when other work
shares the machine), of the .xlsx, and of the whole ``planwatch report`` command in a fresh
process. Target: the mid-term .docx under 1 s in-process (steady state).
Run: ``.venv/bin/python bench/report.py``.
"""

from __future__ import annotations

import argparse
import importlib
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import planwatch
from planwatch.assess.model import ItemAssessment, Observation, PlanAssessment
from planwatch.assess.status import STATUSES
from planwatch.outline.model import Chapter, Indicator, Plan, TargetValue, Task, YearValue
from planwatch.reports import write_report
from planwatch.reports.model import Assignment, KeyProject, ReportExtras, TaskProgress
from planwatch.reports.wording import RANK_UNITS

SAMPLE = Path(planwatch.__file__).parent / "data" / "sample" / "zibo-hitech-14th-fyp-outline.txt"
YEARS = (2021, 2022, 2023)
TARGET_SECONDS = 1.0
#: Measured with this script before Reports v2 (commit 79fb554, the v1 draft), same machine.
BEFORE = "before (v1 draft, commit 79fb554): mid-term .docx median 0.95 s wall over 3 runs"
DEPARTMENTS = ("经济发展局", "科技创新局", "财政金融局", "社会事业局", "生态环境分局", "应急管理局")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=5, help="warm runs to time (default 5)")
    args = parser.parse_args(argv)

    plan, source = sample_plan()
    observations = three_years(plan)
    started = time.perf_counter()
    assessment, how = assess(plan, observations)
    assessed = time.perf_counter() - started
    extras = extras_for(plan)
    print(
        f"plan: {source}; {len(plan.indicators)} indicators, {len(plan.targets)} prose targets, "
        f"{sum(1 for _ in plan.iter_tasks())} tasks; {len(observations)} observations "
        f"({YEARS[0]}–{YEARS[-1]})"
    )
    print(f"assessment: {how}, {assessed:.3f} s")

    with tempfile.TemporaryDirectory() as folder:
        out = Path(folder)
        timed = [
            _timed_both(
                lambda: write_report("midterm", plan, assessment, out / "m.docx", extra=extras)
            )
            for _ in range(args.repeat + 1)
        ]
        docx = [wall for wall, _ in timed]
        cpu = [used for _, used in timed]
        xlsx = [
            _timed(lambda: write_report("midterm", plan, assessment, out / "m.xlsx", extra=extras))
            for _ in range(args.repeat + 1)
        ]
        size = (out / "m.docx").stat().st_size
        for label, runs in (("docx", docx), ("xlsx", xlsx)):
            print(
                f"mid-term .{label}: first run {runs[0]:.2f} s, then median "
                f"{statistics.median(runs[1:]):.2f} s (max {max(runs[1:]):.2f} s) "
                f"over {args.repeat} runs"
            )
        print(
            f"mid-term .docx CPU time: median {statistics.median(cpu[1:]):.2f} s "
            f"(max {max(cpu[1:]):.2f} s)"
        )
        print(BEFORE)
        print(f"size of the .docx: {size / 1024:.0f} KiB")
        command = cli_seconds(out, observations)
        if command is not None:
            print(
                "`planwatch report midterm` in a fresh process "
                f"(read outline, assess, draft .docx): {command:.2f} s"
            )
    steady = statistics.median(docx[1:])
    print(
        f"target (mid-term .docx < {TARGET_SECONDS:.0f} s in-process, steady median): "
        f"{steady:.2f} s — {'met' if steady < TARGET_SECONDS else 'NOT met'}"
    )
    return 0


def sample_plan() -> tuple[Plan, str]:
    outline = importlib.import_module("planwatch.outline")
    if hasattr(outline, "load_plan"):
        return outline.load_plan(SAMPLE), f"bundled sample ({SAMPLE.name})"
    return (
        hand_built_plan(),
        "hand-built plan of the sample's size (no outline reader in this build)",
    )


def hand_built_plan() -> Plan:
    categories = ("经济发展", "创新驱动", "民生福祉", "绿色生态", "安全保障")
    indicators = []
    for n in range(1, 22):
        base = 10.0 + n
        indicators.append(
            Indicator(
                n,
                f"I{n}",
                f"示例指标{n}",
                "%",
                categories[(n - 1) * 5 // 21],
                YearValue(2020, base),
                TargetValue(2025, base * 1.2, ">=", None),
                None,
                None,
                "binding" if n > 14 else "anticipatory",
                "increase",
            )
        )
    chapters = [
        Chapter(
            f"第{c}章",
            f"示例章节{c}",
            "",
            tasks=[Task(f"M{c * 25 + t}", f"示例任务{c}-{t}。", "") for t in range(25)],
        )
        for c in range(1, 9)
    ]
    return Plan(
        "示例规划纲要", base_year=2020, target_year=2025, chapters=chapters, indicators=indicators
    )


def three_years(plan: Plan) -> list[Observation]:
    """Every indicator and prose target reported for three years, moving towards its target."""
    out = []
    items = [(i.code, i.baseline, i.target, i.unit) for i in plan.indicators]
    items += [
        (t.code, t.baseline, TargetValue(t.year, t.value, t.comparator, t.text), t.unit)
        for t in plan.targets
    ]
    for k, (code, baseline, target, unit) in enumerate(items):
        start = baseline.value if baseline and baseline.value is not None else None
        goal = target.value if target and target.value is not None else None
        start = start if start is not None else (goal * 0.8 if goal else 10.0)
        goal = goal if goal is not None else start * 1.1
        for y, year in enumerate(YEARS, start=1):
            pace = (0.6 + 0.15 * (k % 5)) * y / 5  # some ahead of time, some behind
            value = round(start + (goal - start) * pace, 2)
            if unit in RANK_UNITS:  # a rank is a whole place (the engine refuses 24.9名)
                value = max(float(round(value)), 1.0)
            out.append(Observation(code, year, value, unit, "统计局"))
    return out


def assess(plan: Plan, observations: list[Observation]) -> tuple[PlanAssessment, str]:
    engine = importlib.import_module("planwatch.assess")
    if hasattr(engine, "assess_plan"):
        return engine.assess_plan(plan, observations, YEARS[-1]), "assess_plan"
    by_item: dict[str, list[tuple[int, float]]] = {}
    for o in observations:
        by_item.setdefault(o.item, []).append((o.year, o.value))
    items = []
    for n, ind in enumerate(plan.indicators):
        s = STATUSES[n % len(STATUSES)]
        series = by_item.get(ind.code, [])
        items.append(
            ItemAssessment(
                ind.code,
                ind.number,
                ind.name,
                ind.unit,
                ind.category,
                "indicator",
                ind.attribute == "binding",
                s.code,
                s.label_zh,
                "示例说明。",
                "level",
                ind.direction,
                baseline_year=2020,
                baseline_value=ind.baseline.value if ind.baseline else None,
                target_year=2025,
                target_value=ind.target.value if ind.target else None,
                latest_year=series[-1][0] if series else None,
                latest_value=series[-1][1] if series else None,
                completion_share=0.5 + 0.05 * n,
                time_share=0.6,
                series=series,
                sources=["统计局"],
            )
        )
    return PlanAssessment(YEARS[-1], items, [], {}), "hand-built (no engine in this build)"


def extras_for(plan: Plan) -> ReportExtras:
    """Progress for every task, a dozen projects, every item and task assigned."""
    tasks = [
        TaskProgress(
            t.code,
            lead=DEPARTMENTS[n % 6],
            support=(DEPARTMENTS[(n + 1) % 6],),
            percent=(n * 7) % 101,
            status="按计划推进",
            narrative="示例进展说明",
        )
        for n, (_, t) in enumerate(plan.iter_tasks())
    ]
    chapters = [c.number for c in plan.chapters]
    projects = [
        KeyProject(
            f"示例重大项目{n}",
            investment=10.0 + n,
            planned_start="2021-03",
            planned_finish="2025-12",
            actual_start="2021-06",
            progress=50.0,
            chapter=chapters[n % len(chapters)] if chapters else None,
        )
        for n in range(12)
    ]
    codes = [i.code for i in plan.indicators] + [t.code for t in plan.targets]
    assignments = [Assignment(c, DEPARTMENTS[n % 6]) for n, c in enumerate(codes)]
    return ReportExtras(
        tasks=tasks,
        projects=projects,
        assignments=assignments,
        issuer="经济发展局",
        plan_id="bench",
        round="2023年度",
    )


def cli_seconds(folder: Path, observations: list[Observation]) -> float | None:
    """The whole command in a new interpreter, where the outline reader and engine exist."""
    try:
        outline, engine = (
            importlib.import_module(m) for m in ("planwatch.outline", "planwatch.assess")
        )
    except ImportError:
        return None
    if not (hasattr(outline, "load_plan") and hasattr(engine, "load_observations")):
        return None
    csv = folder / "observations.csv"
    csv.write_text(
        "indicator,year,value,source\n"
        + "".join(f"{o.item},{o.year},{o.value},{o.source}\n" for o in observations),
        encoding="utf-8",
    )
    command = [
        sys.executable,
        "-m",
        "planwatch",
        "report",
        "midterm",
        str(SAMPLE),
        "--observations",
        str(csv),
        "--year",
        str(YEARS[-1]),
        "--out",
        str(folder / "cli.docx"),
    ]
    started = time.perf_counter()
    subprocess.run(command, check=True, capture_output=True)
    return time.perf_counter() - started


def _timed(action) -> float:
    started = time.perf_counter()
    action()
    return time.perf_counter() - started


def _timed_both(action) -> tuple[float, float]:
    """Wall and CPU seconds of one call."""
    wall, cpu = time.perf_counter(), time.process_time()
    action()
    return time.perf_counter() - wall, time.process_time() - cpu


if __name__ == "__main__":
    sys.exit(main())
