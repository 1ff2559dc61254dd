"""The Django web system around the pure core."""
