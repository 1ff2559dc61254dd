"""Shared building blocks: tracked records, restricted querysets, template tags."""
