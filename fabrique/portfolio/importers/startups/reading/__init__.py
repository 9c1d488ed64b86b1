"""Reading one startup file into a `StartupData`, with no database access.

Phases (including the older single `status:`), sponsors (or the older `owner:`), thematics
and committees, each read tolerantly; what looks wrong is written into the notes for review,
what cannot be read at all raises `StartupFileError`.

`startup`: the whole file; `phases` and `sponsors`: how those are read. Everything is
importable from `fabrique.portfolio.importers.startups.reading`.
"""

from .phases import OLD_STATUS_NAMES
from .startup import (
    COMMITTEE_EVENTS,
    HEADER_KEYS,
    STARTUP_KEYS,
    parse_startup,
    read_startup_file,
    startup_id,
)

__all__ = [
    "COMMITTEE_EVENTS", "HEADER_KEYS", "OLD_STATUS_NAMES", "STARTUP_KEYS", "parse_startup",
    "read_startup_file", "startup_id",
]  # fmt: skip
