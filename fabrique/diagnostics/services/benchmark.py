"""Writes of the benchmark: candidate solutions for a need, the recommendation among them, and
the funding and local partners kept or discarded for each recommendation. Keyword-only, atomic,
validating before writing."""

from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import transaction

from fabrique.catalogue.models import FundingScheme, Operator, Solution
from fabrique.catalogue.services import suggestion_submit
from fabrique.catalogue.vocabulary import Origin
from fabrique.core.signals import records_changed
from fabrique.core.text import search_key

from .. import rules
from ..models import Candidate, Lead, Need
from ..vocabulary import NEED_KIND, THEME_CATEGORIES, LeadKind
from .discovery import check_documentable

NOTE_LIMIT = 2000


def _changed(need_pk: int) -> None:
    """The recommendations are part of a need's text in the synergy engine."""
    transaction.on_commit(lambda: records_changed.send(sender=Need, kind=NEED_KIND, pks=[need_pk]))


def _note(value: str, field: str) -> str:
    value = (value or "").strip()
    if len(value) > NOTE_LIMIT:
        raise ValidationError({field: f"{NOTE_LIMIT} caractères au plus."})
    return value


def _cost(value, field: str) -> Decimal | None:
    if value is not None and value < 0:
        raise ValidationError({field: "Un coût ne peut pas être négatif."})
    return value


def _suggest(candidate: Candidate, *, by, need: Need) -> None:
    """A market offer typed in and absent from the catalogue is proposed to it (once)."""
    if candidate.solution_id or candidate.suggestion_id or by is None:
        return
    if Solution.objects.filter(name_key=search_key(candidate.name)).exists():
        return
    candidate.suggestion = suggestion_submit(
        name=candidate.name, website=candidate.website, origin=Origin.MARKET,
        description=f"Offre comparée pour le besoin « {need.title} » d'une mission "
        f"d'accompagnement sur-mesure ({need.mission.collectivite}).",
        comment=candidate.provider and f"Éditeur ou prestataire : {candidate.provider}.",
        by=by, categories=THEME_CATEGORIES.get(need.theme, ()),
    )  # fmt: skip


@transaction.atomic
def candidate_save(
    *, need: Need, solution: Solution | None = None, name: str = "", provider: str = "",
    website: str = "", technical: int | None = None, technical_note: str = "",
    economic: int | None = None, economic_note: str = "", human: int | None = None,
    human_note: str = "", cost_once: Decimal | None = None, cost_per_year: Decimal | None = None,
    recommended: bool = False, choice_criteria: str = "", candidate: Candidate | None = None,
    by=None,
) -> Candidate:  # fmt: skip
    """Add or correct a candidate solution of a need. A catalogue solution brings its name and
    site; a typed market offer absent from the catalogue becomes a suggestion to it."""
    check_documentable(need.mission)
    typed = (name or "").strip()
    if solution and typed and search_key(typed) != search_key(solution.name):
        raise ValidationError(
            {"name": f"Vous avez choisi « {solution.name} » dans le catalogue et tapé « {typed} » "
             ": gardez l'un ou l'autre."}
        )  # fmt: skip
    name = (solution.name if solution else typed).strip()
    if not name:
        raise ValidationError(
            {"name": "Choisissez une solution du catalogue ou tapez le nom de l'offre."}
        )
    if len(name) > 200:
        raise ValidationError({"name": "Le nom : 200 caractères au plus."})
    scores = {"technical": technical, "economic": economic, "human": human}
    if problems := rules.candidate_problems(
        scores, recommended=recommended, choice_criteria=choice_criteria
    ):
        raise ValidationError(problems)
    same = Candidate.objects.filter(need=need)
    if candidate is not None:
        same = same.exclude(pk=candidate.pk)
    if solution and same.filter(solution=solution).exists():
        raise ValidationError({"solution": f"« {name} » est déjà comparée pour ce besoin."})
    candidate = candidate or Candidate(need=need)
    candidate.solution, candidate.name = solution, name
    candidate.provider = (provider or "").strip()[:200]
    candidate.website = website or (solution.website if solution else "")
    candidate.technical, candidate.economic, candidate.human = technical, economic, human
    candidate.technical_note = _note(technical_note, "technical_note")
    candidate.economic_note = _note(economic_note, "economic_note")
    candidate.human_note = _note(human_note, "human_note")
    candidate.cost_once = _cost(cost_once, "cost_once")
    candidate.cost_per_year = _cost(cost_per_year, "cost_per_year")
    candidate.recommended = bool(recommended)
    candidate.choice_criteria = _note(choice_criteria, "choice_criteria")
    candidate.full_clean(exclude=["need", "suggestion", "solution"])
    _suggest(candidate, by=by, need=need)
    candidate.save()
    if not candidate.recommended:
        # Funding and partners belong to recommendations only.
        candidate.leads.all().delete()
    _changed(need.pk)
    return candidate


@transaction.atomic
def candidate_delete(*, candidate: Candidate) -> None:
    """Remove a candidate (and the funding and partners kept for it); the suggestion made to the
    catalogue stays with the team that moderates it."""
    check_documentable(candidate.need.mission)
    _changed(candidate.need_id)
    candidate.delete()


@transaction.atomic
def lead_decide(
    *, candidate: Candidate, kind: str, key: str, name: str, kept: bool, note: str = "",
    reasons=(), scheme: FundingScheme | None = None, operator: Operator | None = None,
) -> Lead:  # fmt: skip
    """Keep or discard a funding scheme or a local partner for a recommendation, with a note;
    deciding again corrects the decision (kept in the history)."""
    check_documentable(candidate.need.mission)
    if not candidate.recommended:
        raise ValidationError(
            "Les financements et partenaires se choisissent pour une solution recommandée."
        )
    if kind not in LeadKind.values:
        raise ValidationError({"kind": f"Nature inconnue « {kind} »."})
    if not kept and not (note or "").strip():
        raise ValidationError({"note": "Dites pourquoi cette piste est écartée."})
    lead, _ = Lead.objects.update_or_create(
        candidate=candidate, kind=kind, key=key[:150],
        defaults={
            "name": name[:300], "kept": bool(kept), "note": _note(note, "note"),
            "reasons": [str(reason) for reason in reasons], "scheme": scheme,
            "operator": operator,
        },
    )  # fmt: skip
    return lead


@transaction.atomic
def lead_delete(*, lead: Lead) -> None:
    check_documentable(lead.candidate.need.mission)
    lead.delete()
