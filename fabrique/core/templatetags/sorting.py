"""`{% sort_header "Date" "date" %}`: a column header that sorts the list (see core.sorting).

The view puts the current order in the context as `sort` (a `Sort`). The header links to the
same page, other parameters kept, page number dropped, sorted by its column: ascending, or
the other way round when the list is already sorted by it. The sorted column's header carries
`aria-sort`; the link says in words what it will do.
"""

from django import template
from django.utils.html import format_html

register = template.Library()

DROPPED = ("page", "export")  # a new order starts at page 1, and shows the page


@register.simple_tag(takes_context=True)
def sort_header(context, label, key, fragment=""):
    sort = context.get("sort")
    current = sort is not None and sort.key == key
    params = context["request"].GET.copy()
    for name in DROPPED:
        params.pop(name, None)
    params["sort"] = key
    if current and not sort.descending:
        params["desc"] = "on"
        action, state, icon = "trier par ordre décroissant", "ascending", "fr-icon-arrow-up-line"
    else:
        params.pop("desc", None)
        action, state, icon = "trier par ordre croissant", None, "fr-icon-arrow-up-down-line"
        if current:
            state, icon = "descending", "fr-icon-arrow-down-line"
    href = "?" + params.urlencode() + (f"#{fragment}" if fragment else "")
    link = format_html(
        '<a class="fabrique-sort" href="{}">{}<span class="fr-sr-only"> : {}</span>'
        '<span class="{} fr-icon--sm fr-ml-1v" aria-hidden="true"></span></a>',
        href, label, action, icon,
    )  # fmt: skip
    if state:
        return format_html('<th scope="col" aria-sort="{}">{}</th>', state, link)
    return format_html('<th scope="col">{}</th>', link)
