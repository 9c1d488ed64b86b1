"""Suppliers of the procured expert modules (with their framework contract), kept by the team."""

from django.core.exceptions import ValidationError
from django.db import transaction

from ..models import Supplier


@transaction.atomic
def supplier_save(*, supplier: Supplier | None = None, name: str, contract_reference: str):
    """Create (`supplier` None) or update a supplier; its name is unique."""
    target = supplier or Supplier()
    target.name = name.strip()
    target.contract_reference = contract_reference.strip()
    target.full_clean()
    target.save()
    return target


@transaction.atomic
def supplier_delete(*, supplier: Supplier) -> None:
    """Delete a supplier no module uses; one that has modules is kept (the orders name it)."""
    used = supplier.modules.count()
    if used:
        raise ValidationError(
            f"« {supplier.name} » a {used} module{'s' if used > 1 else ''} d'expertise : "
            "il reste dans la liste tant que ses modules existent (modifiez-le plutôt)."
        )
    supplier.delete()
