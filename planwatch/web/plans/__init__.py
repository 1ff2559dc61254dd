"""Plans as stored: the outline tree, measurable items, departments and assignments."""
