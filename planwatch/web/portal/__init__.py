"""The public portal: the published plan's progress, and the public's view of it (公众评价)."""
