"""What a server process does once it has started (gunicorn's `post_worker_init` hook).

A Django process holds some hundred thousand objects from its start-up (modules, classes,
URL patterns, templates) that live as long as the process. Python's cyclic garbage collector
walks all of them on every full collection, which then costs about 100 ms in the middle of a
request. Freezing them once the application is loaded leaves the collector only the objects
of the requests themselves.

No collection before freezing, as the `gc.freeze` documentation advises: collecting would
leave holes among the long-lived objects that new objects then fill, scattered.
"""

import gc


def settle_heap() -> None:
    """Exclude every object alive now from later garbage collections."""
    gc.freeze()
