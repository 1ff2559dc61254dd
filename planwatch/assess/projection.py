"""Where the series is heading: a weighted trend line projected to the target year.

Linear for values that move by steps, log-linear for values that compound. With three or more
points the fit weighs recent years more (weights 1, 2, 3 … oldest to newest). With three or more
points the projection carries an 80 % prediction interval; with two it is the line through them.
"""

from __future__ import annotations

from collections.abc import Sequence
from math import exp, isfinite, log, sqrt

#: Student's t, upper 10 % point (two-sided 80 % interval), by residual degrees of freedom.
T_90: tuple[float, ...] = (
    3.078, 1.886, 1.638, 1.533, 1.476, 1.440, 1.415, 1.397, 1.383, 1.372,
    1.363, 1.356, 1.350, 1.345, 1.341, 1.337, 1.333, 1.330, 1.328, 1.325,
    1.323, 1.321, 1.319, 1.318, 1.316, 1.315, 1.314, 1.313, 1.311, 1.310,
)  # fmt: skip
T_90_LARGE = 1.282


def project(
    points: Sequence[tuple[int, float]], year: int, *, log_linear: bool
) -> tuple[float, float | None, float | None, str] | None:
    """Projected value at ``year`` with its interval and the method used, or None.

    ``points`` are (year, value) in chronological order. Log-linear needs positive values; where
    one is not, the line is fitted on the values themselves.
    """
    if len(points) < 2 or points[0][0] == points[-1][0]:
        return None
    if log_linear:
        for _, v in points:
            if v <= 0:
                log_linear = False
                break
    value, spread = _weighted_fit(points, year, log_linear)
    if not isfinite(value) or (spread is not None and not isfinite(spread)):
        return None  # figures beyond floating point: nothing sensible to project
    if not log_linear:
        if spread is None:
            return value, None, None, "linear"
        return value, value - spread, value + spread, "linear"
    try:
        if spread is None:
            return exp(value), None, None, "log-linear"
        return exp(value), exp(value - spread), exp(value + spread), "log-linear"
    except OverflowError:  # a series exploding beyond floating point: nothing to project
        return None


def _weighted_fit(
    points: Sequence[tuple[int, float]], year: int, logged: bool
) -> tuple[float, float | None]:
    """Weighted least squares y = a + b·t (y = ln v when ``logged``) in one pass.

    Returns the fitted y at ``year`` and half the 80 % prediction interval (None under three
    points). Years and values are taken relative to the first point to keep the sums well
    conditioned.
    """
    n = len(points)
    weighted = n >= 3
    t0, v0 = points[0]
    # float() throughout: the same arithmetic, and the compiled build keeps the sums as C doubles
    y0 = float(log(v0) if logged else v0)
    sw = st = sy = stt = sty = syy = 0.0
    w = 0.0
    for t, v in points:
        w = w + 1.0 if weighted else 1.0
        dt = float(t - t0)
        dy = float(log(v) if logged else v) - y0
        wdt, wdy = w * dt, w * dy  # the same products, in the same order, computed once
        sw += w
        st += wdt
        sy += wdy
        stt += wdt * dt
        sty += wdt * dy
        syy += wdy * dy
    mean_t, mean_y = st / sw, sy / sw
    sxx = stt - sw * mean_t * mean_t
    sxy = sty - sw * mean_t * mean_y
    slope = sxy / sxx
    at = year - t0 - mean_t
    value = y0 + mean_y + slope * at
    if not weighted:
        return value, None
    residual = max(0.0, syy - sw * mean_y * mean_y - slope * sxy)
    dof = n - 2
    # the new observation is weighted like the newest one (weight n)
    se = sqrt(residual / dof) * sqrt(1 / n + 1 / sw + at * at / sxx)
    t_value = T_90[dof - 1] if dof <= len(T_90) else T_90_LARGE
    return value, t_value * se
