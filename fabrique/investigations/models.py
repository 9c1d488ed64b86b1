"""Models of the investigations app."""
