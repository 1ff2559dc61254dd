"""Plan models, one module per family, re-exported here."""

from planwatch.web.plans.models.assignment import Assignment
from planwatch.web.plans.models.department import Department
from planwatch.web.plans.models.item import MeasurableItem
from planwatch.web.plans.models.plan import Node, Plan, Task
from planwatch.web.plans.models.upload import OutlineUpload

__all__ = ["Assignment", "Department", "MeasurableItem", "Node", "OutlineUpload", "Plan", "Task"]
