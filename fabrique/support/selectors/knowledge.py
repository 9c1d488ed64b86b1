"""Reads of the knowledge pages: search and the missions a page links to."""

from django.db.models import QuerySet

from fabrique.diagnostics.access import visible_missions

from .. import access, rules
from ..filters import KnowledgeFilter
from .sessions import PAGE_SIZE


def knowledge_search(user, params=None, *, limit: int = PAGE_SIZE):
    """(filterset, pages): the knowledge pages a user may read, filtered by `KnowledgeFilter`
    (accent-insensitive search, theme)."""
    filterset = KnowledgeFilter(params or None, queryset=access.visible_pages(user))
    pages = filterset.qs  # an unknown theme is left out of the filtering, not an error
    return filterset, pages.only("slug", "title", "theme", "is_public", "updated_at")[:limit]


def search_pages(user, query: str = "", *, theme: str = "", limit: int = PAGE_SIZE) -> QuerySet:
    """Accent-insensitive search: each word typed starts a word of the title, body or theme."""
    return knowledge_search(user, {"q": query, "theme": theme}, limit=limit)[1]


def page_missions(user, page) -> list:
    """The sur-mesure missions a knowledge page links to that `user` may open, for links."""
    numbers, _ = rules.linked_missions(page.missions)
    if not numbers:
        return []
    return list(visible_missions(user).filter(pk__in=numbers).select_related("commune", "epci"))
