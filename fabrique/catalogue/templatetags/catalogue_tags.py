"""The catalogue's blocks on the territory pages: the OPSN, and links to "near you" and funding.

A template tag keeps the territories app free of any import of the catalogue; it only calls a
selector (one or two queries)."""

from django import template

from fabrique.catalogue.selectors import operators_for_departement, operators_for_departements
from fabrique.territories.models import Departement

register = template.Library()


@register.inclusion_tag("catalogue/_commune_block.html")
def commune_catalogue(commune):
    return {"commune": commune, "operators": operators_for_departement(commune.departement_id)}


@register.inclusion_tag("catalogue/_territory_operators.html")
def territory_operators(departements, *, show_departements: bool = False):
    """The OPSN serving a département, or any of a queryset of départements (an EPCI's): with
    `show_departements`, which of them each one serves."""
    if isinstance(departements, Departement):
        departements = Departement.objects.filter(pk=departements.pk)
    return {
        "operators": operators_for_departements(departements),
        "show_departements": show_departements,
    }
