"""Judging progress on a plan's indicators and targets — pure Python, no Django."""

from planwatch.assess.engine import assess_plan
from planwatch.assess.io import load_later_targets, load_observations

__all__ = ["assess_plan", "load_later_targets", "load_observations"]
