"""Serializers of the API, one module per family (plans, reporting, assessment)."""
