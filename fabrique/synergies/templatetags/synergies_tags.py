"""`{% load synergies_tags %}`, then `{% similar_elsewhere project %}`: the « Similaires
ailleurs » section of a project page (its neighbours, and the catalogue solutions that match),
for everyone; the incubator team also sees the decisions recorded on each pair and the buttons
to take one. Two queries (three for the team) whatever the number of links."""

from django import template

from fabrique.synergies import access, selectors
from fabrique.synergies.vocabulary import DecisionStatus, ItemKind

register = template.Library()

ANCHOR = "similaires-ailleurs"  # the section's id: decisions taken there come back to it


@register.filter
def score_percent(value) -> str:
    return f"{round(float(value) * 100)}\u00a0%"


@register.inclusion_tag("synergies/_similar.html", takes_context=True)
def similar_elsewhere(context, project):
    request = context.get("request")
    user = getattr(request, "user", None)
    similar = selectors.similar_to(ItemKind.PROJET, project.pk, kinds=access.similar_kinds(user))
    statuses = {}
    if access.can_view_decisions(user):
        links = [*similar.elsewhere, *similar.solutions]
        statuses = selectors.pair_statuses(link.pair_key for link in links)
    return {
        "similar": similar,
        # Built-in kinds and those other apps registered (a problem: « Problème »).
        "kinds": dict(selectors.kind_choices()),
        "anchor": ANCHOR,
        "statuses": statuses,
        "can_decide": access.can_decide_synergy(user),
        "decisions": DecisionStatus,
        "next": f"{project.get_absolute_url()}#{ANCHOR}",
    }


@register.filter
def dom_id(prefix, pk) -> str:
    """`{{ "paire"|dom_id:pair.pk }}` → `paire-12`: an id to point `aria-describedby` at."""
    return f"{prefix}-{pk}"


@register.filter
def get_item(mapping, key):
    return mapping.get(key, ()) if mapping else ()
