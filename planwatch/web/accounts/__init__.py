"""Users, their roles and departments, evaluation notes, login throttling."""
