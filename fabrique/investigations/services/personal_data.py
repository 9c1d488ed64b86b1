"""Personal data in the investigation programme: problems submitted and days spent."""

from django.db.models import Q

from fabrique.core.personal_data import ERASED_NAME, Person, scrub_history

from ..models import DayEntry, Problem


def person_export(person: Person) -> list[dict]:
    rows = [
        {
            "type": "problème déposé",
            "intitule": problem.title,
            "probleme": problem.statement,
            "statut": problem.get_status_display(),
            "depose_le": problem.created_at,
        }
        for problem in Problem.objects.filter(submitted_by=person.user)
    ]
    rows += [
        {
            "type": "jours passés",
            "investigation": str(entry.investigation),
            "date": entry.day,
            "jours": entry.days,
            "role": entry.get_role_display(),
            "note": entry.note,
        }
        for entry in DayEntry.objects.filter(person=person.user).select_related(
            "investigation__problem"
        )
    ]
    return rows


def person_erase(person: Person) -> int:
    """Days stay (they count), under « Personne effacée »; problems stay with the collectivité
    (their texts are swept for the name afterwards)."""
    names = Q(person=person.user)
    for name in person.names:
        names |= Q(person=None, full_name__iexact=name)
    entries = list(DayEntry.objects.filter(names).values_list("pk", flat=True))
    DayEntry.objects.filter(pk__in=entries).update(full_name=ERASED_NAME)
    scrub_history(DayEntry, entries, full_name=ERASED_NAME)
    return len(entries)
