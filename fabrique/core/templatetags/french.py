"""French in templates: `{% load french %}` then `{{ amount|euros }}` (« 1 500 € »,
« 480,50 € »), `{{ count|integer }}` (« 34 935 »), `{{ value|days }}` (« 1 jour »,
« 6,5 jours »), `{{ count|pluriel }}` (« 0 offre », « 2 offres »: French agreement, where
Django's `pluralize` writes « 0 offres »), `{{ average|note }}` (« 3 / 5 », « 3,5 / 5 »),
`{{ name|of }}` (« d'Inès », « de Paul »),
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


@register.filter
def note(value, out_of=5) -> str:
    """« 3 / 5 », « 3,5 / 5 » (`{{ average|note }}`, `{{ total|note:20 }}`); empty for no value."""
    if value is None or value == "":
        return ""
    return numbers.score(value, out_of)


@register.filter(name="of")
def of_name(name) -> str:
    """« d'Inès », « de Paul »."""
    return text.of(str(name or ""))


@register.filter
def pluriel(value, suffix: str = "s") -> str:
    """The plural ending when `value` is 2 or more (French: « 0 offre », « 1 offre », « 2 offres »).

    `{{ n|pluriel }}` → « s »; `{{ n|pluriel:"es" }}`; a list or queryset counts its items."""
    if value is None or value == "":
        return ""
    if not isinstance(value, int | float | str) and hasattr(value, "__len__"):
        value = len(value)
    try:
        return suffix if numbers.is_plural(value) else ""
    except (ArithmeticError, ValueError, TypeError):
        return ""
