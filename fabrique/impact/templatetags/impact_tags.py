"""Impact in templates: `{% load impact_tags %}`, then

{% indicator_chart state points %}       the time series of an indicator and its table
{% project_impact project %}             the « Impact » section of a project page
{{ value|impact_value:unit }}            `1 234,5 %`
{% status_badge status label %}          a DSFR badge that says the status in words
"""

from django import template
from django.utils.html import format_html

from fabrique.impact import access, rules, selectors
from fabrique.impact.views import charts
from fabrique.impact.vocabulary import STATUS_BADGES, Status

register = template.Library()


@register.filter
def impact_value(value, unit):
    return rules.format_value(value, unit)


@register.filter
def percent(value):
    return "—" if value is None else f"{rules.format_number(value, 1)}\u00a0%"


@register.filter
def period_label(day, frequency):
    return rules.period_label(day, frequency) if day else "—"


@register.simple_tag
def status_badge(status, label=None, count=None):
    label = label or Status(status).label
    if count is not None:
        label = f"{label} : {count}"
    return format_html(
        '<span class="fr-badge fr-badge--sm fr-badge--{}">{}</span>',
        STATUS_BADGES.get(status, "info"),
        label,
    )


@register.inclusion_tag("impact/components/timeseries.html")
def indicator_chart(state, points, *, caption=None, id_prefix=None):
    """`state`: a `selectors.IndicatorState`; `points`: its `selectors.Point` list."""
    indicator = state.indicator
    svg = charts.timeseries_svg(
        [(point.period, point.value) for point in points],
        name=indicator.name,
        unit=indicator.unit,
        frequency=indicator.frequency,
        baseline=(indicator.baseline_date, indicator.baseline_value),
        target=(indicator.target_date, indicator.target_value),
        id_prefix=id_prefix,
    )
    rows = [
        (
            rules.period_label(point.period, indicator.frequency),
            rules.format_value(point.value, indicator.unit),
            point.comment,
        )
        for point in reversed(points)
    ]
    return {
        "svg": svg,
        "rows": rows,
        "caption": caption
        or f"Valeurs de « {indicator.name} », de la plus récente à la plus ancienne",
        "has_comments": any(point.comment for point in points),
    }


@register.inclusion_tag("impact/_project_impact.html", takes_context=True)
def project_impact(context, project):
    """The « Impact » section of the project page: links, North Star, statuses and the
    indicators to update before the next committee (for the team), deployment table."""
    user = context.get("user")
    can_view_all = access.can_view_indicators(user, project)
    impact = selectors.project_impact(
        project, can_view_all=can_view_all, summary=context.get("summary") if can_view_all else None
    )
    return {
        "project": project,
        "impact": impact,
        "can_edit": access.can_edit_indicators(user, project),
    }
