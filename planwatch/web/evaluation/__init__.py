"""Evaluation reports from the web system: the annual and mid-term drafts and the workbook."""
