"""planwatch: make a five-year plan outline executable."""

from planwatch import speedups

__version__ = "0.1.0"

speedups.install()  # before any core module is imported: see planwatch/speedups.py
