"""Models of the support app."""
