from ..dashboard.progress_data import reported  # noqa: F401  (fixtures)
