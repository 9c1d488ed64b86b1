"""French in templates: `{% load french %}` then `{{ amount|euros }}` (« 1 500 € »,
« 480,50 € »), `{{ count|integer }}` (« 34 935 »), `{{ value|days }}` (« 1 jour »,
« 6,5 jours »), `{{ name|of }}` (« d'Inès », « de Paul »), `décision{{ count|s }}` (« 0 décision »,
« 2 décisions »: the singular under 2, where Django's `pluralize` says « 0 décisions »),
each written once in `core.numbers` or `core.text`."""

from django import template

from fabrique.core import numbers, text

register = template.Library()


@register.filter
def euros(amount) -> str:
    """« 1 500 € », « 480,50 € »; empty for no amount."""
    if amount is None or amount == "":
        return ""
    return numbers.euros(amount)


@register.filter
def integer(value) -> str:
    """« 34 935 »; empty for no value."""
    if value is None or value == "":
        return ""
    return numbers.integer(value)


@register.filter
def days(value) -> str:
    """« 1 jour », « 6 jours », « 6,5 jours »; empty for no value."""
    if value is None or value == "":
        return ""
    return numbers.days_text(value)


@register.filter(name="of")
def of_name(name) -> str:
    """« d'Inès », « de Paul »."""
    return text.of(str(name or ""))


@register.filter(name="s")
def plural_s(count) -> str:
    """The French plural mark: « s » from 2 on (0 and 1 take the singular)."""
    if count is None or count == "":
        return ""
    return numbers.plural_s(count)
