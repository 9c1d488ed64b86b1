"""Issue 17, defect 12 (« Un objet Revue de maturité avec ces champs Projet et Date existe
déjà. »): a form never answers a duplicate with Django's generic sentence, or with « La
contrainte « … » n'est pas respectée. » for a conditional constraint. Every unique constraint
that a form of Fabrique checks (all its fields are fields of the form) says in French what to
do."""

import importlib
import pkgutil

import pytest
from django import forms
from django.db import models

import fabrique
from fabrique.catalogue.forms import FundingSchemeForm
from tests.catalogue.factories import FundingSchemeFactory


def _model_forms():
    for module in pkgutil.walk_packages(fabrique.__path__, "fabrique."):
        if ".forms" in module.name or module.name.endswith("forms"):
            importlib.import_module(module.name)
    found, todo = [], [forms.ModelForm]
    while todo:
        for form in todo.pop().__subclasses__():
            todo.append(form)
            model = getattr(getattr(form, "Meta", None), "model", None)
            if form.__module__.startswith("fabrique.") and model is not None:
                found.append((form, model))
    return found


def test_every_unique_constraint_a_form_checks_has_its_own_french_message():
    checked = _model_forms()
    assert len(checked) >= 15  # the walk finds the model forms of the apps
    generic = [
        f"{form.__module__}.{form.__name__}: {constraint.name}"
        for form, model in checked
        for constraint in model._meta.constraints
        if isinstance(constraint, models.UniqueConstraint)
        and constraint.fields
        and set(constraint.fields) <= set(form.base_fields)
        and constraint.violation_error_message == constraint.default_violation_error_message
    ]
    assert generic == []


@pytest.mark.django_db
def test_a_second_scheme_with_the_same_address_says_what_to_do():
    scheme = FundingSchemeFactory(url="https://aides.example.org/dispositif-1/")
    form = FundingSchemeForm(data={"name": "Autre", "url": scheme.url})
    assert not form.is_valid()
    message = " ".join(form.errors.get("__all__", []) + form.errors.get("url", []))
    assert "contrainte" not in message and "Un objet" not in message
    assert "Un dispositif de financement a déjà cette adresse" in message


def test_every_unique_constraint_of_every_model_has_its_own_french_message():
    """Models without a form of Fabrique are still written by the admin, the importers and the
    API: their duplicates are said in French too, never with Django's generic sentence."""
    from django.apps import apps

    constraints = [
        (model, constraint)
        for model in apps.get_models()
        if model.__module__.startswith("fabrique.")
        for constraint in model._meta.constraints
        if isinstance(constraint, models.UniqueConstraint)
    ]
    assert len(constraints) >= 25
    generic = [
        f"{model._meta.label}: {constraint.name}"
        for model, constraint in constraints
        if constraint.violation_error_message == constraint.default_violation_error_message
    ]
    assert generic == []
    unique_together = [
        model._meta.label
        for model in apps.get_models()
        if model.__module__.startswith("fabrique.") and model._meta.unique_together
    ]
    assert unique_together == []  # a UniqueConstraint instead, which carries its message
