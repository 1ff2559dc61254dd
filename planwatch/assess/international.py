"""The second opinion: the Open SDG / UN Statistics Division progress measure.

Compound annual growth observed since the start, compared with the growth needed to reach the
target on time: R = CAGR_obs / CAGR_req. Without a target the direction-adjusted observed growth
is compared with fixed thresholds. Thresholds come from :class:`AssessOptions`.
"""

from __future__ import annotations

from math import isfinite

from planwatch.assess.model import AssessOptions, International
from planwatch.assess.status import (
    DETERIORATION,
    LIMITED,
    MODERATE,
    SUBSTANTIAL,
    TARGET_MET,
    InternationalCategory,
)


def cagr(start: float, end: float, years: float) -> float | None:
    """Compound annual growth from ``start`` to ``end``; undefined unless both are positive."""
    if start <= 0 or end <= 0 or years <= 0:
        return None
    growth = (end / start) ** (1 / years) - 1
    return growth if isfinite(growth) else None


def second_opinion(
    observed: float | None,
    required: float | None,
    *,
    met: bool,
    direction: str,
    options: AssessOptions,
) -> International:
    """Categorise observed growth against required growth (or against fixed thresholds)."""
    sign = -1.0 if direction == "decrease" else 1.0
    ratio = None
    if observed is not None and required is not None and sign * required > 1e-12:
        ratio = observed / required
    if met:
        category: InternationalCategory | None = TARGET_MET
    elif observed is None:
        category = None
    elif ratio is not None:
        category = _banded(ratio, options.substantial_threshold, options.limited_threshold)
    else:  # no target, or a target the start already lay beyond
        category = _banded(sign * observed, options.trend_substantial, options.trend_limited)
    return International(  # positional (category, label, ratio, observed, required): cheaper
        category.code if category else None,
        _label(category, options.language),
        ratio,
        observed,
        required,
    )


def _banded(value: float, substantial: float, moderate: float) -> InternationalCategory:
    if value >= substantial:
        return SUBSTANTIAL
    if value >= moderate:
        return MODERATE
    if value >= 0:
        return LIMITED
    return DETERIORATION


def _label(category: InternationalCategory | None, language: str) -> str | None:
    if category is None:
        return None
    if language == "zh-hans" or not language.lower().startswith("en"):
        return category.label_zh
    return category.label_en
