"""What the reporting views and commands do, kept out of the views."""
