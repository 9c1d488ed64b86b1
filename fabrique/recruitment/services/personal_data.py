"""Personal data of a candidate: export and erasure of the applications sent with an address."""

from django.db import transaction

from fabrique.core.personal_data import ERASED_NAME, Person, redact, scrub_history

from ..models import Application, Review


def _applications(person: Person):
    return Application.objects.filter(email__iexact=person.email).select_related("offer")


def person_export(person: Person) -> list[dict]:
    return [
        {
            "offre": application.offer.title,
            "nom": application.name,
            "adresse_electronique": application.email,
            "message": application.message,
            "liens": application.links,
            "cv_joint": bool(application.cv),
            "etape": application.get_stage_display(),
            "motif_du_refus": application.rejection_reason,
            "consentement_le": application.consent_at,
            "recue_le": application.created_at,
        }
        for application in _applications(person).order_by("created_at", "pk")
    ]


def person_erase(person: Person) -> int:
    """Name, address, message, links and CV gone (the file after the commit); the offer, the
    stage and the dates stay for the counts. Reviews keep their rating, not their comment."""
    applications = list(_applications(person))
    files = [(a.cv.storage, a.cv.name) for a in applications if a.cv]
    needles = {**person.needles, **{a.name: ERASED_NAME for a in applications if a.name}}
    for application in applications:
        values = {
            "name": ERASED_NAME,
            "email": person.placeholder_email,
            "message": "",
            "links": "",
            "cv": "",
            "cv_content_type": "",
            "rejection_reason": redact(application.rejection_reason, needles),
        }
        Application.objects.filter(pk=application.pk).update(**values)
        scrub_history(Application, [application.pk], **values)
    pks = [application.pk for application in applications]
    reviews = list(Review.objects.filter(application_id__in=pks).values_list("pk", flat=True))
    Review.objects.filter(pk__in=reviews).update(note="")
    scrub_history(Review, reviews, note="")
    for storage, name in files:
        transaction.on_commit(lambda storage=storage, name=name: storage.delete(name))
    return len(applications)
