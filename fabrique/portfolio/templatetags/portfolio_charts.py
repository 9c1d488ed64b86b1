"""Pictures of the portfolio in templates: `{% load portfolio_charts %}`, then

    {% project_timeline project.phases.all %}
    {% portfolio_timeline rows phases_by_project %}
    {% portfolio_timeline rows phases_by_project max_rows=50 %}
    {% maturity_chart reviews %}
    {% maturity_bars row.maturity %}

The first three render an SVG picture followed by its data table (templates of
`portfolio/components/`); `maturity_bars` is a bare picture for a table cell. Today's date is
`timezone.localdate()`; the drawing itself is done by the pure functions of `charts`.
"""

from collections.abc import Iterable, Mapping
from functools import lru_cache
from operator import attrgetter

from django import template
from django.utils import timezone
from django.utils.safestring import mark_safe

from fabrique.portfolio.views import charts
from fabrique.portfolio.vocabulary import MaturityAxis

register = template.Library()


def _phase_tuples(phases: Iterable) -> list[tuple]:
    """`Phase` objects (or anything with name/start/end[/comment]) or `(name, start, end)`."""
    return [
        tuple(phase)
        if isinstance(phase, tuple | list)
        else (phase.name, phase.start, phase.end, getattr(phase, "comment", ""))
        for phase in phases or ()
    ]


@register.inclusion_tag("portfolio/components/timeline.html")
def project_timeline(phases):
    """The phases of one project: `{% project_timeline project.phases.all %}`."""
    phases, today = _phase_tuples(phases), timezone.localdate()
    rows = charts.phase_rows(phases, today)
    return {
        "svg": charts.project_timeline_svg(phases, today),
        "phases": rows,
        "has_comments": any(row.comment for row in rows),
    }


@register.inclusion_tag("portfolio/components/portfolio_timeline.html")
def portfolio_timeline(
    rows, phases_by_project: Mapping | None = None, max_rows=None, collapsed=False
):
    """Every project of a list on one time axis.

    `rows`: `ProjectSummary` objects (as `selectors.portfolio()` gives) or `Project` objects,
    in the order to show. `phases_by_project`: `{project.pk: [(name, start, end), …]}` read by
    the view in one query; without it each project's `phases.all()` is read, so prefetch
    `phases` then. `max_rows`: draw that many projects at most; the table lists them all.
    """
    data = []
    for row in rows or ():
        project = getattr(row, "project", row)
        if phases_by_project is not None:
            phases = phases_by_project.get(project.pk, ())
        else:
            phases = project.phases.all()
        data.append((project.name, project.get_absolute_url(), tuple(_phase_tuples(phases))))
    svg, table = _portfolio_picture(tuple(data), timezone.localdate(), max_rows)
    return {"svg": svg, "rows": table, "collapsed": collapsed}


@lru_cache(maxsize=32)
def _portfolio_picture(data: tuple, today, max_rows) -> tuple[str, tuple]:
    """The picture and table rows of a list of projects, from plain values only: the same
    list (the first page of `/projets/`, the dashboard's) is drawn once per process, not on
    every request; any change to a name, a phase or the day draws it again."""
    svg = charts.portfolio_timeline_svg(data, today, max_rows=max_rows)
    return svg, tuple(charts.portfolio_rows(data))


@register.inclusion_tag("portfolio/components/maturity_chart.html")
def maturity_chart(reviews):
    """The maturity reviews of a project, in any order: `{% maturity_chart reviews %}`."""
    reviews = sorted(reviews or (), key=attrgetter("date"))
    data = [
        (review.date, {axis: getattr(review, axis) for axis in MaturityAxis.values})
        for review in reviews
    ]
    return {"svg": charts.maturity_chart_svg(data), "reviews": reviews}


@register.simple_tag
def maturity_bars(scores):
    """Five tiny bars for a table cell: `{% maturity_bars row.maturity %}`.

    `scores`: `{axis: score 0–3 or None}` (`ProjectSummary.maturity`), None for not evaluated.
    """
    return mark_safe(charts.maturity_bars_svg(scores))  # noqa: S308 (built and escaped by charts)
