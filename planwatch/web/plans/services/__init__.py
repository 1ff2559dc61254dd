"""What the plan views and commands do, kept out of the views."""
