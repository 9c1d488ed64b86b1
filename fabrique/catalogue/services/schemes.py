"""Writes of funding schemes (« aides »)."""

from collections.abc import Iterable
from datetime import date

from django.db import transaction
from django.utils import timezone

from fabrique.core.text import folded_words

from .. import vocabulary
from ..models import (
    POPULATION_ORDER,
    FundingScheme,
)
from ..vocabulary import (
    AidType,
    Beneficiary,
    Recurrence,
    SchemeSource,
    Theme,
)
from .common import (
    build,
    check_choices,
    fields_of,
    full_clean,
    imported_error,
    raise_errors,
    unique_slug,
)


def scheme_search_text(scheme: FundingScheme) -> str:
    return folded_words(
        scheme.name,
        scheme.funders,
        scheme.description,
        " ".join(scheme.theme_labels),
        " ".join(scheme.aid_type_labels),
    )


def closed_as_open_error(deadline: date) -> str:
    return (
        f"La date de clôture ({deadline:%d/%m/%Y}) est passée : ce dispositif est clos. "
        "Cochez « clos » ou reportez la date de clôture."
    )


SCHEME_DERIVED = ("aid_types", "beneficiaries", "themes")
SCHEME_FIELDS = fields_of(FundingScheme) - set(SCHEME_DERIVED)


@transaction.atomic
def scheme_save(
    *,
    name: str,
    aid_types: Iterable[str],
    beneficiaries: Iterable[str],
    themes: Iterable[str] = (),
    departements=None,
    regions=None,
    today: date | None = None,
    scheme: FundingScheme | None = None,
    **fields,
) -> FundingScheme:
    """Create a funding scheme from its field values, or change `scheme` (fields not given keep
    their value). A closed scheme stays, marked closed: one whose deadline has passed cannot be
    proposed as open."""
    scheme = build(
        FundingScheme, scheme, {"name": name, **fields}, service="scheme_save",
        derived=SCHEME_DERIVED,
    )  # fmt: skip
    today = today or timezone.localdate()
    aid_types, beneficiaries, themes = list(aid_types), list(beneficiaries), list(themes)
    errors = {}
    if not aid_types:
        errors["aid_types"] = "Indiquez au moins un type d'aide."
    check_choices(errors, "aid_types", aid_types, AidType, "Types d'aide")
    if not beneficiaries:
        errors["beneficiaries"] = "Indiquez au moins un type de bénéficiaire."
    check_choices(errors, "beneficiaries", beneficiaries, Beneficiary, "Bénéficiaires")
    check_choices(errors, "themes", themes, Theme, "Thèmes")
    if scheme.recurrence and scheme.recurrence not in Recurrence.values:
        errors["recurrence"] = "Récurrence inconnue : permanente, ponctuelle ou récurrente."
    low, high = scheme.population_min, scheme.population_max
    if low is not None and high is not None and low > high:
        errors["population_max"] = POPULATION_ORDER
    if not scheme.is_closed and scheme.deadline and scheme.deadline < today:
        errors["is_closed"] = closed_as_open_error(scheme.deadline)
    raise_errors(errors)
    scheme.aid_types = vocabulary.encode(aid_types, AidType)
    scheme.beneficiaries = vocabulary.encode(beneficiaries, Beneficiary)
    scheme.themes = vocabulary.encode(themes, Theme)
    if not scheme.slug:
        scheme.slug = unique_slug(FundingScheme, scheme.name, scheme.pk, "dispositif")
    full_clean(scheme, exclude=["departements", "regions"])
    scheme.search_text = scheme_search_text(scheme)
    scheme.save()
    if departements is not None:
        scheme.departements.set(departements)
    if regions is not None:
        scheme.regions.set(regions)
    return scheme


@transaction.atomic
def scheme_delete(*, scheme: FundingScheme) -> None:
    if scheme.source != SchemeSource.MANUAL:
        raise imported_error("Cette aide", scheme.get_source_display())
    scheme.delete()
