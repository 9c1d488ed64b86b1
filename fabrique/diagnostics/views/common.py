"""What the pages of the accompagnement sur-mesure share: their breadcrumb."""

from django.urls import reverse

from fabrique.core.views_helpers import breadcrumb


def crumbs(*links, current: str) -> dict:
    """The breadcrumb of a page below the team's queue of missions."""
    home = ("Accompagnement sur-mesure", reverse("diagnostics:queue"))
    return breadcrumb(home, *links, current=current)


def mission_link(mission) -> tuple[str, str]:
    return (str(mission.collectivite), mission.get_absolute_url())
