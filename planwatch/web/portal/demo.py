"""The portal's part of the demo: indicator metadata for the first table indicators, marked
示例数据 so nobody takes it for the statistical office's own wording, and published."""

from __future__ import annotations

from planwatch.web.history.services import save_tracked
from planwatch.web.plans.choices import ItemKind
from planwatch.web.plans.models import MeasurableItem, Plan
from planwatch.web.portal.models import ItemMetadata

#: How many table indicators get demo metadata.
DEMO_ITEMS = 3
DEMO_NOTE = "（示例数据，非统计部门发布的口径）"


def load_portal_demo(plan: Plan) -> None:
    items = MeasurableItem.objects.filter(plan=plan, kind=ItemKind.INDICATOR).order_by("order")
    for item in items[:DEMO_ITEMS]:
        if ItemMetadata.objects.filter(item=item).exists():
            continue
        unit = f"，单位为{item.unit}" if item.unit else ""
        save_tracked(
            ItemMetadata(
                item=item,
                definition=f"{item.name}{unit}。{DEMO_NOTE}",
                caliber=f"按{item.category or '规划'}指标的年度统计口径，年末数。{DEMO_NOTE}",
                source=f"区统计局年度统计数据{DEMO_NOTE}",
                is_published=True,
            ),
            reason="示例数据",
        )
