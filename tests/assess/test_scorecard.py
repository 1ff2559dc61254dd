"""The scorecard arithmetic of planwatch.assess.scorecard, on facts written by hand."""

from __future__ import annotations

import pytest

from planwatch.assess import scorecard as sc
from planwatch.errors import InputError


def _duties(on_time: int, late: int, missing: int, returned: int = 0) -> list[sc.Duty]:
    rows = [sc.Duty("item", f"a{n}", True, True, n < returned) for n in range(on_time)]
    rows += [sc.Duty("task", f"b{n}", False, True, False) for n in range(late)]
    rows += [sc.Duty("task", f"c{n}", False, False, False) for n in range(missing)]
    return rows


def test_weights_of_components_that_do_not_apply_are_left_out():
    # A: on time 3/4 = 75, returned 1 of 3 submitted → 66.67, items (100 + 60)/2 = 80;
    # tasks and policies do not apply → (20×75 + 10×66.667 + 35×80) / 65 = 4966.67 / 65
    facts = sc.DepartmentFacts(
        "A",
        duties=_duties(3, 0, 1, returned=1),
        item_grades=[("I1", "achieved"), ("I2", "lagging"), ("I3", "no_data")],
    )
    row = sc.score_departments(2023, [facts]).rows[0]
    assert row.computed == pytest.approx((20 * 75 + 10 * 200 / 3 + 35 * 80) / 65)
    assert [c.score is None for c in row.components] == [False] * 3 + [True] * 4


def test_ties_share_a_rank_and_adjustments_are_kept_within_0_and_100():
    same = {"duties": _duties(1, 0, 0)}
    facts = [
        sc.DepartmentFacts("乙", **same),
        sc.DepartmentFacts("甲", **same),
        sc.DepartmentFacts("丙", duties=_duties(0, 1, 1)),
        sc.DepartmentFacts("丁"),
    ]
    card = sc.score_departments(
        2023,
        facts,
        {"on_time": 1},
        [sc.Adjustment("乙", 5, "加分"), sc.Adjustment("丙", -3, "减分")],
    )
    ranked = [(r.department, r.rank, r.total) for r in card.rows]
    assert ranked == [("乙", 1, 100), ("甲", 1, 100), ("丙", 3, 0), ("丁", None, None)]


def test_bad_weights_are_refused_in_chinese():
    with pytest.raises(InputError, match="没有考核项“speed”"):
        sc.check_weights({"speed": 1})
    with pytest.raises(InputError, match="权重须为不小于0的数"):
        sc.check_weights({"items": -1})
    with pytest.raises(InputError, match="不能全部为0"):
        sc.check_weights({"items": 0})
    assert sc.check_weights({"items": 2})["on_time"] == 0
