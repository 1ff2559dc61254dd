"""The sentences a report drafts from an assessment, in the wording officials use.

Each function turns figures that the assessment already holds into Chinese prose; none of them
judges anything (the status comes from the engine). Numbers keep the precision they were
reported with; shares and gaps are rounded for reading.
"""

from __future__ import annotations

from collections.abc import Sequence

from planwatch.assess.model import ItemAssessment
from planwatch.assess.status import STATUSES, status

MISSING = "数据暂缺"
PLACEHOLDER = "【请填写：{}】"

_CEILINGS = ("<=", "<")
_CN_DIGITS = "〇一二三四五六七八九"


def number(value: float | None, decimals: int = 4) -> str:
    """``91.24`` → ``91.24``; ``500.0`` → ``500``; never scientific notation."""
    if value is None:
        return MISSING
    text = f"{value:.{decimals}f}".rstrip("0").rstrip(".")
    return "0" if text in ("-0", "") else text


def with_unit(value: float | None, unit: str | None, decimals: int = 4) -> str:
    if value is None:
        return MISSING
    return f"{number(value, decimals)}{unit or ''}"


def percent(share: float | None) -> str:
    """A share (0.6) as a reading percentage (60%)."""
    return MISSING if share is None else f"{number(share * 100, 1)}%"


def change(delta: float, unit: str | None) -> str:
    """How much a figure moved: 提高/下降 percentage points for % figures, 增加/减少 units else."""
    size = number(abs(delta), 2)
    if unit == "%":
        return f"{'提高' if delta > 0 else '下降'}{size}个百分点"
    return f"{'增加' if delta > 0 else '减少'}{size}{unit or ''}"


def chinese_ordinal(n: int) -> str:
    """1 → 一, 12 → 十二, 21 → 二十一 (headings run well under a hundred)."""
    if n < 10:
        return _CN_DIGITS[n]
    tens, ones = divmod(n, 10)
    return f"{_CN_DIGITS[tens] if tens > 1 else ''}十{_CN_DIGITS[ones] if ones else ''}"


def target_phrase(item: ItemAssessment, *, unit: bool = True) -> str:
    """The target as an official would cite it: 570亿元以上, 4.5%以内, 93%左右."""
    if item.target_value is None:
        return item.target_text or "——"
    figure = with_unit(item.target_value, item.unit if unit else None)
    suffix = {">=": "以上", ">": "以上", "<=": "以内", "<": "以内", "~": "左右"}
    return figure + suffix.get(item.target_comparator or "", "")


def target_kind(item: ItemAssessment) -> str:
    return "约束性目标" if item.binding else "预期目标"


def status_label(item: ItemAssessment) -> str:
    """The computed label, with a person's verdict beside it where one was recorded."""
    label = item.label or status(item.status).label_zh
    if item.manual is not None:
        return f"{label}（人工研判：{status(item.manual.status).label_zh}）"
    return label


def latest(item: ItemAssessment) -> tuple[int | None, float | None]:
    """The latest figure, from the assessment or else the last point of its series."""
    if item.latest_value is not None:
        return item.latest_year, item.latest_value
    if item.series:
        year, value = item.series[-1]
        return year, value
    return None, None


def item_sentence(item: ItemAssessment) -> str:
    """One sentence on one item: latest figure, movement and verdict, e.g.

    ``2022年全社会研发经费投入占地区生产总值比重达到5.6%，已超过2025年预期目标（5.5%）。``
    """
    year, value = latest(item)
    if value is None:
        return f"{item.name}暂无监测数据（{MISSING}），需尽快补报。"
    figure = with_unit(value, item.unit)
    rises = item.direction != "decrease"
    lead = f"{year}年{item.name}{'达到' if rises else '为'}{figure}"
    movement = _movement(item, value)
    target_year = f"{item.target_year}年" if item.target_year else "规划"
    cited = f"{target_year}{target_kind(item)}（{target_phrase(item)}）"
    code = item.status
    if code == "achieved":
        if item.target_comparator in _CEILINGS:
            verdict = f"控制在{cited}范围内，需继续保持"
        elif item.target_value is not None and value == item.target_value:
            verdict = f"已达到{cited}"
        else:
            verdict = f"已超过{cited}"
    elif code == "on_track":
        verdict = f"{_progress(item)}符合预期进度"
    elif code in ("lagging", "seriously_lagging"):
        severity = "严重滞后于" if code == "seriously_lagging" else "滞后于"
        verdict = f"{_progress(item)}{severity}预期进度{_distance(item, value)}"
    elif code == "regressing":
        verdict = f"与{cited}方向相反，呈逆向变化"
    elif code in ("improving", "stable", "worsening"):
        verdict = status(code).label_zh
    elif code == "needs_target":
        verdict = f"{target_year}目标为“{item.target_text or '待定'}”，具体目标值待明确后再作评估"
    else:
        verdict = status_label(item)
    parts = [lead, movement, verdict]
    sentence = "，".join(p for p in parts if p) + "。"
    return sentence + _manual_note(item)


def risk_sentence(item: ItemAssessment) -> str:
    """An off-course item in the risks section: its name, then the engine's full reasoning."""
    if not item.explanation:
        return item_sentence(item)
    kind = "（约束性指标）" if item.binding else ""
    return f"{item.name}{kind}：{item.explanation.rstrip('。')}。{_manual_note(item)}"


def _manual_note(item: ItemAssessment) -> str:
    if item.manual is None:
        return ""
    m = item.manual
    return f"经人工研判为“{status(m.status).label_zh}”，理由：{m.reason.rstrip('。')}。"


#: Rules whose figures are yearly rates (or not yet comparable): a change since the baseline
#: would compare unlike things, so the sentence leaves it out.
_RATE_RULES = ("growth", "reduction", "needs_target")


def _movement(item: ItemAssessment, value: float) -> str:
    """``较2020年提高1.16个百分点`` against the baseline, or else the first reported year."""
    if item.method in _RATE_RULES or item.status == "needs_target":
        return ""
    if item.baseline_value is not None and item.baseline_year is not None:
        since, before = item.baseline_year, item.baseline_value
    elif len(item.series) > 1 and item.series[0][0] != item.latest_year:
        since, before = item.series[0]
    else:
        return ""
    delta = value - before
    if delta == 0:
        return f"与{since}年持平"
    return f"较{since}年{change(delta, item.unit)}"


def _progress(item: ItemAssessment) -> str:
    if item.completion_share is None or item.time_share is None:
        return ""
    return f"完成目标进度的{percent(item.completion_share)}，时间进度{percent(item.time_share)}，"


def _distance(item: ItemAssessment, value: float) -> str:
    if item.target_value is None or item.method == "growth":
        return ""
    gap = abs(item.target_value - value)
    unit = "个百分点" if item.unit == "%" else item.unit or ""
    return f"，距{item.target_year or ''}年目标尚差{number(gap, 2)}{unit}"


def status_counts(items: Sequence[ItemAssessment]) -> str:
    """``提前完成2项、符合预期1项、数据暂缺1项`` in the vocabulary's order; empty for none."""
    counts = {s.code: 0 for s in STATUSES}
    for item in items:
        counts[item.status] = counts.get(item.status, 0) + 1
    return "、".join(f"{s.label_zh}{counts[s.code]}项" for s in STATUSES if counts[s.code])


def category_paragraph(category: str, items: Sequence[ItemAssessment]) -> str:
    """The narrative of one category: counts first, then one sentence per item."""
    opening = f"{category}领域共{len(items)}项指标，其中{status_counts(items)}。"
    return opening + item_sentences(items)


def item_sentences(items: Sequence[ItemAssessment]) -> str:
    """A sentence per item with a figure; the items without one named together at the end."""
    reported = [i for i in items if latest(i)[1] is not None]
    missing = [i for i in items if latest(i)[1] is None]
    text = "".join(item_sentence(i) for i in reported)
    if missing:
        text += f"{names(missing, limit=len(missing))}暂无监测数据（{MISSING}），需尽快补报。"
    return text


def names(items: Sequence[ItemAssessment], limit: int = 6) -> str:
    """``甲、乙、丙`` or ``甲、乙……等9项`` — a list that stays readable however long it gets."""
    shown = "、".join(i.name for i in items[:limit])
    return f"{shown}等{len(items)}项" if len(items) > limit else shown
