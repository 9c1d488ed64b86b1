"""What the portfolio pages share: the page size of the lists and their query string."""

from fabrique.core.views_helpers import without_page

__all__ = ["PAGE_SIZE", "without_page"]

PAGE_SIZE = 50
