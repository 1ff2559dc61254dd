"""The paragraphs a report drafts from the figures: 总体评价, 存在的问题, 建议, 规划调整建议.

Every function reads a :class:`~planwatch.reports.content.ReportContent` and returns plain
strings, so the Word writer only lays them out and the tests read them as a person would. The
rules behind each count (what passes the 时间过半、任务过半 test, what is a problem, what calls
for an adjustment) are written in docs/reports.md.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from planwatch.assess.model import ItemAssessment
from planwatch.assess.status import OFF_COURSE, OUTLOOKS, severity, status
from planwatch.reports.content import ReportContent
from planwatch.reports.wording import (
    action_verb,
    chinese_count,
    gap_phrase,
    is_bound,
    is_rank,
    latest,
    manual_note,
    names,
    pace_phrase,
    percent,
    reported,
    status_counts,
    target_kind,
    target_phrase,
    year_span,
)

#: Grades that reach the time share whatever their figures say (the target is met or held).
MET = frozenset({"achieved", "bound_kept"})
#: Grades that say "at or ahead of the time share" for items judged without a completion share.
AT_PACE = frozenset({"ahead", "on_track"})
_EPSILON = 1e-9


# --- 一、总体评价 ----------------------------------------------------------------------------


def overall(c: ReportContent) -> list[str]:
    """The overview paragraphs: scope, grades (binding first), the 时间过半 test (mid-term),
    the outlook, and data coverage stated once."""
    paragraphs = [scope(c), grades(c)]
    if c.kind == "midterm":
        paragraphs.append(half_time_test(c.items))
    paragraphs.append(outlook_counts(c.items))
    paragraphs = [p for p in paragraphs if p]
    coverage = data_coverage(c.items)
    if coverage:
        paragraphs[-1] += coverage
    return paragraphs


def scope(c: ReportContent) -> str:
    first, last = c.period
    elapsed = c.years_elapsed or 0
    if c.kind == "midterm" and first and last and elapsed > 0:
        timing = (
            f"规划期为{first}—{last}年，截至{c.year}年已实施{chinese_count(elapsed)}年，"
            f"时间进度为{percent(c.time_share)}。"
        )
    elif elapsed > 0:
        timing = f"{c.year}年是规划实施的第{chinese_count(elapsed).replace('两', '二')}年。"
    else:
        timing = ""
    binding = [i for i in c.indicators if c.is_binding(i)]
    text = (
        f"规划设置主要指标{len(c.indicators)}项（约束性指标{len(binding)}项、预期性指标"
        f"{len(c.indicators) - len(binding)}项），正文提出量化目标{len(c.targets)}项"
    )
    if c.restated:
        text += f"（另有{len(c.restated)}项与主要指标表重复，按主要指标表计，不重复计数）"
    return timing + text + "。"


def grades(c: ReportContent) -> str:
    """Counts by grade: the binding indicators first, then every item."""
    items = c.items
    if not items:
        return "规划未列出可监测的主要指标和量化目标。"
    verb = "评估" if c.kind == "midterm" else "监测"
    binding = [i for i in items if c.is_binding(i)]
    text = f"{verb}结果显示，"
    if binding:
        text += f"{len(binding)}项约束性指标中，{status_counts(binding)}；"
    text += f"全部{len(items)}项指标和目标中，{status_counts(items)}。"
    return text


def passes_time_share(item: ItemAssessment) -> bool | None:
    """Whether the item's progress is at or beyond its own time share; None: not comparable."""
    if not status(item.status).judged:
        return None
    if item.status in MET:
        return True
    if item.completion_share is not None and item.time_share is not None:
        return item.completion_share + _EPSILON >= item.time_share
    return item.status in AT_PACE


def half_time_test(items: Sequence[ItemAssessment]) -> str:
    """The 时间过半、任务过半 test, from each item's own completion and time shares."""
    judged = [(i, passes_time_share(i)) for i in items]
    judged = [(i, ok) for i, ok in judged if ok is not None]
    if not judged:
        return "目前尚无可与时间进度对照的指标，暂无法检验“时间过半、任务过半”。"
    ok = [i for i, good in judged if good]
    behind = [i for i, good in judged if not good]
    met = [i for i in ok if i.status in MET]
    text = f"对照“时间过半、任务过半”要求，在可与时间进度对照的{len(judged)}项中，"
    text += f"{len(ok)}项完成进度达到或超过其时间进度"
    if met:
        text += f"（其中已完成或达到目标要求{len(met)}项）"
    if behind:
        text += f"，{len(behind)}项低于时间进度（{status_counts(behind)}）"
    if not behind:
        verdict = "主要指标总体实现“时间过半、任务过半”"
    elif len(ok) > len(behind):
        verdict = "多数指标实现“时间过半、任务过半”，但仍有部分指标进度落后"
    else:
        verdict = "总体尚未实现“时间过半、任务过半”"
    return f"{text}。{verdict}。"


def outlook_counts(items: Sequence[ItemAssessment]) -> str:
    """预计能如期完成 X 项、存在风险 X 项、预计难以完成 X 项; the rest cannot be told yet."""
    counts = {code: [i for i in items if i.outlook == code] for code in OUTLOOKS}
    told = sum(len(v) for v in counts.values())
    if not told:
        return ""
    parts = [f"预计能够如期完成{len(counts['likely'])}项"]
    if counts["at_risk"]:
        parts.append(f"存在不能如期完成风险{len(counts['at_risk'])}项")
    if counts["unlikely"]:
        parts.append(f"预计难以如期完成{len(counts['unlikely'])}项")
    rest = len(items) - told
    tail = f"，其余{rest}项暂无法预判" if rest else ""
    return f"按近年趋势测算，{'、'.join(parts)}{tail}。"


def data_coverage(items: Sequence[ItemAssessment]) -> str:
    missing = [i for i in items if latest(i)[1] is None]
    return f"{len(missing)}项指标暂无监测数据，未纳入上述判断。" if missing else ""


# --- 四、存在的问题 --------------------------------------------------------------------------


@dataclass(frozen=True)
class Problem:
    item: ItemAssessment
    text: str


def problem_items(c: ReportContent) -> list[ItemAssessment]:
    """Off-course grades, at-risk or unlikely outlooks and broken bounds: binding first, then
    worst first, an unlikely outlook before an at-risk one."""
    found = [i for i in c.items if i.status in OFF_COURSE or i.outlook in ("at_risk", "unlikely")]
    rank = {"unlikely": 0, "at_risk": 1}
    return sorted(
        found,
        key=lambda i: (
            not c.is_binding(i),
            severity(i.status),
            rank.get(i.outlook or "", 2),
            c.order(i),
        ),
    )


def problems(c: ReportContent) -> list[Problem]:
    return [Problem(i, problem_sentence(c, i)) for i in problem_items(c)]


def problem_sentence(c: ReportContent, item: ItemAssessment) -> str:
    """The figure, what is wrong with it, the gap and the pace the remaining years need."""
    year, value = latest(item)
    tag = "（约束性指标）" if c.is_binding(item) else ""
    head = f"{item.name}{tag}："
    if value is None:
        return head + "暂无监测数据，无法判断进度。"
    parts = [f"{year}年为{reported(value, item.unit)}"]
    code = item.status
    if item.completion_share is not None and item.time_share is not None:
        parts.append(
            f"完成进度{percent(item.completion_share)}，低于{percent(item.time_share)}的时间进度"
            if item.completion_share < item.time_share
            else f"完成进度{percent(item.completion_share)}，时间进度{percent(item.time_share)}"
        )
    if code == "regressing":
        bound = item.target_comparator in ("<=", "<", ">=", ">") or item.method == "hold"
        parts.append(
            f"未达到{target_kind(item)}（{target_phrase(item)}）的要求"
            if bound
            else "与目标方向相反"
        )
    elif code in ("lagging", "seriously_lagging", "worsening"):
        parts.append(status(code).label_zh)
    elif code == "bound_kept" or (code == "achieved" and is_bound(item)):
        parts.append(f"目前仍在{target_kind(item)}（{target_phrase(item)}）范围内")
    elif status(code).judged:
        parts.append(f"进度{status(code).label_zh}")
    gap = "" if is_bound(item) and not item.off_course else gap_phrase(item, value)
    if gap:
        parts.append(gap)
    pace = pace_phrase(item, c.period[1])
    if pace:
        parts.append(pace)
    if item.outlook in ("at_risk", "unlikely"):
        risk = OUTLOOKS[item.outlook].label_zh.replace("完成", "如期完成")
        parts.append(risk if item.off_course else f"但按近年趋势{risk}")
    return head + "，".join(parts) + "。" + manual_note(item)


def gaps_line(c: ReportContent) -> str:
    """Every gap in the data, in one paragraph: items without figures, targets without a
    number, task and project reports not yet in."""
    parts = []
    missing = [i for i in c.items if latest(i)[1] is None]
    if missing:
        parts.append(f"{names(missing)}暂无监测数据")
    unset = [i for i in c.items if i.status == "needs_target"]
    if unset:
        parts.append(f"{names(unset)}的目标值尚待上级下达或明确")
    if not c.extra.tasks:
        parts.append("重点任务推进情况尚未报送")
    if not c.extra.projects:
        parts.append("重大项目推进情况尚未报送")
    if not parts:
        return ""
    return "此外，" + "；".join(parts) + "，需在下一轮报送中补齐。"


# --- 五、下一步工作建议 ----------------------------------------------------------------------


def recommendations(c: ReportContent) -> list[tuple[str, str]]:
    """One (heading, paragraph) per problem item: the action, who leads it, the pace needed."""
    out = []
    for item in problem_items(c):
        out.append((action_heading(item), recommendation(c, item)))
    return out


def action_heading(item: ItemAssessment) -> str:
    """``加快提升基本养老保险参保率``, ``将城镇登记失业率控制在4.5%以内`` …"""
    verb = action_verb(item)
    name = item.name
    if verb == "控制":
        return f"将{name}控制在{target_phrase(item)}"
    if verb == "保持":
        return f"确保{name}稳定在{target_phrase(item)}"
    if verb == "加快":
        for suffix in ("增长速度", "增速"):
            if name.endswith(suffix):
                return f"推动{name.removesuffix(suffix)}加快增长"
        return f"加快提高{name}"
    if is_rank(item):
        return f"推动{name}前移"
    if verb == "降低":
        return f"加快降低{name}"
    if name.endswith("降低") or name.endswith("下降"):
        return f"确保完成{name}目标"
    return f"加快提升{name}"


def recommendation(c: ReportContent, item: ItemAssessment) -> str:
    who = c.extra.assignment(item.code)
    if who and who.lead:
        support = f"，{'、'.join(who.support)}配合" if who.support else ""
        lead = f"由{who.lead}牵头{support}"
    else:
        lead = "牵头单位待明确"
    pace = pace_phrase(item, c.period[1])
    growth = c.growth_text(item) if item.method == "growth" else None
    if growth:
        goal = f"确保实现{growth}的{target_kind(item)}"
    elif item.target_value is not None:
        goal = f"确保完成{item.target_year or ''}年{target_kind(item)}（{target_phrase(item)}）"
    else:
        goal = "尽快扭转不利趋势"
    parts = [lead, pace, goal]
    return "，".join(p for p in parts if p) + "。"


# --- 六、规划调整建议 ------------------------------------------------------------------------


def adjustments(c: ReportContent) -> list[str]:
    """Targets already exceeded, out of reach, still without a number, or without a source."""
    out = []
    exceeded = [
        i
        for i in c.items
        if i.status == "achieved"
        and i.target_value is not None
        and not is_bound(i)
        and latest(i)[1] is not None
        and _beyond(i, latest(i)[1])
    ]
    if exceeded:
        shown = "、".join(
            f"{i.name}（{latest(i)[0]}年{reported(latest(i)[1], i.unit)}，目标{target_phrase(i)}）"
            for i in exceeded
        )
        out.append(f"{shown}已提前完成规划目标，建议结合发展实际研究适当提高目标值。")
    unlikely = [i for i in c.items if i.outlook == "unlikely"]
    if unlikely:
        out.append(
            f"{names(unlikely, limit=len(unlikely))}按近年趋势预计难以如期完成，建议在加大推进"
            "力度的同时，研究论证目标值的合理性，必要时按程序调整。"
        )
    unset = [i for i in c.items if i.status == "needs_target"]
    if unset:
        out.append(
            f"{names(unset, limit=len(unset))}尚无具体目标值，建议尽快对接上级下达的分解任务"
            "或明确量化目标。"
        )
    sourceless = [i for i in c.items if latest(i)[1] is None and not i.series]
    if sourceless:
        out.append(
            f"{names(sourceless)}自规划实施以来一直没有监测数据，建议明确统计口径和数据来源，"
            "确无来源的研究调整或替换指标。"
        )
    return out


def _beyond(item: ItemAssessment, value: float) -> bool:
    """Past the target in the item's direction (a rank: a smaller number)."""
    lower = item.direction == "decrease" or is_rank(item)
    return value < item.target_value if lower else value > item.target_value


def years_of(item: ItemAssessment) -> str:
    return year_span([y for y, _ in item.series])


def pace_of(item: ItemAssessment) -> str:
    """The 完成进度 cell: the completion share, or the realised growth for a growth target."""
    if item.completion_share is not None:
        return percent(item.completion_share)
    return "——"
