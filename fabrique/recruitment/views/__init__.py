"""Pages of recruitment: the public job board and the team's pipeline."""

from .board import OfferFeed, board, forget, offer, offer_feed, offer_json_list, offer_markdown
from .team import (
    application,
    application_cv,
    application_delete,
    applications,
    manage,
    offer_create,
    offer_delete,
    offer_edit,
    pipeline,
    review_delete,
    statistics,
    statistics_export,
)

__all__ = [
    "OfferFeed",
    "application",
    "application_cv",
    "application_delete",
    "applications",
    "board",
    "forget",
    "manage",
    "offer",
    "offer_create",
    "offer_delete",
    "offer_edit",
    "offer_feed",
    "offer_json_list",
    "offer_markdown",
    "pipeline",
    "review_delete",
    "statistics",
    "statistics_export",
]  # fmt: skip
