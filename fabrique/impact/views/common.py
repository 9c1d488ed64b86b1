"""What the impact pages share: the page size and the breadcrumb of a project's pages."""

from django.urls import reverse

PAGE_SIZE = 50


def _breadcrumb(project, current: str, *, indicators: bool = True) -> dict:
    links = [
        {"url": reverse("portfolio:list"), "title": "Projets"},
        {"url": project.get_absolute_url(), "title": project.name},
    ]
    if indicators:
        links.append(
            {"url": reverse("impact:indicators", args=[project.slug]), "title": "Indicateurs"}
        )
    return {"links": links, "current": current}


def _indicators_url(project) -> str:
    return reverse("impact:indicators", args=[project.slug])
