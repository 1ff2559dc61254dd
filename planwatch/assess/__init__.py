"""Judging progress on a plan's indicators and targets — pure Python, no Django."""
