"""What the impact pages share: the page size and the breadcrumb of a project's pages."""

from django.urls import reverse

from fabrique.core.views_helpers import breadcrumb

PAGE_SIZE = 50


def impact_breadcrumb(
    project, current: str, *parents: tuple[str, str], indicators: bool = True
) -> dict:
    """Projects > project > Indicateurs > `parents` (pages between the indicators and this one)."""
    return breadcrumb(
        ("Projets", reverse("portfolio:list")),
        (project.name, project.get_absolute_url()),
        ("Indicateurs", reverse("impact:indicators", args=[project.slug])) if indicators else None,
        *parents,
        current=current,
    )


def indicators_url(project) -> str:
    return reverse("impact:indicators", args=[project.slug])
