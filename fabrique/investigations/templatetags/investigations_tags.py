"""The investigation programme in templates: `{% load investigations_tags %}`, then

{% if user|may_list_problems %}   the « Problèmes » menu entry, for the roles that see problems
"""

from django import template

from fabrique.investigations import access

register = template.Library()


@register.filter
def may_list_problems(user) -> bool:
    return access.can_list_problems(user)
