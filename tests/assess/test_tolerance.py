"""The bands around the tolerance: completion share p against time share τ (2022: τ = 0.4).

With baseline 0 and target 100 on the linear path, the 2022 value is p in per cent.
Default tolerance 0.10 and serious tolerance 0.30: on track from p = 0.30, lagging from 0.10.
"""

from __future__ import annotations

import pytest

from planwatch.assess.model import AssessOptions

from .handmade import indicator, judge, refused

SHARE = indicator(1, "覆盖率", "%", baseline=0, target=100, comparator=">=", text="100")


@pytest.mark.parametrize(
    ("value", "status"),
    [
        (100, "achieved"),
        (99.99, "on_track"),
        (40, "on_track"),  # exactly on the path
        (30, "on_track"),  # p = τ − tolerance: still on track
        (29.99, "lagging"),
        (10, "lagging"),  # p = τ − serious tolerance: still lagging
        (9.99, "seriously_lagging"),
        (0, "seriously_lagging"),  # no progress is not regress
        (-0.01, "regressing"),
    ],
)
def test_bands_with_default_tolerance(value, status):
    assert judge(SHARE, {2022: value}).status == status


@pytest.mark.parametrize(
    ("tolerance", "serious", "value", "status"),
    [
        (0.05, 0.2, 35, "on_track"),
        (0.05, 0.2, 34.9, "lagging"),
        (0.05, 0.2, 20, "lagging"),
        (0.05, 0.2, 19.9, "seriously_lagging"),
        (0.0, 0.0, 40, "on_track"),
        (0.0, 0.0, 39.9, "seriously_lagging"),
    ],
)
def test_bands_follow_the_configured_tolerance(tolerance, serious, value, status):
    options = AssessOptions(tolerance=tolerance, serious_tolerance=serious)
    assert judge(SHARE, {2022: value}, options=options).status == status


def test_bands_at_other_years():
    # 2024: τ = 0.8 → on track from 70, lagging from 50
    assert judge(SHARE, {2024: 70}, 2024).status == "on_track"
    assert judge(SHARE, {2024: 69.9}, 2024).status == "lagging"
    assert judge(SHARE, {2024: 50}, 2024).status == "lagging"
    assert judge(SHARE, {2024: 49.9}, 2024).status == "seriously_lagging"


def test_inverted_tolerances_are_refused():
    with refused("tolerance"):
        judge(SHARE, {2022: 30}, options=AssessOptions(tolerance=0.4, serious_tolerance=0.3))
