"""The demo carries annual targets in every state and one decomposed binding indicator."""

from __future__ import annotations

import pytest

from planwatch.web.annual import services
from planwatch.web.reporting.models import AnnualTarget, TargetShare, TargetState

pytestmark = pytest.mark.django_db


def test_the_demo_has_approved_targets_and_a_decomposed_forest_coverage():
    from planwatch.web.accounts.models import User
    from planwatch.web.demo import load_demo
    from planwatch.web.plans.models import Plan

    load_demo()
    plan = Plan.objects.get(is_demo=True)
    states = dict(
        AnnualTarget.objects.filter(item__plan=plan, year=2023).values_list("item__code", "state")
    )
    assert set(states.values()) == {TargetState.APPROVED}
    assert AnnualTarget.objects.filter(item__plan=plan, year=2025, state="proposed").exists()
    # 城镇化率 91.24 → 93: 91.24 + 0.6 × 1.76 = 92.296 → 92.3 in 2023
    urban = AnnualTarget.objects.get(item__plan=plan, item__code="I2", year=2023)
    assert urban.value == 92.3 and urban.is_demo
    shares = TargetShare.objects.filter(item__plan=plan)
    assert shares.count() == 3 and all("示例数据" in s.note for s in shares)
    item = shares.first().item
    assert item.attribute == "binding"
    rollup, _rows = services.shares_rollup(item, 2023, User.objects.get(username="coordinator"))
    # area-weighted: (40 × 14.0 + 35 × 11.0 + 25 × 9.2) / 100 = 11.75, the indicator's baseline
    assert rollup.baseline == pytest.approx(11.75)
    assert rollup.target == pytest.approx(12.30)
    # 2023: (40 × 14.32 + 35 × 11.36 + 25 × 9.26) / 100 = 12.019
    assert rollup.figures[2023] == pytest.approx(12.019)
    assert [s.holder for s in rollup.off_course] == ["示例园区丙"]
