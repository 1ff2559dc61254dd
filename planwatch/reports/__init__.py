"""Evaluation reports (.docx, .xlsx) drafted from an assessment."""
