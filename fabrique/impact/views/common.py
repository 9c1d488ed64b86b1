"""What the impact pages share: the page size and the breadcrumb of a project's pages."""

from django.urls import reverse

from fabrique.core.views_helpers import breadcrumb

PAGE_SIZE = 50


def _breadcrumb(project, current: str, *, indicators: bool = True) -> dict:
    return breadcrumb(
        ("Projets", reverse("portfolio:list")),
        (project.name, project.get_absolute_url()),
        ("Indicateurs", reverse("impact:indicators", args=[project.slug])) if indicators else None,
        current=current,
    )


def _indicators_url(project) -> str:
    return reverse("impact:indicators", args=[project.slug])
