"""The yearly cycle: rounds, observations, task progress, key projects, verdicts."""
