"""Recrutement."""
