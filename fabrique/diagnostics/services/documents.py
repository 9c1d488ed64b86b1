"""The deliverable of a mission: PDF + ODT, every version kept."""

from datetime import date, datetime, time

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
def deliverable_generate(*, mission: Mission, by, today: date | None = None) -> Deliverable:
    """A new version of the mission report, as PDF and ODT (both kept, downloadable), dated
    `today` (the day it is produced; given by the demo, which dates its missions in the past)."""
    check_documentable(mission)
    if not mission.needs.exists():
        raise ValidationError(
            "Le rapport se produit quand la mission a au moins un besoin : ajoutez-en un."
        )
    version = (mission.deliverables.aggregate(last=Max("version"))["last"] or 0) + 1
    name = f"mission-{mission.pk}-v{version}"
    deliverable = Deliverable(mission=mission, version=version, author=by)
    deliverable.pdf.save(f"{name}.pdf", ContentFile(deliverable_pdf(mission, today)), save=False)
    deliverable.odt.save(f"{name}.odt", ContentFile(deliverable_odt(mission, today)), save=False)
    deliverable.save()
    if today is not None:  # `created_at` is set on creation: the day given is kept after it
        produced = timezone.make_aware(datetime.combine(today, time(17, 0)))
        Deliverable.objects.filter(pk=deliverable.pk).update(created_at=produced)
        deliverable.created_at = produced
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
