"""How the assessment rule that judged an item is named for readers: the dashboard, the portal
and the open-data API (below both) read the same labels."""

from __future__ import annotations

from django.utils.translation import gettext_lazy

#: The assessment rule that judged an item, as a reader would name it (docs/methodology.md).
METHOD_LABELS = {
    "growth": gettext_lazy("年均增速目标"),
    "level": gettext_lazy("水平目标（按预期路径比较）"),
    "cumulative": gettext_lazy("累计变化目标"),
    "ceiling": gettext_lazy("上限目标（须持续不超过）"),
    "floor": gettext_lazy("下限目标（须持续不低于）"),
    "hold": gettext_lazy("保持基期水平"),
    "reduction": gettext_lazy("累计降低目标"),
    "trend": gettext_lazy("无量化目标，看变化趋势"),
    "needs_target": gettext_lazy("待明确目标，由人工判断"),
    "relative": gettext_lazy("文字目标：与本规划另一指标逐年比较"),
    "reference": gettext_lazy("文字目标：与外部参照值比较"),
    "range": gettext_lazy("文字目标：保持在合理区间内"),
    "year_set": gettext_lazy("文字目标：与各年度目标比较"),
}
PATH_LABELS = {
    "linear": gettext_lazy("线性路径"),
    "geometric": gettext_lazy("几何路径（复合增长）"),
}
