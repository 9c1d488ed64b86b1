"""Exports of the support offer: iCalendar (.ics) and XLSX/ODS/CSV tables on core.exports."""

from datetime import UTC

from django.utils import timezone
from icalendar import Calendar
from icalendar.parser import escape_char, foldline

from fabrique.core.exports import DATE, MONEY, NUMBER, Column

PRODID = "-//Fabrique//Offre d'accompagnement//FR"
UTC_STAMP = "%Y%m%dT%H%M%SZ"


def _stamp(moment) -> str:
    return moment.astimezone(UTC).strftime(UTC_STAMP)


def _line(name: str, value: str) -> str:
    """One content line, text escaped and folded at 75 octets by the icalendar package."""
    return foldline(f"{name}:{escape_char(value)}")


def _event_lines(session, url: str, stamp: str, *, with_video_link: bool) -> list[str]:
    description = session.format.get_kind_display()
    summary = session.format.title
    # A person's feed marks the sessions where they are on the waiting list (person_sessions):
    # a tentative event, said in the title, not a seat they have.
    waiting = getattr(session, "waiting", False)
    if waiting:
        summary = f"Liste d'attente — {summary}"
        description += (
            "\nVous êtes sur la liste d'attente : un courriel vous dira si une place se libère."
        )
    video = session.video_url if with_video_link else ""
    if video:
        description += f"\nVisio : {video}"
    elif session.video_url:
        description += "\nVisio : le lien est donné aux inscrit·es."
    lines = [
        "BEGIN:VEVENT",
        f"UID:session-{session.pk}@fabrique",
        f"DTSTAMP:{stamp}",
        f"DTSTART:{_stamp(session.start)}",
        f"DTEND:{_stamp(session.end)}",
        _line("SUMMARY", summary),
        "STATUS:TENTATIVE" if waiting else "STATUS:CONFIRMED",
        _line("LOCATION", session.place or video or ("En visio" if session.video_url else "")),
        # escape_char turns the newline into the two characters "\n" that iCalendar expects.
        _line("DESCRIPTION", description),
    ]
    if url:
        lines.append(foldline(f"URL:{url}"))
    lines.append("END:VEVENT")
    return lines


def calendar(sessions, *, name: str, url_for=lambda session: "", video_link_ids=()) -> bytes:
    """One VCALENDAR with a VEVENT per session (a session's .ics or a person's feed).

    The calendar's header is built by `icalendar.Calendar`; events are written line by line with
    the package's escaping and folding (a feed of 500 events in a few milliseconds, where
    building 500 `Event` objects takes ~100 ms). Tests parse the result back with icalendar.
    """
    header = Calendar()
    header.add("prodid", PRODID)
    header.add("version", "2.0")
    header.add("x-wr-calname", name)
    head = header.to_ical().decode().removesuffix("END:VCALENDAR\r\n").rstrip("\r\n")
    stamp = _stamp(timezone.now())
    lines = [head]
    for session in sessions:
        lines.extend(
            _event_lines(
                session, url_for(session), stamp, with_video_link=session.pk in video_link_ids
            )
        )
    lines.append("END:VCALENDAR")
    return ("\r\n".join(lines) + "\r\n").encode()


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
    Column("Montant HT (€)", MONEY),
    Column("Montant TTC (€)", MONEY),
    Column("Service fait TTC (€)", MONEY),
    Column("Reliquat TTC (€)", MONEY),
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
    Column("Collectivités accompagnées", NUMBER),
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
            r["collectivites"],
            r["attendance"],
            r["satisfaction"],
        ]
        for r in rows
    ]
