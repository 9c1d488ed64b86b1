"""Personal data in sur-mesure missions: the missions a person asked for or is the contact of,
their time entries, and the people met (interviews) who bear their name in those missions or
in the missions of their collectivités."""

from django.db.models import Q

from fabrique.accounts.models import Membership
from fabrique.core.personal_data import Person, redact, scrub_history

from ..models import Comment, Interview, Mission, TimeEntry
from ..models import Person as MetPerson


def _missions(person: Person):
    """Missions tied to the person: asked by them, they are the contact, or of a collectivité
    they are attached to (where they may have been interviewed)."""
    links = Membership.objects.filter(user=person.user)
    return Mission.objects.filter(
        Q(requested_by=person.user)
        | Q(contact_email__iexact=person.email)
        | Q(consultant=person.user)
        | Q(commune__in=links.exclude(commune=None).values("commune"))
        | Q(epci__in=links.exclude(epci=None).values("epci"))
    )


def _people_met(person: Person):
    names = Q()
    for name in person.names:
        names |= Q(name__iexact=name)
    if not person.names:
        return MetPerson.objects.none()
    return MetPerson.objects.filter(names, mission__in=_missions(person))


def person_export(person: Person) -> list[dict]:
    rows = [
        {
            "type": "mission",
            "mission": str(mission),
            "demandee_le": mission.requested_on,
            "statut": mission.get_status_display(),
            "contact": mission.contact_name,
            "adresse_du_contact": mission.contact_email,
            "attentes": mission.hopes,
        }
        for mission in Mission.objects.filter(
            Q(requested_by=person.user) | Q(contact_email__iexact=person.email)
        ).select_related("commune", "epci")
    ]
    rows += [
        {
            "type": "temps passé",
            "mission": str(entry.mission),
            "date": entry.day,
            "jours": entry.half_days / 2,
            "activite": entry.get_kind_display(),
            "note": entry.note,
        }
        for entry in TimeEntry.objects.filter(person=person.user).select_related(
            "mission__commune", "mission__epci"
        )
    ]
    people = _people_met(person).select_related("mission__commune", "mission__epci")
    for met in people.prefetch_related("interviews"):
        rows.append(
            {
                "type": "personne rencontrée",
                "mission": str(met.mission),
                "nom": met.name,
                "role": met.get_role_display(),
                "service": met.service,
                "entretiens": [
                    {"date": interview.day, "intitule": str(interview)}
                    for interview in met.interviews.all()
                ],
            }
        )
    rows += [
        {
            "type": "commentaire",
            "mission": str(comment.mission),
            "ecrit_le": comment.created_at,
            "commentaire": comment.body,
        }
        for comment in Comment.objects.filter(author=person.user).select_related(
            "mission__commune", "mission__epci"
        )
    ]
    return rows


def person_erase(person: Person) -> int:
    """Contacts and names of people met cleared, interview notes redacted; missions, days and
    interviews stay (counts)."""
    needles = person.needles
    changed = 0
    missions = list(
        Mission.objects.filter(
            Q(contact_email__iexact=person.email)
            | Q(contact_name__in=[n for n in person.names if n])
        ).values_list("pk", flat=True)
    )
    values = {"contact_name": "", "contact_email": ""}
    changed += Mission.objects.filter(pk__in=missions).update(**values)
    scrub_history(Mission, missions, **values)
    people = list(_people_met(person).values_list("pk", flat=True))
    values = {"name": "", "name_is_public": False}
    changed += MetPerson.objects.filter(pk__in=people).update(**values)
    scrub_history(MetPerson, people, **values)
    interviews = Interview.objects.filter(people__in=people).distinct()
    for interview in interviews:
        notes = redact(interview.notes, needles)
        if notes != interview.notes:
            # Redacting the Markdown source redacts its HTML too (the same words).
            html = redact(interview.notes_html, needles)
            Interview.objects.filter(pk=interview.pk).update(notes=notes, notes_html=html)
            changed += 1
    comments = Comment.objects.filter(author=person.user) if person.user else Comment.objects.none()
    for comment in comments:
        body = redact(comment.body, needles)
        if body != comment.body:
            Comment.objects.filter(pk=comment.pk).update(body=body)
            scrub_history(Comment, [comment.pk], body=body)
            changed += 1
    return changed
