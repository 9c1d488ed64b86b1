"""`{% load synergies_tags %}`, then `{% similar_elsewhere project %}`: the « Similaires
ailleurs » section of a project page (its neighbours, and the catalogue solutions that match)."""

from django import template

from fabrique.synergies import selectors
from fabrique.synergies.vocabulary import ItemKind

register = template.Library()


@register.filter
def score_percent(value) -> str:
    return f"{round(float(value) * 100)}\u00a0%"


@register.inclusion_tag("synergies/_similar.html")
def similar_elsewhere(project):
    similar = selectors.similar_to(ItemKind.PROJET, project.pk)
    return {"similar": similar, "kinds": dict(ItemKind.choices)}


@register.filter
def get_item(mapping, key):
    return mapping.get(key, ()) if mapping else ()
