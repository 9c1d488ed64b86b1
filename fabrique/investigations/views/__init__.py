"""Pages of the investigation programme."""
