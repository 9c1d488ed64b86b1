"""Programme d'investigation."""
