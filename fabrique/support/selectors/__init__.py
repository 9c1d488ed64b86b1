"""Reads of the support offer: constant numbers of queries whatever the data size.

`sessions`: the offer, its sessions and registrations; `modules`: the expert modules and
suppliers; `results`: what the offer reached; `knowledge`: the knowledge pages; `dashboards`: the
coach's page, the requests and « Mon espace ». Everything is importable from
`fabrique.support.selectors`.
"""

from .dashboards import (
    MY_PROJECTS_LIMIT,
    coach_view,
    espace_block,
    my_projects_support,
    requests_for,
)
from .knowledge import knowledge_search, page_missions, search_pages
from .modules import late_delivery, modules_board, modules_list, suppliers_list
from .results import project_history, reach, satisfaction_by_format
from .sessions import (
    PAGE_SIZE,
    PAST_SESSIONS_DAYS,
    format_sessions,
    my_registrations,
    offer,
    past_sessions,
    person_sessions,
    session_detail,
    upcoming_sessions,
    upcoming_then_past,
)

__all__ = [
    "MY_PROJECTS_LIMIT", "PAGE_SIZE", "PAST_SESSIONS_DAYS", "coach_view", "espace_block",
    "format_sessions", "knowledge_search", "late_delivery", "modules_board", "modules_list",
    "my_projects_support", "my_registrations", "offer", "page_missions", "past_sessions",
    "person_sessions", "project_history", "reach", "requests_for", "satisfaction_by_format",
    "search_pages", "session_detail", "suppliers_list", "upcoming_sessions", "upcoming_then_past",
]  # fmt: skip
