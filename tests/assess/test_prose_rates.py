"""Prose commitments to a rate (年均增长7%, 降低18%) are judged like the table's rate rows.

Hand-computed: τ = 0.4 in 2022 for 2020–2025.
"""

from __future__ import annotations

from pytest import approx

from .handmade import judge, prose

GROWTH = prose("T1", "研发经费投入", 7, "%", kind="growth", comparator=">=")
REDUCTION = prose("T2", "单位国内生产总值二氧化碳排放", 18, "%", kind="reduction")


def test_a_growth_commitment_is_judged_on_the_realised_average_rate():
    # (1.06 × 1.08)^½ − 1 = 6.995 %, r = 6.995 / 7 = 0.999 → 基本符合预期
    result = judge(GROWTH, {2021: 6, 2022: 8})
    assert result.method == "growth"
    assert result.judged_value == approx(6.995, abs=0.001)
    assert result.status == "roughly_on_track"


def test_a_growth_commitment_met_every_year_is_ahead():
    # (1.08 × 1.09)^½ − 1 = 8.499 %, r = 1.214 ≥ 1.05 → 快于预期
    assert judge(GROWTH, {2021: 8, 2022: 9}).status == "ahead"


def test_a_reduction_commitment_is_compounded_from_yearly_reductions():
    # 1 − 0.96 × 0.96 = 7.84 % reduced; expected on the path 1 − 0.82^0.4 = 7.63 %; r = 1.03
    result = judge(REDUCTION, {2021: 4, 2022: 4})
    assert result.method == "reduction"
    assert result.judged_value == approx(7.84, abs=0.01)
    assert result.expected_value == approx(7.63, abs=0.01)
    assert result.status == "on_track"


def test_a_growth_too_large_to_carry_forward_has_no_projection_rather_than_a_crash():
    # 1e-199 → 1 is a growth of 10^199 %: carried to 2025 it overflows a float
    from .handmade import indicator

    firms = indicator(1, "企业数量", "家", growth=0.0)
    result = judge(firms, {2020: 1.4e-199, 2021: 1.0}, 2021)
    assert result.projection is None
    assert result.status in ("achieved", "ahead", "on_track")
