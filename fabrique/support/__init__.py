"""Offre d'accompagnement."""
