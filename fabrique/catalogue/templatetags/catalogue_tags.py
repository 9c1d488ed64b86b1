"""The catalogue's block on a commune page: its OPSN and links to "near you" and funding.

A template tag keeps the territories app free of any import of the catalogue; it only calls a
selector (one query)."""

from django import template

from fabrique.catalogue.selectors import operators_for_departement

register = template.Library()


@register.inclusion_tag("catalogue/_commune_block.html")
def commune_catalogue(commune):
    return {"commune": commune, "operators": operators_for_departement(commune.departement_id)}
