"""Exports of the support offer: iCalendar (.ics) and XLSX/ODS/CSV tables on core.exports."""

from datetime import UTC

from django.utils import timezone
from icalendar import Calendar, Event

from fabrique.core.exports import DATE, MONEY, NUMBER, Column

PRODID = "-//Fabrique//Offre d'accompagnement//FR"


def _event(session, url: str) -> Event:
    event = Event()
    event.add("uid", f"session-{session.pk}@fabrique")
    event.add("dtstamp", timezone.now().astimezone(UTC))
    event.add("dtstart", session.start.astimezone(UTC))
    event.add("dtend", session.end.astimezone(UTC))
    event.add("summary", session.format.title)
    event.add("location", session.place or session.video_url or "")
    description = session.format.get_kind_display()
    if session.video_url:
        description += f"\nVisio : {session.video_url}"
    event.add("description", description)
    if url:
        event.add("url", url)
    return event


def calendar(sessions, *, name: str, url_for=lambda session: "") -> bytes:
    """One VCALENDAR with a VEVENT per session (a session's .ics or a person's feed)."""
    cal = Calendar()
    cal.add("prodid", PRODID)
    cal.add("version", "2.0")
    cal.add("x-wr-calname", name)
    for session in sessions:
        cal.add_component(_event(session, url_for(session)))
    return cal.to_ical()


MODULE_COLUMNS = [
    Column("Projet", width=30),
    Column("Expertise", width=30),
    Column("Prestataire", width=25),
    Column("Marché", width=20),
    Column("Bon de commande"),
    Column("Statut"),
    Column("Commandé le", DATE),
    Column("Livraison prévue", DATE),
    Column("Livré le", DATE),
    Column("Jours", NUMBER),
    Column("Montant HT", MONEY),
    Column("Montant TTC", MONEY),
    Column("Service fait TTC", MONEY),
    Column("Reliquat TTC", MONEY),
]


def module_rows(modules) -> list[list]:
    return [
        [
            m.project.name,
            m.expertise,
            m.supplier.name if m.supplier else "",
            m.supplier.contract_reference if m.supplier else "",
            m.order_reference,
            m.get_status_display(),
            m.ordered_on,
            m.due_on,
            m.delivered_on,
            m.days,
            m.amount_excl_vat,
            m.amount_incl_vat,
            m.paid_incl_vat,
            m.remainder,
        ]
        for m in modules
    ]


REACH_COLUMNS = [
    Column("Thème", width=30),
    Column("Trimestre"),
    Column("Projets accompagnés", NUMBER),
    Column("Agents accompagnés", NUMBER),
    Column("Taux de présence (%)", NUMBER),
    Column("Satisfaction moyenne", NUMBER),
]


def reach_rows(rows, theme_labels) -> list[list]:
    return [
        [
            theme_labels.get(r["theme"], r["theme"]),
            r["quarter"],
            r["projects"],
            r["agents"],
            r["attendance"],
            r["satisfaction"],
        ]
        for r in rows
    ]
