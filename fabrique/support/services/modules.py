"""Procured expert modules: need, quote, order, delivery, service fait, closure, carry-over."""

from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from fabrique.accounts.access import is_incubator_staff
from fabrique.core.numbers import euros
from fabrique.core.uploads import check_document

from .. import rules
from ..models import ExpertModule, ModuleDeliverable
from ..vocabulary import ModuleStatus
from .notify import record_expense
from .reopen import reopen_requests

ORDER_RESERVED = (
    "Les commandes passent par les marchés de l'incubateur : seule l'équipe de l'incubateur "
    "peut commander. Une collectivité ne peut pas commander sur ces marchés."
)
# What the project's side (porteur, coach following the module) reads while a quote waits: the
# rule above is the team's, said on the order form.
ORDERED_BY_TEAM = (
    "L'équipe de l'incubateur passe la commande sur ses marchés : vous n'avez rien à commander."
)
DELIVERABLE_MAX_BYTES = 20 * 1024 * 1024


def module_origin(module: ExpertModule) -> str:
    """How the budget names the module whose service fait it records."""
    return f"le service fait du module d'expertise n° {module.pk} « {module.expertise} »"[:200]


def _move(module: ExpertModule, target: str) -> None:
    if problem := rules.move_problem(module.status, target):
        raise ValidationError(problem)
    module.status = target


@transaction.atomic
def module_save(
    *,
    project,
    expertise: str,
    theme: str,
    reason: str = "",
    expected_deliverables: str = "",
    follower=None,
    carried_from=None,
    module: ExpertModule | None = None,
    supplier=None,
    statement_of_need: str | None = None,
    days_per_profile: str | None = None,
) -> ExpertModule:
    """Record a need for expertise, or correct one before it is ordered (identifié, devis):
    the need, and the quote when there is one. An ordered module is frozen."""
    if module is not None:
        if problem := rules.module_change_problem(module.status):
            raise ValidationError(problem)
        if module.status == ModuleStatus.QUOTE and statement_of_need is not None:
            if supplier is None:
                raise ValidationError({"supplier": "Choisissez le prestataire."})
            module.supplier = supplier
            module.statement_of_need = statement_of_need
            module.days_per_profile = days_per_profile or ""
    else:
        module = ExpertModule(carried_from=carried_from)
    if not expertise.strip():
        raise ValidationError({"expertise": "Dites quelle expertise est recherchée."})
    module.project, module.expertise, module.theme = project, expertise.strip(), theme
    module.reason, module.expected_deliverables = reason, expected_deliverables
    module.follower = follower
    module.full_clean()
    module.save()
    return module


# Creation is a save without an instance: one function, the name callers know.
module_create = module_save


@transaction.atomic
def module_delete(*, module: ExpertModule, by=None) -> None:
    """Delete a need for expertise that is not ordered yet (kept in the history)."""
    if problem := rules.module_change_problem(module.status):
        raise ValidationError(problem)
    reopen_requests(by=by, module=module)
    module._history_user = by
    module.delete()


@transaction.atomic
def module_quote(
    *, module: ExpertModule, supplier, statement_of_need: str, days_per_profile: str
) -> ExpertModule:
    _move(module, ModuleStatus.QUOTE)
    if supplier is None:
        raise ValidationError({"supplier": "Choisissez le prestataire."})
    module.supplier = supplier
    module.statement_of_need = statement_of_need
    module.days_per_profile = days_per_profile
    module.save()
    return module


@transaction.atomic
def module_order(
    *,
    module: ExpertModule,
    by,
    order_reference: str,
    amount_excl_vat: Decimal,
    amount_incl_vat: Decimal,
    days: Decimal,
    ordered_on,
    due_on,
) -> ExpertModule:
    if not is_incubator_staff(by):
        raise ValidationError(ORDER_RESERVED)
    order = _checked_order(
        module,
        order_reference=order_reference,
        amount_excl_vat=amount_excl_vat,
        amount_incl_vat=amount_incl_vat,
        days=days,
        ordered_on=ordered_on,
        due_on=due_on,
    )
    _move(module, ModuleStatus.ORDERED)
    return _write_order(module, order)


@transaction.atomic
def module_order_correct(
    *,
    module: ExpertModule,
    by,
    order_reference: str,
    amount_excl_vat: Decimal,
    amount_incl_vat: Decimal,
    days: Decimal,
    ordered_on,
    due_on,
) -> ExpertModule:
    """Correct a mistake in an order (its reference, amounts, days, dates) until the service fait
    is attested, with the order's rules; the module stays at its step."""
    if not is_incubator_staff(by):
        raise ValidationError(ORDER_RESERVED)
    if problem := rules.order_correction_problem(module.status):
        raise ValidationError(problem)
    order = _checked_order(
        module,
        order_reference=order_reference,
        amount_excl_vat=amount_excl_vat,
        amount_incl_vat=amount_incl_vat,
        days=days,
        ordered_on=ordered_on,
        due_on=due_on,
    )
    return _write_order(module, order)


def _checked_order(module: ExpertModule, **order) -> dict:
    """The order's values once its rules hold (amounts, days, dates; a module already delivered
    is not delivered before its order), else a ValidationError naming each field."""
    errors = rules.order_errors(
        excl=order["amount_excl_vat"],
        incl=order["amount_incl_vat"],
        days=order["days"],
        ordered_on=order["ordered_on"],
        due_on=order["due_on"],
    )
    if module.delivered_on and not errors.get("ordered_on"):
        problem = rules.delivery_date_problem(
            delivered_on=module.delivered_on,
            ordered_on=order["ordered_on"],
            today=timezone.localdate(),
        )
        if problem:
            errors["ordered_on"] = problem
    if errors:
        raise ValidationError(errors)
    return order


def _write_order(module: ExpertModule, order: dict) -> ExpertModule:
    for field, value in order.items():
        setattr(module, field, value)
    module.save()
    return module


@transaction.atomic
def module_mark(*, module: ExpertModule, target: str, delivered_on=None) -> ExpertModule:
    """Start (commandé → en cours) or record delivery (en cours → livré) on the day it happened
    (today when not given)."""
    if target not in (ModuleStatus.IN_PROGRESS, ModuleStatus.DELIVERED):
        raise ValidationError("Étape inconnue.")
    if target == ModuleStatus.DELIVERED:
        delivered_on = delivered_on or timezone.localdate()
        problem = rules.delivery_date_problem(
            delivered_on=delivered_on, ordered_on=module.ordered_on, today=timezone.localdate()
        )
        if problem:
            raise ValidationError({"delivered_on": problem})
        module.delivered_on = delivered_on
    _move(module, target)
    module.save()
    return module


@transaction.atomic
def module_deliverable_add(*, module: ExpertModule, title: str, upload) -> ModuleDeliverable:
    kind = check_document(upload, max_bytes=DELIVERABLE_MAX_BYTES)
    if module.status not in (ModuleStatus.IN_PROGRESS, ModuleStatus.DELIVERED):
        raise ValidationError("Les livrables se déposent quand le module est en cours ou livré.")
    deliverable = ModuleDeliverable(
        module=module, title=title.strip() or "Livrable", content_type=kind
    )
    deliverable.file.save("livrable", upload, save=False)
    deliverable.save()
    return deliverable


@transaction.atomic
def module_deliverable_delete(*, deliverable: ModuleDeliverable, by=None) -> None:
    """Delete a deliverable while the service fait is not attested (kept in the history; the
    file leaves the storage once the deletion is committed)."""
    if problem := rules.deliverable_delete_problem(deliverable.module.status):
        raise ValidationError(problem)
    file = deliverable.file
    deliverable._history_user = by
    deliverable.delete()
    if file:
        transaction.on_commit(lambda: file.storage.delete(file.name))


@transaction.atomic
def module_attest(*, module: ExpertModule, by, paid_incl_vat: Decimal | None = None):
    """Service fait: all of the order, or a part (closed early; the remainder is shown).

    The amount attested becomes an expense of the project's budget (portfolio).
    """
    if problem := rules.move_problem(module.status, ModuleStatus.SERVICE_FAIT):
        raise ValidationError(problem)
    if not is_incubator_staff(by):
        raise ValidationError("Seule l'équipe de l'incubateur atteste le service fait.")
    paid = module.amount_incl_vat if paid_incl_vat is None else paid_incl_vat
    if paid is None or paid < 0 or paid > module.amount_incl_vat:
        ordered = euros(module.amount_incl_vat)
        raise ValidationError(
            {"paid_incl_vat": f"Le montant attesté va de 0 à {ordered} TTC, le montant commandé."}
        )
    _move(module, ModuleStatus.SERVICE_FAIT)
    module.paid_incl_vat = paid
    module.attested_by = by
    module.attested_at = timezone.now()
    module.expense = record_expense(
        project=module.project,
        day=timezone.localdate(),
        amount=paid,
        label=f"Module d'expertise : {module.expertise}"[:200],
        origin=module_origin(module),
    )
    module.save()
    return module


@transaction.atomic
def module_close(*, module: ExpertModule, evaluation: str, score: int | None) -> ExpertModule:
    if not evaluation.strip():
        raise ValidationError({"evaluation": "Écrivez une courte évaluation."})
    if score is not None and not 1 <= score <= 5:
        raise ValidationError({"evaluation_score": "La note va de 1 à 5."})
    _move(module, ModuleStatus.CLOSED)
    module.evaluation = evaluation.strip()
    module.evaluation_score = score
    module.save()
    return module


@transaction.atomic
def module_carry_over(*, module: ExpertModule) -> ExpertModule:
    """A next module for the unused remainder of a partial service fait."""
    left = rules.remainder(ordered=module.amount_incl_vat, paid=module.paid_incl_vat)
    if module.paid_incl_vat is None or left <= 0:
        raise ValidationError("Aucun reliquat à reporter sur ce module.")
    if module.carried_to.exists():
        raise ValidationError("Le reliquat de ce module est déjà reporté.")
    return module_create(
        project=module.project,
        expertise=f"{module.expertise} (reliquat de {euros(left)} TTC)"[:200],
        theme=module.theme,
        reason=module.reason,
        expected_deliverables=module.expected_deliverables,
        follower=module.follower,
        carried_from=module,
    )
