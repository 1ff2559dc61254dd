"""The REST API: other systems read plans and assessments; the statistics office pushes figures."""
