"""Signals of the reference territories, for the modules that keep figures computed from them."""

from django.dispatch import Signal

# Sent inside the import's transaction when it created or changed territories (populations,
# EPCI membership): a receiver that fails cancels the whole import.
territories_changed = Signal()
