"""Data shipped with planwatch: the built-in sample plan."""
