"""Writes on the catalogue: keyword-only functions, each one transaction, that build their
instances from field values and validate before they write.

Validation errors are `ValidationError`s with a dict of French messages keyed by field, so that a
form shows each one next to its field. The folded search columns are filled here (and by the
imports, through the same helpers), never typed.
"""

from collections.abc import Iterable
from datetime import date

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Count, OuterRef, Subquery, Value
from django.db.models.functions import Coalesce
from django.utils import timezone
from django.utils.text import slugify

from fabrique.core import spdx, wordindex
from fabrique.core.signals import records_changed
from fabrique.core.text import fold, search_key

from . import tags
from .models import (
    NEGATIVE_COST,
    POPULATION_ORDER,
    FundingScheme,
    Operator,
    Solution,
    SolutionSuggestion,
    SolutionUse,
    SolutionWord,
)
from .vocabulary import (
    AidType,
    Beneficiary,
    Category,
    CostModel,
    Hosting,
    Origin,
    Recurrence,
    SchemeSource,
    SuggestionStatus,
    Theme,
)

SEARCH_TEXT_MAX = 6000


RESERVED_SLUGS = frozenset({"nouvelle", "nouveau"})  # paths of the creation pages


def unique_slug(model, name: str, exclude_pk=None, fallback: str = "fiche") -> str:
    base = slugify(name)[:100].strip("-") or fallback
    if base in RESERVED_SLUGS:
        base = f"{base}-{fallback}"
    slug, counter = base, 2
    while model.objects.filter(slug=slug).exclude(pk=exclude_pk).exists():
        slug, counter = f"{base}-{counter}", counter + 1
    return slug


def folded_words(*texts: str) -> str:
    """Every distinct folded word of the texts, after a leading space: what `LIKE '% mot%'`
    searches. Duplicates add nothing to a word-prefix search, so they are dropped."""
    words = dict.fromkeys(fold(" ".join(text for text in texts if text)).split())
    return (" " + " ".join(words))[:SEARCH_TEXT_MAX]


def solution_search_text(solution: Solution) -> str:
    return folded_words(
        solution.name,
        solution.summary,
        solution.description,
        " ".join(solution.category_labels),
        solution.get_origin_display(),
        " ".join(spdx.identifiers(solution.licence)),
    )


def prepare_search(solution: Solution) -> None:
    """Fill the folded columns of a solution before it is saved."""
    solution.name_key = search_key(solution.name)
    solution.search_text = solution_search_text(solution)


def store_words(solutions: Iterable[Solution]) -> None:
    """Rebuild the inverted index of saved solutions from their `search_text`."""
    wordindex.store_words(SolutionWord, "solution", solutions)


def scheme_search_text(scheme: FundingScheme) -> str:
    return folded_words(
        scheme.name,
        scheme.funders,
        scheme.description,
        " ".join(scheme.theme_labels),
        " ".join(scheme.aid_type_labels),
    )


def unknown_values(label: str, unknown: list[str]) -> str:
    """« Valeur inconnue pour « Catégories » : x. », agreed with the number of values."""
    noun = "Valeurs inconnues" if len(unknown) > 1 else "Valeur inconnue"
    return f"{noun} pour « {label} » : {', '.join(unknown)}."


def _check_choices(errors: dict, field: str, values: Iterable[str], choices, label: str):
    unknown = [value for value in values if value not in choices.values]
    if unknown:
        errors[field] = unknown_values(label, unknown)


def _raise(errors: dict):
    if errors:
        raise ValidationError(errors)


def _fields_of(model) -> frozenset[str]:
    """The fields a service may set from its keyword arguments (derived columns excluded)."""
    return frozenset(
        field.name
        for field in model._meta.concrete_fields
        if field.editable and not field.primary_key
    )


def _build(model, instance, fields: dict, *, service: str, derived=()):
    """`instance` (or a new one) with `fields` set; an unknown name is a programming error."""
    unknown = set(fields) - (_fields_of(model) - set(derived))
    if unknown:
        raise TypeError(f"{service} : champs inconnus {sorted(unknown)}")
    instance = instance or model()
    for name, value in fields.items():
        setattr(instance, name, value)
    return instance


def _full_clean(instance, exclude=()):
    try:
        instance.full_clean(exclude=["slug", *exclude])
    except ValidationError as error:
        raise ValidationError(error.message_dict) from None


# --- Solutions ------------------------------------------------------------------------------


def validate_licence(text: str) -> str:
    try:
        return spdx.canonical(text)
    except spdx.LicenceError as error:
        raise ValidationError({"licence": str(error)}) from None


SOLUTION_DERIVED = ("categories", "hosting", "user_count")
SOLUTION_FIELDS = _fields_of(Solution) - set(SOLUTION_DERIVED)


@transaction.atomic
def solution_save(
    *,
    name: str,
    categories: Iterable[str] | None = None,
    hosting: Iterable[str] | None = None,
    similar: Iterable[Solution] | None = None,
    solution: Solution | None = None,
    **fields,
) -> Solution:
    """Create a solution from its field values (`origin`, `cost_model`, `licence`…), or change
    `solution` (fields not given keep their value); `categories`, `hosting` and `similar`
    replace the current ones when given."""
    solution = _build(
        Solution, solution, {"name": name, **fields}, service="solution_save",
        derived=SOLUTION_DERIVED,
    )  # fmt: skip
    errors = {}
    if categories is not None:
        categories = list(categories)
        _check_choices(errors, "categories", categories, Category, "Catégories")
    if hosting is not None:
        hosting = list(hosting)
        _check_choices(errors, "hosting", hosting, Hosting, "Hébergement")
    try:
        solution.licence = spdx.canonical(solution.licence)
    except spdx.LicenceError as error:
        errors["licence"] = str(error)
    if solution.yearly_cost is not None and solution.yearly_cost < 0:
        errors["yearly_cost"] = NEGATIVE_COST
    if solution.origin not in Origin.values:
        errors["origin"] = (
            "Origine inconnue : service de l'incubateur, logiciel libre ou offre du marché."
        )
    if solution.cost_model not in CostModel.values:
        errors["cost_model"] = "Modèle de coût inconnu : gratuit, abonnement, licence ou sur devis."
    _raise(errors)
    if categories is not None:
        solution.categories = tags.encode(categories, Category)
    if hosting is not None:
        solution.hosting = tags.encode(hosting, Hosting)
    if not solution.slug:
        solution.slug = unique_slug(Solution, solution.name, solution.pk, "solution")
    _full_clean(solution, exclude=["similar"])
    prepare_search(solution)
    solution.save()
    store_words([solution])
    if similar is not None:
        solution.similar.set([other for other in similar if other.pk != solution.pk])
    # Catalogue solutions are items of the synergies index: synergies listens.
    records_changed.send(sender=Solution, kind="solution", pks=[solution.pk])
    return solution


def recount_users(solution_ids: Iterable[int] | None = None) -> None:
    """Store each solution's number of user collectivités (sorting and lists read it)."""
    counts = (
        SolutionUse.objects.filter(solution=OuterRef("pk"))
        .order_by()
        .values("solution")
        .annotate(n=Count("pk"))
        .values("n")
    )
    queryset = Solution.objects.all()
    if solution_ids is not None:
        queryset = queryset.filter(pk__in=list(solution_ids))
    queryset.update(user_count=Coalesce(Subquery(counts), Value(0)))


@transaction.atomic
def solution_use_add(*, solution: Solution, territory, since: date | None = None) -> SolutionUse:
    """Record that a collectivité uses a solution (once); a new `since` replaces the old one."""
    if since and since > timezone.localdate():
        raise ValidationError({"since": "La date de début d'utilisation est dans le futur."})
    field = SolutionUse.field_for(territory)
    use, created = SolutionUse.objects.get_or_create(
        solution=solution, **{field: territory}, defaults={"since": since}
    )
    if not created and since and use.since != since:
        use.since = since
        use.save(update_fields=["since"])
    recount_users([solution.pk])
    return use


@transaction.atomic
def solution_use_remove(*, use: SolutionUse) -> None:
    solution_id = use.solution_id
    use.delete()
    recount_users([solution_id])


# --- Operators ------------------------------------------------------------------------------


@transaction.atomic
def operator_save(
    *, name: str, departements=None, solutions=None, operator: Operator | None = None, **fields
) -> Operator:
    """Create an operator from its field values, or change `operator` (fields not given keep
    their value); `departements` and `solutions` replace the current ones when given."""
    operator = _build(Operator, operator, {"name": name, **fields}, service="operator_save")
    if operator.siret and not (operator.siret.isdigit() and len(operator.siret) <= 14):
        raise ValidationError({"siret": "Le SIRET s'écrit avec 14 chiffres au plus."})
    if not operator.slug:
        operator.slug = unique_slug(Operator, operator.name, operator.pk, "operateur")
    if not operator.external_id:
        operator.external_id = None
    _full_clean(operator, exclude=["departements", "solutions"])
    operator.save()
    if departements is not None:
        operator.departements.set(departements)
    if solutions is not None:
        operator.solutions.set(solutions)
    return operator


# --- Funding schemes ------------------------------------------------------------------------


def closed_as_open_error(deadline: date) -> str:
    return (
        f"La date de clôture ({deadline:%d/%m/%Y}) est passée : ce dispositif est clos. "
        "Cochez « clos » ou reportez la date de clôture."
    )


SCHEME_DERIVED = ("aid_types", "beneficiaries", "themes")
SCHEME_FIELDS = _fields_of(FundingScheme) - set(SCHEME_DERIVED)


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
    scheme = _build(
        FundingScheme, scheme, {"name": name, **fields}, service="scheme_save",
        derived=SCHEME_DERIVED,
    )  # fmt: skip
    today = today or timezone.localdate()
    aid_types, beneficiaries, themes = list(aid_types), list(beneficiaries), list(themes)
    errors = {}
    if not aid_types:
        errors["aid_types"] = "Indiquez au moins un type d'aide."
    _check_choices(errors, "aid_types", aid_types, AidType, "Types d'aide")
    if not beneficiaries:
        errors["beneficiaries"] = "Indiquez au moins un type de bénéficiaire."
    _check_choices(errors, "beneficiaries", beneficiaries, Beneficiary, "Bénéficiaires")
    _check_choices(errors, "themes", themes, Theme, "Thèmes")
    if scheme.recurrence and scheme.recurrence not in Recurrence.values:
        errors["recurrence"] = "Récurrence inconnue : permanente, ponctuelle ou récurrente."
    low, high = scheme.population_min, scheme.population_max
    if low is not None and high is not None and low > high:
        errors["population_max"] = POPULATION_ORDER
    if not scheme.is_closed and scheme.deadline and scheme.deadline < today:
        errors["is_closed"] = closed_as_open_error(scheme.deadline)
    _raise(errors)
    scheme.aid_types = tags.encode(aid_types, AidType)
    scheme.beneficiaries = tags.encode(beneficiaries, Beneficiary)
    scheme.themes = tags.encode(themes, Theme)
    if not scheme.slug:
        scheme.slug = unique_slug(FundingScheme, scheme.name, scheme.pk, "dispositif")
    _full_clean(scheme, exclude=["departements", "regions"])
    scheme.search_text = scheme_search_text(scheme)
    scheme.save()
    if departements is not None:
        scheme.departements.set(departements)
    if regions is not None:
        scheme.regions.set(regions)
    return scheme


# --- Suggestions ----------------------------------------------------------------------------


SUGGESTION_DERIVED = (
    "categories", "submitted_by", "status", "moderated_by", "moderated_at", "moderation_note",
    "solution",
)  # fmt: skip


@transaction.atomic
def suggestion_submit(
    *, name: str, description: str, by, categories: Iterable[str] = (), **fields
) -> SolutionSuggestion:
    """A collectivité proposes a solution (`website`, `origin`, `comment`…) to the team."""
    suggestion = _build(
        SolutionSuggestion, None, {"name": name, "description": description, **fields},
        service="suggestion_submit", derived=SUGGESTION_DERIVED,
    )  # fmt: skip
    categories = list(categories)
    errors = {}
    _check_choices(errors, "categories", categories, Category, "Catégories")
    if Solution.objects.filter(name_key=search_key(suggestion.name)).exists():
        errors["name"] = (
            f"« {suggestion.name} » est déjà au catalogue : cherchez-la et proposez plutôt "
            "votre collectivité comme utilisatrice à l'équipe."
        )
    _raise(errors)
    suggestion.categories = tags.encode(categories, Category)
    suggestion.submitted_by = by
    suggestion.status = SuggestionStatus.PENDING
    _full_clean(suggestion, exclude=["submitted_by", "moderated_by", "solution"])
    suggestion.save()
    return suggestion


def _check_pending(suggestion: SolutionSuggestion):
    if suggestion.status != SuggestionStatus.PENDING:
        raise ValidationError(
            {"__all__": f"Cette suggestion est déjà modérée ({suggestion.get_status_display()})."}
        )


@transaction.atomic
def suggestion_accept(
    *, suggestion: SolutionSuggestion, by, origin: str, cost_model: str, note: str = ""
) -> Solution:
    """Publish a suggestion as a new solution (the team completes it afterwards)."""
    _check_pending(suggestion)
    solution = solution_save(
        name=suggestion.name,
        origin=origin,
        cost_model=cost_model,
        website=suggestion.website,
        description=suggestion.description,
        categories=tags.decode(suggestion.categories),
    )
    suggestion.status = SuggestionStatus.ACCEPTED
    suggestion.solution = solution
    suggestion.moderated_by, suggestion.moderated_at = by, timezone.now()
    suggestion.moderation_note = note
    suggestion.save()
    return solution


@transaction.atomic
def suggestion_refuse(*, suggestion: SolutionSuggestion, by, note: str) -> SolutionSuggestion:
    _check_pending(suggestion)
    if not (note or "").strip():
        raise ValidationError(
            {"note": "Dites pourquoi : la personne qui l'a proposée lira cette réponse."}
        )
    suggestion.status = SuggestionStatus.REFUSED
    suggestion.moderated_by, suggestion.moderated_at = by, timezone.now()
    suggestion.moderation_note = note.strip()
    suggestion.save()
    return suggestion


ACCEPT, REFUSE = "accepter", "refuser"


@transaction.atomic
def suggestion_moderate(
    *, suggestion: SolutionSuggestion, by, decision: str, origin: str = "",
    cost_model: str = "", note: str = "",
) -> SolutionSuggestion:  # fmt: skip
    """The team's answer to a suggestion: `decision` is « accepter » (it becomes a solution,
    `suggestion.solution`) or « refuser » (with a note for the person who proposed it)."""
    if decision == ACCEPT:
        suggestion_accept(
            suggestion=suggestion, by=by, origin=origin, cost_model=cost_model, note=note
        )
    elif decision == REFUSE:
        suggestion_refuse(suggestion=suggestion, by=by, note=note)
    else:
        raise ValidationError({"decision": "Choisissez de publier ou de refuser la suggestion."})
    return suggestion


# --- Deleting an entry typed by mistake ---------------------------------------------------


def _imported(what: str, source: str) -> ValidationError:
    return ValidationError(
        f"{what} vient de {source} : supprimée ici, elle reviendrait au prochain import. "
        "Corrigez-la plutôt, ou retirez-la de la source."
    )


@transaction.atomic
def solution_delete(*, solution: Solution) -> None:
    """Delete a solution typed by the team (with its uses); an imported one would come back."""
    sources = [reference.get_source_display() for reference in solution.references.all()]
    if sources:
        raise _imported("Cette solution", " et ".join(sources))
    pk = solution.pk
    solution.delete()
    records_changed.send(sender=Solution, kind="solution", pks=[pk])


@transaction.atomic
def scheme_delete(*, scheme: FundingScheme) -> None:
    if scheme.source != SchemeSource.MANUAL:
        raise _imported("Cette aide", scheme.get_source_display())
    scheme.delete()


@transaction.atomic
def operator_delete(*, operator: Operator) -> None:
    if operator.external_id:
        raise _imported("Cette structure", "la Suite territoriale")
    operator.delete()
