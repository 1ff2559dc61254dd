"""The 分解指标 sheet of the reporting template: the target shares the downloader reports.

Downloaded with each share's baseline, target, weight, the figures of earlier years and the
round's year figure (each row carrying the version of that figure, hidden); uploaded back with
the rest of the template: every row checked first, all saved in the upload's one transaction or
none. A row whose figure changed since the download is a conflict naming the row, never saved
over the newer figure; a share of another department is refused, as on the share's page.
"""

from __future__ import annotations

from django.utils.translation import gettext as _

from planwatch.web.core.roles import MANAGE
from planwatch.web.core.rules import allowed, role_of
from planwatch.web.history.services import save_tracked
from planwatch.web.reporting.models import ReportingRound, ShareFigure, TargetShare
from planwatch.web.reporting.services.cells import (
    Col,
    SheetSpec,
    nothing,
    number_of,
    read_cells,
    read_for_round,
    saving,
    text_of,
    version_of,
    write_sheet,
)
from planwatch.web.reporting.services.excel import Problem, add_sheets

SHEET = "分解指标"
SHARES = SheetSpec(
    "planwatch:share-sheet",
    SHEET,
    (
        Col("code", "指标编码", 10),
        Col("name", "指标名称", 28),
        Col("holder", "分解对象", 16),
        Col("department", "填报部门", 16),
        Col("baseline", "基期值", 10),
        Col("target", "目标值", 10),
        Col("weight", "权重", 8),
        Col("earlier", "往年数据", 24),
        Col("year", "年份", 8),
        Col("value", "本年数值", 12, editable=True),
        Col("source", "数据来源", 24, editable=True),
        Col("id", "分解编号", 8, hidden=True),
        Col("record_version", "记录版本", 8, hidden=True),
    ),
)


def register_sheet() -> None:
    add_sheets("shares", write, check)


def _shares_for(user, round: ReportingRound):
    return (
        TargetShare.objects.restrict(user, "report")
        .filter(item__plan_id=round.plan_id, item__deleted_at__isnull=True)
        .select_related("item", "department")
        .prefetch_related("figures")
        .order_by("item__order", "item__code", "holder_name", "pk")
    )


def write(wb, user, round: ReportingRound) -> None:
    """Append the sheet when the user reports any share of the round's plan."""
    shares = list(_shares_for(user, round))
    if not shares:
        return
    rows = []
    for share in shares:
        figures = {f.year: f for f in share.figures.all() if f.deleted_at is None}
        current = figures.get(round.year)
        earlier = "；".join(
            f"{y}年 {figures[y].value:g}" for y in sorted(figures) if y != round.year
        )
        rows.append(
            {
                "code": share.item.code,
                "name": share.item.name,
                "holder": share.holder_name,
                "department": share.department.name,
                "baseline": share.baseline,
                "target": share.target,
                "weight": share.weight,
                "earlier": earlier or None,
                "year": round.year,
                "value": current.value if current else None,
                "source": (current.source or None) if current else None,
                "id": share.pk,
                "record_version": current.version if current else 0,
            }
        )
    meta = [1, str(round.plan_id), round.name]
    write_sheet(wb, SHARES, meta, f"分解指标填报表　报送轮次：{round.name}", rows)


def check(user, round: ReportingRound, data: bytes, name: str | None):
    """Read and check the sheet; ``(problems, apply)`` as :func:`excel.add_sheets` wants."""
    problems: list[Problem] = []
    found = read_for_round(data, name, round, [SHARES], problems)
    if found is None:
        return problems, nothing
    [rows] = found
    pending = list(_check_rows(user, round, rows, problems))

    return problems, saving(pending, ("created", "updated"))


def _check_rows(user, round: ReportingRound, rows, problems: list[Problem]):
    known = {
        s.pk: s
        for s in TargetShare.objects.filter(
            item__plan_id=round.plan_id, item__deleted_at__isnull=True
        ).select_related("item")
    }
    stored = {f.share_id: f for f in ShareFigure.objects.filter(share__in=known, year=round.year)}
    readers = {
        "id": version_of,
        "record_version": version_of,
        "value": number_of,
        "source": lambda v: text_of(v, 300),
    }
    for row in rows:

        def problem(column: str, reason: str, conflict: bool = False, row=row) -> None:
            problems.append(Problem(row.sheet, row.row, SHARES.letter(column), reason, conflict))

        values = read_cells(row, SHARES, readers, problems)
        if values is None:
            continue
        share = known.get(values["id"])
        if share is None:
            problem("holder", _("本规划中没有这个分解对象（隐藏的分解编号被改动或已删除）。"))
            continue
        current = stored.get(share.pk)
        if values["value"] is None:
            if current is not None:
                problem(
                    "value",
                    _("“%(holder)s”%(year)s年已有数据 %(value)g，不能在模板中清空。")
                    % {"holder": share.holder_name, "year": round.year, "value": current.value},
                )
            elif values["source"]:
                problem("value", _("请填写本年数值，或清空“数据来源”。"))
            continue
        if current and (current.value, current.source) == (values["value"], values["source"]):
            continue
        if (current.version if current else 0) != (values["record_version"] or 0):
            problem(
                "value",
                _("“%(holder)s”：下载模板后这条数据已被修改，请重新下载模板，核对后再上传。")
                % {"holder": share.holder_name},
                conflict=True,
            )
            continue
        if not allowed(user, "report", share):
            problem(
                "value",
                _("“%(holder)s”由%(department)s填报，不是您的部门。")
                % {"holder": share.holder_name, "department": share.department},
            )
            continue
        if not (round.is_open or role_of(user) in MANAGE):
            problem("value", _("本轮次未开放填报。"))
            continue

        def save(share=share, current=current, values=values) -> bool:
            """Save the figure; True when it is the year's first."""
            figure = current or ShareFigure(share=share, year=round.year)
            figure.value, figure.source = values["value"], values["source"]
            figure.entered_by = user if user and user.is_authenticated else None
            save_tracked(
                figure,
                user=user,
                reason=_("Excel 导入"),
                expected_version=current.version if current else None,
            )
            return current is None

        yield row.sheet, row.row, SHARES.letter("value"), save
