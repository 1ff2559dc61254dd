"""Reading a published plan outline into a structured :class:`~planwatch.outline.model.Plan`."""
