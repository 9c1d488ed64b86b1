"""What a server process does once it has started (gunicorn's `post_worker_init` hook).

A Django process holds a few hundred thousand objects from its start-up (modules, classes,
URL patterns, templates) that live as long as the process. Python's cyclic garbage collector
walks all of them on every full collection, which then costs about 100 ms in the middle of a
request. Freezing them once the application is loaded leaves the collector only the objects
of the requests themselves.
"""

import gc


def settle_heap() -> None:
    """Collect what start-up left behind, then exclude the survivors from later collections."""
    gc.collect()
    gc.freeze()
