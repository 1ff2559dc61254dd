"""Dashboards: the plan's progress at a glance for signed-in users (issue 5)."""
