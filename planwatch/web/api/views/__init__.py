"""API views, one module per family."""
