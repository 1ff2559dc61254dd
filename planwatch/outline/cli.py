"""``planwatch outline parse PATH [--json]``: read an outline and show what was found."""

from __future__ import annotations

import json
import sys
import unicodedata

from planwatch.errors import for_terminal
from planwatch.outline.model import Indicator, Plan

ATTRIBUTE_LABELS = {"anticipatory": "预期性", "binding": "约束性"}
DIRECTION_LABELS = {"increase": "↑", "decrease": "↓"}


def register(subparsers) -> None:
    outline = subparsers.add_parser(
        "outline", help=for_terminal("读取规划纲要", "read a plan outline (规划纲要)")
    )
    commands = outline.add_subparsers(dest="outline_command", metavar="ACTION")
    parse = commands.add_parser(
        "parse",
        help=for_terminal(
            "读取纲要（.txt/.md/.docx/.html/.pdf，扫描件或图片经文字识别）并输出其结构",
            "read an outline (.txt/.md/.docx/.html/.pdf, or a scan or image by OCR) and print "
            "its structure",
        ),
        description=for_terminal(
            "读取规划纲要，输出摘要，或以 JSON 输出整个规划。",
            "Read a plan outline and print a summary, or the whole plan as JSON.",
        ),
    )
    parse.add_argument("path", metavar="PATH", help=for_terminal("纲要文件", "the outline file"))
    parse.add_argument(
        "--json",
        action="store_true",
        help=for_terminal("以 JSON 输出规划", "print the plan as JSON"),
    )
    parse.set_defaults(handler=run_parse)
    outline.set_defaults(handler=lambda args: _usage(outline))


def run_parse(args) -> int:
    from planwatch.errors import terminal_language
    from planwatch.outline import parse_outline
    from planwatch.outline.ocr import ocr_settings

    language = terminal_language()
    bar = ProgressBar(language)
    with ocr_settings(progress=bar if bar.stream.isatty() else None):
        plan = parse_outline(args.path)
    for warning in plan.warnings:  # the reading report, apart from the plan itself
        prefix = "warning" if language == "en" else "提示"
        sys.stderr.write(f"planwatch: {prefix}: {warning.render(language)}\n")
    if args.json:
        json.dump(plan.to_dict(), sys.stdout, ensure_ascii=False, indent=2)
        sys.stdout.write("\n")
    else:
        sys.stdout.write(summary(plan))
    return 0


class ProgressBar:
    """OCR progress on stderr: ``文字识别 [########------------] 12/38``, redrawn in place;
    drawn only where stderr is a terminal, so logs and pipes get the one-line messages alone."""

    WIDTH = 24

    def __init__(self, language: str, stream=None) -> None:
        self.label = "OCR" if language == "en" else "文字识别"
        self.stream = stream or sys.stderr

    def __call__(self, done: int, total: int) -> None:
        filled = self.WIDTH * done // max(total, 1)
        bar = "#" * filled + "-" * (self.WIDTH - filled)
        self.stream.write(f"\rplanwatch: {self.label} [{bar}] {done}/{total}")
        if done >= total:
            self.stream.write("\n")
        self.stream.flush()


def _usage(parser) -> int:
    parser.print_help(sys.stderr)
    return 2


def summary(plan: Plan) -> str:
    """A person's view: identity, the tree with counts, the indicator table, the prose targets."""
    lines = [plan.title]
    facts = [
        ("文号", plan.document_number),
        ("发文机关", plan.issuer),
        ("成文日期", plan.issued_on),
        ("发布日期", plan.published_on),
        ("规划期", f"{plan.base_year}–{plan.target_year}" if plan.base_year else None),
    ]
    lines += [f"  {label}: {value}" for label, value in facts if value]
    tasks = list(plan.iter_tasks())
    sections = sum(len(c.sections) for c in plan.chapters)
    subsections = sum(len(s.subsections) for c in plan.chapters for s in c.sections) + sum(
        len(c.subsections) for c in plan.chapters
    )
    lines += [
        "",
        f"结构: {len(plan.chapters)} 章, {sections} 节, {subsections} 目, {len(tasks)} 项任务, "
        f"{len(plan.indicators)} 项指标, {len(plan.targets)} 项文中目标",
    ]
    part = None
    for chapter in plan.chapters:
        if chapter.part and chapter.part != part:
            part = chapter.part
            lines.append(part)
        lines.append(f"{chapter.number} {chapter.title}  [{_count_tasks(chapter)} 项任务]")
        for sub in chapter.subsections:
            lines.append(f"    {sub.number}{sub.title}")
        for section in chapter.sections:
            lines.append(
                f"  {section.number} {section.title}  [{len(section.subsections)} 目, "
                f"{_count_tasks(section)} 项任务]"
            )
            for sub in section.subsections:
                lines.append(f"    {sub.number}{sub.title}  [{_count_tasks(sub)} 项任务]")
            for item in section.items:
                lines.append(f"    {item.number}{item.title}")
    if plan.indicators:
        lines += ["", "主要指标", *indicator_table(plan.indicators)]
        lines += [f"  {i.code} 注: {note}" for i in plan.indicators for note in i.notes]
        lines += [f"  表注: {note}" for note in plan.indicator_notes]
    if plan.targets:
        lines += ["", "文中量化目标"]
        for t in plan.targets:
            value = "" if t.value is None else f"{t.comparator or ''}{t.value:g}{t.unit or ''}"
            year = f" ({t.year})" if t.year else ""
            base = f"  基数 {t.baseline.value:g} ({t.baseline.year})" if t.baseline else ""
            again = "".join(f"  又见 {''.join(place)}" for place in t.also_at)
            lines.append(f"  {t.code} [{t.kind}] {t.subject} {value}{year}{base}{again}")
    return "\n".join(lines) + "\n"


def indicator_table(indicators: list[Indicator]) -> list[str]:
    header = ("编号", "指标", "单位", "类别", "基期值", "目标值", "年均增速", "累计", "属性")
    header += ("方向",)
    rows = [header]
    for i in indicators:
        rows.append(
            (
                i.code,
                i.name,
                i.unit or "",
                i.category or "",
                _shown(i.baseline.value if i.baseline else None),
                (i.target.text or "") if i.target else "",
                i.annual_growth.text if i.annual_growth else "",
                i.cumulative_change.text if i.cumulative_change else "",
                ATTRIBUTE_LABELS.get(i.attribute or "", ""),
                DIRECTION_LABELS.get(i.direction or "", ""),
            )
        )
    widths = [max(_width(r[k]) for r in rows) for k in range(len(header))]
    return ["  " + "  ".join(_pad(c, widths[k]) for k, c in enumerate(r)).rstrip() for r in rows]


def _count_tasks(node) -> int:
    total = len(node.tasks)
    for child in [*getattr(node, "sections", []), *getattr(node, "subsections", [])]:
        total += _count_tasks(child)
    for item in getattr(node, "items", []):
        total += _count_tasks(item)
    return total


def _shown(value) -> str:
    return "" if value is None else f"{value:g}"


def _width(text: str) -> int:
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)


def _pad(text: str, width: int) -> str:
    return text + " " * (width - _width(text))
