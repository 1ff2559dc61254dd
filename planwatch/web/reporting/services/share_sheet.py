"""The 分解指标 sheet of the reporting template: the target shares the downloader reports.

It lists each share with its baseline, target, weight and the figures reported so far, and
the round's year to fill in. The upload reads template sheets only (row 1 carries the marker),
so this sheet is not read back: a share's figure is entered on the share's page or through
``/api/target-shares/{id}/figures/`` (docs/api.md), where the department check applies.
"""

from __future__ import annotations

from planwatch.reports.cells import put
from planwatch.web.reporting.models import ReportingRound, TargetShare

SHEET = "分解指标"
HEADERS = ("指标编码", "指标名称", "分解对象", "基期值", "目标值", "权重", "已报数据", "本轮年份")


def add_share_sheet(wb, user, round: ReportingRound) -> None:
    """Append the sheet when the user reports any share of the round's plan."""
    from openpyxl.styles import Font  # lazily: openpyxl costs start-up time

    shares = list(
        TargetShare.objects.restrict(user, "report")
        .filter(item__plan_id=round.plan_id, item__deleted_at__isnull=True)
        .select_related("item")
        .prefetch_related("figures")
    )
    if not shares:
        return
    ws = wb.create_sheet(SHEET)
    put(ws, 1, 1, f"分解指标（{round.name}）：请在系统“目标分解”页面或通过接口填报").font = Font(
        bold=True
    )
    for col, header in enumerate(HEADERS, start=1):
        put(ws, 2, col, header).font = Font(bold=True)
    for r, share in enumerate(shares, start=3):
        figures = sorted((f.year, f.value) for f in share.figures.all() if f.deleted_at is None)
        reported = "；".join(f"{y}年 {v:g}" for y, v in figures)
        values = (
            share.item.code, share.item.name, share.holder_name, share.baseline,
            share.target, share.weight, reported or None, round.year,
        )  # fmt: skip
        for col, value in enumerate(values, start=1):
            put(ws, r, col, value)
