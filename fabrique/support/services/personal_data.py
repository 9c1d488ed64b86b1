"""Personal data in the support offer: registrations (with satisfaction answers) and requests."""

from fabrique.core.personal_data import Person, scrub_history

from ..models import Registration, SupportRequest


def person_export(person: Person) -> list[dict]:
    rows = [
        {
            "type": "inscription",
            "session": str(registration.session),
            "statut": registration.get_status_display(),
            "inscrit_le": registration.created_at,
            "present": registration.attended,
            "satisfaction": registration.score,
            "commentaire": registration.comment,
        }
        for registration in Registration.objects.filter(user=person.user).select_related(
            "session__format"
        )
    ]
    rows += [
        {
            "type": "demande d'accompagnement",
            "theme": request.get_theme_display(),
            "besoin": request.message,
            "statut": request.get_status_display(),
            "reponse": request.answer,
            "envoyee_le": request.created_at,
        }
        for request in SupportRequest.objects.filter(requester=person.user)
    ]
    return rows


def person_erase(person: Person) -> int:
    """Registrations stay (attendance counts, scores) without their free comment; requests stay
    attached to the anonymised account (their texts are swept for the name afterwards)."""
    registrations = list(Registration.objects.filter(user=person.user).values_list("pk", flat=True))
    Registration.objects.filter(pk__in=registrations).update(comment="")
    scrub_history(Registration, registrations, comment="")
    return len(registrations)
