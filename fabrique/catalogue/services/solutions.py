"""Writes of solutions and of the collectivités that use them; the folded search columns and
the word index are filled here (and by the imports, through the same helpers), never typed."""

from collections.abc import Iterable
from datetime import date

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Count, OuterRef, Subquery, Value
from django.db.models.functions import Coalesce
from django.utils import timezone

from fabrique.core import spdx, wordindex
from fabrique.core.signals import records_changed
from fabrique.core.text import folded_words, search_key

from .. import vocabulary
from ..models import (
    NEGATIVE_COST,
    Solution,
    SolutionUse,
    SolutionWord,
)
from ..vocabulary import (
    Category,
    CostModel,
    Hosting,
    Origin,
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


def validate_licence(text: str) -> str:
    try:
        return spdx.canonical(text)
    except spdx.LicenceError as error:
        raise ValidationError({"licence": str(error)}) from None


SOLUTION_DERIVED = ("categories", "hosting", "user_count")
SOLUTION_FIELDS = fields_of(Solution) - set(SOLUTION_DERIVED)


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
    solution = build(
        Solution, solution, {"name": name, **fields}, service="solution_save",
        derived=SOLUTION_DERIVED,
    )  # fmt: skip
    errors = {}
    if categories is not None:
        categories = list(categories)
        check_choices(errors, "categories", categories, Category, "Catégories")
    if hosting is not None:
        hosting = list(hosting)
        check_choices(errors, "hosting", hosting, Hosting, "Hébergement")
    try:
        solution.licence = spdx.canonical(solution.licence)
    except spdx.LicenceError as error:
        errors["licence"] = str(error)
    if solution.yearly_cost is not None and solution.yearly_cost < 0:
        errors["yearly_cost"] = NEGATIVE_COST
    same_name = (
        Solution.objects.filter(name_key=search_key(solution.name)).exclude(pk=solution.pk).first()
    )
    if solution.name and same_name is not None:
        errors["name"] = (
            f"« {same_name.name} » est déjà au catalogue : modifiez cette fiche plutôt que d'en "
            "créer une deuxième, ou donnez un nom qui distingue les deux solutions."
        )
    if solution.origin not in Origin.values:
        errors["origin"] = (
            "Origine inconnue : service de l'incubateur, logiciel libre ou offre du marché."
        )
    if solution.cost_model not in CostModel.values:
        errors["cost_model"] = "Modèle de coût inconnu : gratuit, abonnement, licence ou sur devis."
    raise_errors(errors)
    if categories is not None:
        solution.categories = vocabulary.encode(categories, Category)
    if hosting is not None:
        solution.hosting = vocabulary.encode(hosting, Hosting)
    if not solution.slug:
        solution.slug = unique_slug(Solution, solution.name, solution.pk, "solution")
    full_clean(solution, exclude=["similar"])
    prepare_search(solution)
    solution.save()
    store_words([solution])
    if similar is not None:
        solution.similar.set([other for other in similar if other.pk != solution.pk])
    # Catalogue solutions are items of the synergies index: synergies listens.
    records_changed.send(sender=Solution, kind="solution", pks=[solution.pk])
    return solution


def recount_users(*, solution_ids: Iterable[int] | None = None) -> None:
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
    recount_users(solution_ids=[solution.pk])
    return use


@transaction.atomic
def solution_use_remove(*, use: SolutionUse) -> None:
    solution_id = use.solution_id
    use.delete()
    recount_users(solution_ids=[solution_id])


@transaction.atomic
def solution_delete(*, solution: Solution) -> None:
    """Delete a solution typed by the team (with its uses); an imported one would come back."""
    sources = [reference.get_source_display() for reference in solution.references.all()]
    if sources:
        raise imported_error("Cette solution", " et ".join(sources))
    pk = solution.pk
    solution.delete()
    records_changed.send(sender=Solution, kind="solution", pks=[pk])
