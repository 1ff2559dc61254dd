"""One reader per file format, each turning a document into lines and tables."""
