"""Model fields shared by the apps."""

from django.db import models

from .markdown import render


class MarkdownHTMLField(models.TextField):
    """The sanitised HTML of another field's Markdown, rendered when the row is written.

    `source` names the Markdown field. The HTML is computed in `pre_save` (the public hook
    Django calls on `save()` and `bulk_create()`), so every write path stores it and pages never
    parse Markdown. Not editable.
    """

    def __init__(self, *args, source: str = "", **kwargs):
        self.source = source
        kwargs.setdefault("editable", False)
        kwargs.setdefault("blank", True)
        kwargs.setdefault("default", "")
        super().__init__(*args, **kwargs)

    def deconstruct(self):
        name, path, args, kwargs = super().deconstruct()
        kwargs["source"] = self.source
        for key, value in (("editable", False), ("blank", True), ("default", "")):
            if kwargs.get(key) == value:
                kwargs.pop(key)
        return name, path, args, kwargs

    def pre_save(self, model_instance, add):
        html = render(getattr(model_instance, self.source) or "")
        setattr(model_instance, self.attname, html)
        return html
