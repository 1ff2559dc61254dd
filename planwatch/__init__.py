"""planwatch: make a five-year plan outline executable."""

__version__ = "0.1.0"
