"""French numbers in templates: `{% load numbers %}` then `{{ amount|euros }}` (« 1 500 € »,
« 480,50 € ») and `{{ count|integer }}` (« 34 935 »), written once in `core.numbers`."""

from django import template

from fabrique.core import numbers

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
