"""The extractors, one module per kind of fact. Import order = run order."""
