"""``planwatch assess PLAN --observations OBS --year YYYY``: judge a plan and print the verdicts."""

from __future__ import annotations

import argparse
import json
import os
import sys
import unicodedata
from dataclasses import replace

from planwatch.assess.engine import assess_plan
from planwatch.assess.explain import number
from planwatch.assess.io import load_later_targets, load_observations, load_word_records
from planwatch.assess.model import AssessOptions, ItemAssessment, PlanAssessment
from planwatch.assess.status import BY_CODE, OUTLOOKS, STATUSES
from planwatch.errors import for_terminal
from planwatch.outline import load_plan

#: Headings of the readable table: (zh-Hans, en).
HEADINGS: dict[str, tuple[str, str]] = {
    "title": (
        "{year}年规划实施进度评估（完成进度/时间进度：快于预期≥{ahead}，基本符合≥{roughly}，"
        "滞后≥{lagging}）",
        "Progress at {year} (completion over time share: ahead ≥ {ahead}, roughly on track "
        "≥ {roughly}, lagging ≥ {lagging})",
    ),
    "columns": (
        "代码|名称|最新值|目标|评价|预计能否完成",
        "Code|Name|Latest|Target|Status|Outlook",
    ),
    "indicators": ("主要指标", "Main indicators"),
    "targets": ("量化目标", "Quantified targets"),
    "summary": ("合计", "Total"),
    "warnings": ("预警（约束性指标在前）", "Warnings (binding first)"),
    "manual": ("人工判定：{label}（{reason}）", "manual verdict: {label} ({reason})"),
    "binding": ("约束性", "binding"),
    "colon": ("：", ": "),
}
NAME_WIDTH = 30


def register(subparsers) -> None:
    parser = subparsers.add_parser(
        "assess",
        help=for_terminal(
            "评估规划指标和目标的进展", "judge progress on a plan's indicators and targets"
        ),
        description=for_terminal(
            "按指定年份评估规划的每个指标和量化目标。方法见 docs/methodology.md，"
            "文件格式见 docs/assessment-format.md。",
            "Judge every indicator and quantified target of a plan at a given year. "
            "The methods are in docs/methodology.md, "
            "the file formats in docs/assessment-format.md.",
        ),
    )
    parser.add_argument(
        "plan",
        metavar="PLAN",
        help=for_terminal(
            "outline parse 能读取的纲要，或其 JSON", "an outline `outline parse` reads, or its JSON"
        ),
    )
    parser.add_argument(
        "--observations",
        required=True,
        metavar="OBS",
        help=for_terminal(
            "含 indicator,year,value[,unit,basis,source,note,confirmed] 列的 .csv 或 .xlsx",
            ".csv or .xlsx with indicator,year,value[,unit,basis,source,note,confirmed]",
        ),
    )
    parser.add_argument(
        "--year",
        type=int,
        required=True,
        help=for_terminal("评估年份，如 2022", "the year assessed, e.g. 2022"),
    )
    parser.add_argument(
        "--targets",
        metavar="TARGETS",
        help=for_terminal(
            "后来设定的目标：indicator,value[,comparator,year]",
            "targets set later: indicator,value[,comparator,year]",
        ),
    )
    parser.add_argument(
        "--records",
        metavar="RECORDS",
        help=for_terminal(
            "年度目标、外部参照值和合理区间：indicator,kind,year,value[,low,high,comparator,"
            "source]，kind 为 年度目标 / 参照值 / 合理区间",
            "annual targets, outside reference figures and ranges: indicator,kind,year,value"
            "[,low,high,comparator,source], kind one of annual / reference / range",
        ),
    )
    parser.add_argument(
        "--json",
        action="store_true",
        help=for_terminal("以 JSON 输出结果", "print the result as JSON"),
    )
    for flag, field, meaning in (
        ("--ahead-ratio", "ahead_ratio", ("快于预期", "ahead of schedule")),
        ("--roughly-ratio", "roughly_ratio", ("基本符合预期", "roughly on track")),
        ("--lagging-ratio", "lagging_ratio", ("滞后（非严重滞后）", "lagging (not seriously)")),
    ):
        default = getattr(AssessOptions, field)
        parser.add_argument(
            flag,
            type=_ratio,
            metavar="RATIO",
            default=default,
            help=for_terminal(
                f"完成进度与时间进度之比（p/τ）不低于此值为{meaning[0]}（默认 {default}）",
                f"completion share over time share (p/τ): {meaning[1]} at or above this "
                f"(default {default})",
            ),
        )
    parser.add_argument("--language", choices=("zh-hans", "en"), default="zh-hans")
    parser.set_defaults(handler=run)


def run(args: argparse.Namespace) -> int:
    plan = load_plan(args.plan)
    options = replace(
        AssessOptions(),
        ahead_ratio=args.ahead_ratio,
        roughly_ratio=args.roughly_ratio,
        lagging_ratio=args.lagging_ratio,
        language=args.language,
    )
    observations = load_observations(args.observations, plan)
    later = load_later_targets(args.targets, plan) if args.targets else ()
    records = load_word_records(args.records, plan) if args.records else None
    result = assess_plan(
        plan,
        observations,
        args.year,
        later_targets=later,
        annual_targets=records.annual_targets if records else (),
        reference_values=records.reference_values if records else (),
        range_bounds=records.range_bounds if records else (),
        options=options,
    )
    if args.json:
        return _emit(json.dumps(result.to_dict(), ensure_ascii=False, indent=2))
    colour = sys.stdout.isatty() and not os.environ.get("NO_COLOR")
    return _emit(render(result, language=args.language, colour=colour))


def _emit(text: str) -> int:
    print(text)
    return 0


def render(result: PlanAssessment, *, language: str = "zh-hans", colour: bool = False) -> str:
    """The readable table: one line per item and its explanation below, then the roll-up."""
    lang = 1 if language.startswith("en") else 0
    say = {key: pair[lang] for key, pair in HEADINGS.items()}
    o = result.options
    lines = [
        say["title"].format(
            year=result.year,
            ahead=number(o.ahead_ratio),
            roughly=number(o.roughly_ratio),
            lagging=number(o.lagging_ratio),
        )
    ]
    columns = say["columns"].split("|")
    for heading, group in (
        (say["indicators"], result.indicators),
        (say["targets"], result.targets),
    ):
        if not group:
            continue
        lines += ["", heading, _row(columns)]
        for item in group:
            status = _paint(item.label, item.status, colour)
            outlook = OUTLOOKS[item.outlook].label(language) if item.outlook else "—"
            cells = [item.code, _name(item), _latest(item), _target(item), status, outlook]
            lines.append(_row(cells))
            lines.append(f"      {item.explanation}")
            for check in item.word_checks:  # a target in words beside the number
                lines.append(f"      {check.label}{say['colon']}{check.explanation}")
            if item.manual is not None:
                manual = say["manual"].format(
                    label=BY_CODE[item.manual.status].label(language), reason=item.manual.reason
                )
                lines.append(f"      {manual}")
    counts = result.summary["by_status"]
    tally = [f"{s.label(language)} {counts[s.code]}" for s in STATUSES if counts[s.code]]
    lines += ["", f"{say['summary']} {result.summary['total']}: " + ", ".join(tally)]
    if result.summary["warnings"]:
        lines += ["", say["warnings"]]
        for warning in result.summary["warnings"]:
            binding = f" [{say['binding']}]" if warning["binding"] else ""
            label = _paint(warning["label"], warning["status"], colour)
            lines.append(f"  {warning['code']} {warning['name']}{binding} {label}")
    return "\n".join(lines)


def _ratio(raw: str) -> float:
    """0.9 → 0.9 (a ratio of completion share to time share)."""
    try:
        value = float(raw)
    except ValueError:
        raise argparse.ArgumentTypeError(
            f"“{raw}”不是比值，如 0.9（not a ratio such as 0.9）"
        ) from None
    if not 0 <= value < 100:
        raise argparse.ArgumentTypeError(f"“{raw}”应在 0 与 100 之间（must lie between 0 and 100）")
    return value


def _latest(item: ItemAssessment) -> str:
    if item.latest_value is None:
        return "—"
    return f"{_figure(item.latest_value, item.unit)} ({item.latest_year})"


def _target(item: ItemAssessment) -> str:
    value = item.target_value
    if item.method == "growth" and value is not None:
        return f"+{number(value)}%/a"
    if item.method == "reduction" and value is not None:
        return f"−{number(value)}%"
    if value is None and item.method == "cumulative":
        return item.target_text or "—"
    if value is None:
        return (item.target_text or "—")[:12]
    sign = {"<=": "≤", "<": "<", ">=": "≥", ">": ">", "~": "≈"}.get(
        item.target_comparator or "", ""
    )
    return f"{sign}{_figure(value, item.unit)}"


def _figure(value: float, unit: str | None) -> str:
    return f"{number(value)}{unit or ''}"


def _name(item: ItemAssessment) -> str:
    name = item.name
    while _width(name) > NAME_WIDTH:
        name = name[:-2] + "…"
    return name


def _row(cells: list[str]) -> str:
    widths = (5, NAME_WIDTH, 18, 14, 16, 0)
    return " ".join(_pad(c, w) for c, w in zip(cells, widths, strict=True)).rstrip()


def _pad(text: str, width: int) -> str:
    return text + " " * max(0, width - _width(text))


def _width(text: str) -> int:
    """Display columns: CJK characters take two (colour codes take none)."""
    if "\x1b" in text:
        text = text.split("m", 1)[1].split("\x1b", 1)[0]
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)


def _paint(text: str, status: str, colour: bool) -> str:
    if not colour:
        return text
    hex_colour = BY_CODE[status].colour.lstrip("#")
    r, g, b = (int(hex_colour[i : i + 2], 16) for i in (0, 2, 4))
    return f"\x1b[1;38;2;{r};{g};{b}m{text}\x1b[0m"
