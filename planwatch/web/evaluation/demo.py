"""Demo data: one third-party evaluation commissioned for the demo evaluator, a few verdicts.

Every text reads 示例数据; called once from planwatch.web.demo when the demo plan is made.
"""

from __future__ import annotations

from planwatch.web.accounts.models import User
from planwatch.web.evaluation.models import (
    Commission,
    CommissionEvaluator,
    CommissionState,
    ThirdPartyVerdict,
)
from planwatch.web.history.services import save_tracked
from planwatch.web.plans.choices import NodeLevel
from planwatch.web.plans.models import MeasurableItem, Node, Plan, Task

#: Synthetic grades, in turn: items by the engine's statuses, tasks by progress states.
ITEM_GRADES = ("on_track", "lagging", "ahead")
TASK_GRADES = ("in_progress", "delayed", "completed")


def load_demo_commission(plan: Plan, departments, *, year: int) -> Commission | None:
    """The demo evaluator's commission on the first chapter with tasks and three indicators."""
    coordinator = User.objects.filter(username="coordinator").first()
    evaluator = User.objects.filter(username="evaluator").first()
    task = Task.objects.filter(plan=plan).select_related("chapter").order_by("order").first()
    if coordinator is None or evaluator is None or task is None:
        return None
    chapter = Node.objects.get(pk=task.chapter_id, level=NodeLevel.CHAPTER)
    items = list(MeasurableItem.objects.filter(plan=plan, kind="indicator").order_by("order")[:3])
    commission = save_tracked(
        Commission(
            plan=plan,
            title=f"{year}年度规划实施第三方评估（示例数据）",
            agency="第三方评估机构（示例）",
            scope=" ".join([chapter.number, *(i.code for i in items)]),
            year=year,
            state=CommissionState.IN_PROGRESS,
            commissioned_by=coordinator,
        ),
        user=coordinator,
        reason="示例数据",
    )
    save_tracked(CommissionEvaluator(commission=commission, user=evaluator), reason="示例数据")
    for item, grade in zip(items, ITEM_GRADES, strict=False):
        save_tracked(
            ThirdPartyVerdict(
                commission=commission,
                item=item,
                grade=grade,
                comment=f"示例数据：经核对统计公报和部门台账，{item.name}的进展判断如上。",
                author=evaluator,
            ),
            user=evaluator,
            reason="示例数据",
        )
    tasks = Task.objects.filter(plan=plan, chapter=chapter).order_by("order")[:3]
    for task, grade in zip(tasks, TASK_GRADES, strict=False):
        save_tracked(
            ThirdPartyVerdict(
                commission=commission,
                task=task,
                grade=grade,
                comment="示例数据：实地走访和企业座谈后的独立判断。",
                author=evaluator,
            ),
            user=evaluator,
            reason="示例数据",
        )
    return commission
