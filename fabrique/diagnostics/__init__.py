"""Accompagnement sur-mesure."""
