"""Demonstration data of this app, loaded by `manage.py load_demo` (idempotent)."""


def load_demo() -> str:
    """Create (or bring up to date) the demonstration data; return a French summary line."""
    return ""
