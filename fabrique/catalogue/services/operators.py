"""Writes of operators (the structures that run solutions for collectivités)."""

from django.core.exceptions import ValidationError
from django.db import transaction

from ..models import (
    Operator,
)
from .common import (
    build,
    full_clean,
    imported_error,
    unique_slug,
)


@transaction.atomic
def operator_save(
    *, name: str, departements=None, solutions=None, operator: Operator | None = None, **fields
) -> Operator:
    """Create an operator from its field values, or change `operator` (fields not given keep
    their value); `departements` and `solutions` replace the current ones when given."""
    operator = build(Operator, operator, {"name": name, **fields}, service="operator_save")
    if operator.siret and not (operator.siret.isdigit() and len(operator.siret) <= 14):
        raise ValidationError({"siret": "Le SIRET s'écrit avec 14 chiffres au plus."})
    if not operator.slug:
        operator.slug = unique_slug(Operator, operator.name, operator.pk, "operateur")
    if not operator.external_id:
        operator.external_id = None
    full_clean(operator, exclude=["departements", "solutions"])
    operator.save()
    if departements is not None:
        operator.departements.set(departements)
    if solutions is not None:
        operator.solutions.set(solutions)
    return operator


@transaction.atomic
def operator_delete(*, operator: Operator) -> None:
    if operator.external_id:
        raise imported_error("Cette structure", "la Suite territoriale")
    operator.delete()
