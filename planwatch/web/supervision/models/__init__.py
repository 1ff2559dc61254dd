"""Supervision models, re-exported."""

from planwatch.web.supervision.models.policy import Policy, PolicyReport
from planwatch.web.supervision.models.scorecard import ScoreAdjustment, ScorecardWeights

__all__ = ["Policy", "PolicyReport", "ScoreAdjustment", "ScorecardWeights"]
