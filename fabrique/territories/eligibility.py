"""The eligibility thresholds in force, for every page that says « éligible ».

The rule is the territories' (a commune or an EPCI under a population threshold, see
`rules.Thresholds`), but the team dates and changes the thresholds in the accompagnement
sur-mesure (`diagnostics.EligibilityRule`), which depends on the territories and not the other
way round. So the diagnostics app registers the reader of the thresholds in force here
(`provide`, from its `AppConfig.ready()`); without it the programme's first thresholds apply.

Read on every territory page and list row, the value is kept `TTL_SECONDS` per process: a change
of thresholds shows at once in the process that saved it (`forget`, called on save) and within
a minute in the others.
"""

import threading
import time
from collections.abc import Callable

from .rules import DEFAULT_THRESHOLDS, Thresholds

TTL_SECONDS = 60

_lock = threading.Lock()
_state: dict = {"provider": None, "value": None, "read_at": 0.0}


def provide(provider: Callable[[], Thresholds]) -> None:
    """Register the function that reads the thresholds in force (one query)."""
    with _lock:
        _state["provider"] = provider
        _state["value"] = None


def forget() -> None:
    """Drop the kept value: the next read asks the provider again."""
    with _lock:
        _state["value"] = None


def assume(value: Thresholds) -> None:
    """Keep `value` as if just read (a test that starts from the programme's first thresholds)."""
    with _lock:
        _state["value"], _state["read_at"] = value, time.monotonic()


def thresholds() -> Thresholds:
    """The thresholds in force now."""
    now = time.monotonic()
    value = _state["value"]
    if value is not None and now - _state["read_at"] < TTL_SECONDS:
        return value
    provider = _state["provider"]
    value = provider() if provider is not None else DEFAULT_THRESHOLDS
    with _lock:
        _state["value"], _state["read_at"] = value, now
    return value
