from .progress_data import draft_plan, reported  # noqa: F401  (fixtures)
