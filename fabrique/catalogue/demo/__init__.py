"""The demo catalogue loaded by `load_demo`: solutions of every origin and need, the real communes
that use them, funding schemes (open and closed), local operators and a suggestion to moderate.

Written for the demo (the schemes and the market offers are invented and say so); communes,
départements and operators are real. Everything goes through the services (they validate).
Idempotent and never destructive: a solution, scheme or operator whose slug exists is left as it
is (the team may have changed it); communes absent from the reference are skipped. Deadlines are
relative to `today`, so that the open schemes stay open.

The data is in `solutions`, `schemes` and `operators`; `load` writes it (`load_demo_catalogue`)
and says what it did (`demo_summary`). Everything is importable from `fabrique.catalogue.demo`.
"""

from .load import AGENT_EMAIL, Counts, demo_summary, load_demo_catalogue
from .operators import OPERATORS
from .schemes import SCHEME_SLUGS, SCHEMES, DemoScheme
from .solutions import SAINT_ETIENNE, SOLUTION_SLUGS, SOLUTIONS, URFE, DemoSolution

__all__ = [
    "AGENT_EMAIL", "OPERATORS", "SAINT_ETIENNE", "SCHEMES", "SCHEME_SLUGS", "SOLUTIONS",
    "SOLUTION_SLUGS", "URFE", "Counts", "DemoScheme", "DemoSolution", "demo_summary",
    "load_demo_catalogue",
]  # fmt: skip
