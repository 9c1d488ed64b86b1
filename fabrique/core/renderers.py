"""The form renderer: django-dsfr's templates, with the option lists written in Python.

Django renders a `<select>` through one template include per option; a list of the 101
départements then cost about 20 ms per form, on every list page that filters by territory.
This renderer writes the same markup itself for the select widgets (the template stays the
reference: `tests/core/test_renderers.py` compares both outputs) and hands every other
template to django-dsfr's renderer.
"""

from django.utils.html import format_html, format_html_join
from django.utils.safestring import SafeString
from dsfr.forms import DsfrDjangoTemplates

SELECT_TEMPLATES = frozenset(
    {"django/forms/widgets/select.html", "django/forms/widgets/select_multiple.html"}
)
OPTION_TEMPLATE = "django/forms/widgets/select_option.html"


def html_attrs(attrs: dict) -> SafeString:
    """What `django/forms/widgets/attrs.html` writes: ` name="value"`, a bare name for True,
    nothing for False."""
    return format_html_join(
        "",
        " {}{}",
        (
            (name, "" if value is True else format_html('="{}"', value))
            for name, value in attrs.items()
            if value is not False
        ),
    )


def options_html(options: list[dict]) -> SafeString:
    return format_html_join(
        "",
        '\n  <option value="{}"{}>{}</option>\n',
        ((option["value"], html_attrs(option["attrs"]), option["label"]) for option in options),
    )


def select_html(widget: dict) -> SafeString | None:
    """The markup of `select.html` for a widget context, or None when an option has its own
    template (left to the engine)."""
    groups = []
    for group_name, options, _index in widget["optgroups"]:
        if any(option["template_name"] != OPTION_TEMPLATE for option in options):
            return None
        if group_name:
            groups.append(
                format_html(
                    '\n  <optgroup label="{}">{}\n  </optgroup>', group_name, options_html(options)
                )
            )
        else:
            groups.append(options_html(options))
    return format_html(
        '<select name="{}"{}>{}\n</select>',
        widget["name"],
        html_attrs(widget["attrs"]),
        format_html_join("", "{}", ((group,) for group in groups)),
    )


class FormRenderer(DsfrDjangoTemplates):
    def render(self, template_name, context, request=None):
        if template_name in SELECT_TEMPLATES:
            html = select_html(context["widget"])
            if html is not None:
                return html
        return super().render(template_name, context, request=request)
