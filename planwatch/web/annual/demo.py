"""Demo annual targets and one decomposed binding indicator, every figure labelled 示例数据.

Called once from ``planwatch.web.demo`` when the demo plan is first loaded: the proposal for
every year is made by the real proposal step; 2021–2023 are confirmed and approved, 2024 is
confirmed (awaiting approval) and 2025 stays proposed, so every state is on screen. The
forest coverage (森林覆盖率, binding) is split among three 街道/园区 weighted by land area — the
coverage of the whole is the area-weighted mean of its parts.
"""

from __future__ import annotations

from planwatch.web.accounts.models import User
from planwatch.web.annual import services
from planwatch.web.history.services import save_tracked
from planwatch.web.plans.models import Department, MeasurableItem, Plan
from planwatch.web.reporting.models import (
    AnnualTarget,
    HolderKind,
    ShareFigure,
    TargetShare,
    TargetState,
)

DEMO_NOTE = "示例数据（系统生成，非真实统计）"
APPROVED_YEARS = (2021, 2022, 2023)
CONFIRMED_YEARS = (2024,)
#: holder, land area (km², the weight), baseline, target, figures 2021–2023 (示例数据)
FOREST_SHARES = (
    ("示例街道甲", 40.0, 14.0, 14.5, (14.1, 14.2, 14.32)),
    ("示例街道乙", 35.0, 11.0, 11.6, (11.12, 11.25, 11.36)),
    ("示例园区丙", 25.0, 9.2, 9.76, (9.22, 9.25, 9.26)),
)
DECOMPOSED_NAME = "森林覆盖率"


def load_annual_demo(plan: Plan, departments: list[Department]) -> None:
    coordinator = User.objects.filter(username="coordinator").first()
    if coordinator is None:
        return
    services.propose_all(plan, coordinator, is_demo=True)
    user = coordinator
    for target in AnnualTarget.objects.filter(item__plan=plan).select_related("item"):
        if target.year in APPROVED_YEARS or target.year in CONFIRMED_YEARS:
            target.state, target.confirmed_by = TargetState.CONFIRMED, user
            save_tracked(target, user=user, reason="示例数据")
        if target.year in APPROVED_YEARS:
            target.state, target.approved_by = TargetState.APPROVED, user
            save_tracked(target, user=user, reason="示例数据")
    item = MeasurableItem.objects.filter(plan=plan, name__contains=DECOMPOSED_NAME).first()
    if item is None or not departments:
        return
    for n, (holder, area, baseline, target, figures) in enumerate(FOREST_SHARES):
        share = save_tracked(
            TargetShare(
                item=item,
                holder_kind=HolderKind.AREA,
                holder_name=holder,
                department=departments[n % len(departments)],
                baseline=baseline,
                target=target,
                weight=area,
                note=f"权重为土地面积（平方公里）；{DEMO_NOTE}",
                is_demo=True,
            ),
            user=user,
            reason="示例数据",
        )
        for year, value in zip(APPROVED_YEARS, figures, strict=True):
            save_tracked(
                ShareFigure(share=share, year=year, value=value, source=DEMO_NOTE, is_demo=True),
                user=user,
                reason="示例数据",
            )
