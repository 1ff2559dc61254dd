"""Reporting models, re-exported."""

from planwatch.web.reporting.models.annual_target import (
    AnnualTarget,
    HolderKind,
    ShareFigure,
    TargetShare,
    TargetState,
)
from planwatch.web.reporting.models.observation import Observation
from planwatch.web.reporting.models.progress import Evidence, TaskProgress
from planwatch.web.reporting.models.project import KeyProject
from planwatch.web.reporting.models.reference import ReferenceFigure, ReferenceKind
from planwatch.web.reporting.models.round import ReportingRound
from planwatch.web.reporting.models.verdict import ManualVerdict

__all__ = [
    "AnnualTarget",
    "Evidence",
    "HolderKind",
    "KeyProject",
    "ManualVerdict",
    "Observation",
    "ReferenceFigure",
    "ReferenceKind",
    "ReportingRound",
    "ShareFigure",
    "TargetShare",
    "TargetState",
    "TaskProgress",
]
