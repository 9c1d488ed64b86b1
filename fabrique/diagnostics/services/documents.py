"""The deliverable of a mission: PDF + ODT, every version kept."""

from datetime import date

from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.db import transaction
from django.db.models import Max
from django.utils import timezone

from ..exports import deliverable_odt, deliverable_pdf
from ..models import Deliverable, Mission
from ..vocabulary import MissionStatus
from .discovery import check_documentable


@transaction.atomic
def deliverable_generate(*, mission: Mission, by) -> Deliverable:
    """A new version of the mission report, as PDF and ODT (both kept, downloadable)."""
    check_documentable(mission)
    if not mission.needs.exists():
        raise ValidationError(
            "Le rapport se produit quand la mission a au moins un besoin : ajoutez-en un."
        )
    version = (mission.deliverables.aggregate(last=Max("version"))["last"] or 0) + 1
    name = f"mission-{mission.pk}-v{version}"
    deliverable = Deliverable(mission=mission, version=version, author=by)
    deliverable.pdf.save(f"{name}.pdf", ContentFile(deliverable_pdf(mission)), save=False)
    deliverable.odt.save(f"{name}.odt", ContentFile(deliverable_odt(mission)), save=False)
    deliverable.save()
    return deliverable


@transaction.atomic
def deliverable_finalize(*, deliverable: Deliverable, today: date | None = None) -> Deliverable:
    """Mark a version final: the mission is then « livrée »."""
    mission = deliverable.mission
    if mission.status != MissionStatus.IN_PROGRESS:
        raise ValidationError("Seule une mission en cours peut être livrée.")
    deliverable.is_final = True
    deliverable.save(update_fields=["is_final"])
    mission.status = MissionStatus.DELIVERED
    mission.delivered_on = today or timezone.localdate()
    mission.save(update_fields=["status", "delivered_on"])
    return deliverable
