"""Every field and every model of Fabrique is named in French by its code: the administration,
the forms built from the models, their error messages and the history pages show these names,
never one that Django derived from an English attribute (« attested by », « created at »)."""

from django.apps import apps

# Attribute names that already are the French word: an explicit verbose_name equal to the
# derived one is right for them (« commune », « description »…). Any other field must say more
# than its attribute name.
FRENCH_AS_IS = {
    "commune", "communes", "conditions", "contact", "coach", "date", "description", "designer",
    "expertise", "format", "investigation", "message", "mission", "note", "organisation",
    "questions", "service", "session", "solution", "source", "sources", "sponsors", "total",
    "version",
}  # fmt: skip


def fabrique_models():
    """The models written in Fabrique's apps; the history tables that django-simple-history
    derives from them copy their fields (checked here on the model) and add its own."""
    return [
        model
        for model in apps.get_models()
        if model.__module__.startswith("fabrique.") and not model.__name__.startswith("Historical")
    ]


def test_the_check_sees_every_app():
    labels = {model._meta.app_label for model in fabrique_models()}
    assert {
        "accounts", "territories", "portfolio", "catalogue", "impact", "synergies",
        "diagnostics", "investigations", "support", "recruitment",
    } <= labels  # fmt: skip


def test_every_field_has_an_explicit_french_verbose_name():
    missing = []
    for model in fabrique_models():
        for field in model._meta.get_fields():
            if field.auto_created:  # reverse relations and the implicit « id »
                continue
            explicit = "verbose_name" in field.deconstruct()[3]
            derived = str(field.verbose_name) == field.name.replace("_", " ")
            if not explicit or (derived and field.name not in FRENCH_AS_IS):
                missing.append(f"{model._meta.label}.{field.name}")
    assert missing == []


def test_every_model_has_a_french_name_and_plural():
    missing = [
        model._meta.label
        for model in fabrique_models()
        if not {"verbose_name", "verbose_name_plural"} <= set(model._meta.original_attrs)
    ]
    assert missing == []
