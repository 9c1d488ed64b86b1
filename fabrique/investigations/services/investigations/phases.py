"""The five phases of an investigation: artefacts, closing in order, reopening the last."""

from datetime import date

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from ...models import InvestigationPhase
from ...rules import (
    close_date_problem,
    close_order_problem,
    missing_artefacts,
    reopen_order_problem,
)
from ...vocabulary import ARTEFACT_LABELS, ExitRoute

ARTEFACT_FIELDS = sorted({*ARTEFACT_LABELS})


@transaction.atomic
def phase_update(*, phase: InvestigationPhase, **artefacts) -> InvestigationPhase:
    unknown = set(artefacts) - set(ARTEFACT_FIELDS)
    if unknown:
        raise ValidationError({"__all__": f"Champs inconnus : {', '.join(sorted(unknown))}."})
    if "exit_route" in artefacts and artefacts["exit_route"] not in ("", *ExitRoute.values):
        raise ValidationError({"exit_route": "Choisissez une voie de sortie de la liste."})
    for name, value in artefacts.items():
        setattr(phase, name, value)
    phase.full_clean()
    phase.save()
    return phase


@transaction.atomic
def phase_close(*, phase: InvestigationPhase, summary: str, on: date | None = None):
    """Close a phase, in order, with a short summary and its artefacts filled in."""
    today = timezone.localdate()
    on = on or today
    closed = dict(
        InvestigationPhase.objects.filter(
            investigation=phase.investigation_id, closed_on__isnull=False
        ).values_list("step", "closed_on")
    )
    errors = {}
    order = close_order_problem(phase.step, set(closed))
    if order:
        errors["__all__"] = order
    when = close_date_problem(
        on, phase.investigation.start, closed.get(phase.step - 1), today=today
    )
    if when:
        errors["on"] = when
    if not summary.strip():
        errors["summary"] = "Résumez la phase en quelques lignes pour la clore."
    missing = missing_artefacts(phase.step, {n: getattr(phase, n) for n in ARTEFACT_FIELDS})
    if missing:
        errors["artefacts"] = (
            "Renseignez d'abord : " + ", ".join(ARTEFACT_LABELS[name] for name in missing) + "."
        )
    if errors:
        raise ValidationError(errors)
    phase.summary, phase.closed_on = summary.strip(), on
    phase.save(update_fields=["summary", "closed_on"])
    return phase


@transaction.atomic
def phase_reopen(*, phase: InvestigationPhase) -> InvestigationPhase:
    """Reopen the last closed phase to correct it (its synthesis stays, to be closed again),
    as long as the go/no-go committee has not decided."""
    closed = set(
        InvestigationPhase.objects.filter(
            investigation=phase.investigation_id, closed_on__isnull=False
        ).values_list("step", flat=True)
    )
    if phase.investigation.decision:
        raise ValidationError(
            {"__all__": "Le comité a rendu sa décision : les phases ne se rouvrent plus."}
        )
    if wrong := reopen_order_problem(phase.step, closed):
        raise ValidationError({"__all__": wrong})
    phase.closed_on = None
    phase.save(update_fields=["closed_on"])
    return phase
