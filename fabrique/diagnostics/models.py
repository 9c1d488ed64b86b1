"""Models of the diagnostics app."""
