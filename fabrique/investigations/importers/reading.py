"""A beta.gouv.fr startup file read as an investigation, with no writing: its outcome from its
phases (go, no-go, an end without decision, still running), its planned duration, its
statement and its collectivités, and what the team should check (`Plan`).
"""

from dataclasses import dataclass, field
from datetime import date, timedelta

from django.utils import timezone

from fabrique.core.frontmatter import UNCLOSED_NOTE, read_allowing_unclosed
from fabrique.portfolio.importers.startups import (
    PhaseData,
    StartupData,
    StartupFileError,
    parse_startup,
)
from fabrique.portfolio.rules import label
from fabrique.portfolio.vocabulary import PhaseName

from ..models import Problem
from ..rules import planned_phase_dates
from ..vocabulary import MAX_WEEKS, MIN_WEEKS, Decision
from .names import Resolved, Resolver, split_names, sponsor_lines, unique, without_sponsor_lines
from .statement import plain_text, subject

IMPORTED_SUMMARY = "Importée d'une fiche beta.gouv.fr."
DEFAULT_WEEKS = 10
WEEKS_KEY = "duree_semaines"  # the platform's export: the planned duration, read back as it is
GO_PHASES = frozenset({PhaseName.CONSTRUCTION, PhaseName.ACCELERATION, PhaseName.CONSOLIDATION})
NO_GO_PHASES = frozenset({PhaseName.INVESTIGATION_ABANDONED, PhaseName.ABANDONED})


def _day(value: date) -> str:
    return f"{value:%d/%m/%Y}"


@dataclass
class Plan:
    """What one file says, ready to be written."""

    title: str
    statement: str
    start: date
    weeks: int
    decision: str = ""
    decided_on: date | None = None
    end: date | None = None  # the investigation's last day, when the file gives it
    resolved: Resolved = field(default_factory=Resolved)
    notes: list[str] = field(default_factory=list)

    def phases(self) -> list[dict]:
        """The five phases as the import writes them: when the end is known, each is closed
        by its planned end at the latest, and the last one on the investigation's last day."""
        dates = planned_phase_dates(self.start, self.weeks)
        return [
            {
                "step": step,
                "planned_start": begin,
                "planned_end": finish,
                "closed_on": (self.end if step == len(dates) else min(finish, self.end))
                if self.end
                else None,
                "summary": IMPORTED_SUMMARY if self.end else "",
            }
            for step, (begin, finish) in enumerate(dates, 1)
        ]


def _outcome(data: StartupData, plan_notes: list[str], declared: int | None = None) -> dict:
    """start, weeks, decision, decided_on and end from the file's phases; `declared` is the
    planned duration the platform's own export writes (`duree_semaines`), kept as it is."""
    investigations = sorted(
        (phase for phase in data.phases if phase.name == PhaseName.INVESTIGATION),
        key=lambda phase: phase.start,
    )
    if not investigations:
        # A phase the reading had to drop (a start in 2120, say) is the true reason.
        dropped = next(
            (note for note in plan_notes
             if "« investigation »" in note.casefold() and "pas été importée" in note),
            None,
        )  # fmt: skip
        raise StartupFileError(
            dropped or "pas de phase « investigation » : ce n'est pas une investigation."
        )
    investigation = investigations[0]
    others = sorted(
        (phase for phase in data.phases if phase.name != PhaseName.INVESTIGATION),
        key=lambda phase: phase.start,
    )
    if others and others[0].start < investigation.start:
        raise StartupFileError(
            f"la phase « investigation » commence le {_day(investigation.start)}, après la "
            f"phase « {label(others[0].name)} » du {_day(others[0].start)} qui devrait la "
            "suivre : date à corriger dans la fiche."
        )
    following: PhaseData | None = others[0] if others else None
    decision, decided_on = "", None
    end = investigation.end
    if following is not None and following.name in NO_GO_PHASES | GO_PHASES:
        decision = Decision.NO_GO if following.name in NO_GO_PHASES else Decision.GO
        decided_on = following.start
        end = min(end or following.start, following.start)
    elif following is not None:
        end = min(end or following.start, following.start)
        plan_notes.append(
            f"l'investigation s'arrête le {_day(end)} (la fiche passe alors en phase "
            f"« {label(following.name)} ») sans décision go/no-go : ses phases sont closes à "
            "cette date, la décision reste à renseigner."
        )
    elif end is not None:
        plan_notes.append(
            f"la phase « investigation » finit le {_day(end)} sans décision go/no-go dans la "
            "fiche : ses phases sont closes à cette date, la décision reste à renseigner."
        )
    weeks = declared or DEFAULT_WEEKS
    if end is not None and declared is None:
        real = round((end - investigation.start).days / 7)
        weeks = min(max(real, MIN_WEEKS), MAX_WEEKS)
        if weeks != real:
            bound = "maximale" if real > MAX_WEEKS else "minimale"
            plan_notes.append(
                f"durée réelle de {real} semaines (du {_day(investigation.start)} au "
                f"{_day(end)}) : enregistrée comme {weeks} semaines, la durée {bound} d'une "
                f"investigation ; la dernière phase est close le {_day(end)}."
            )
    elif end is None:
        planned_end = investigation.start + timedelta(weeks=weeks)
        if planned_end < timezone.localdate():
            plan_notes.append(
                f"ni fin ni décision dans la fiche pour une investigation commencée le "
                f"{_day(investigation.start)} : importée en cours ({weeks} semaines prévues, "
                f"jusqu'au {_day(planned_end)}), à clore ou décider à la main."
            )
    return {
        "start": investigation.start,
        "weeks": weeks,
        "decision": decision,
        "decided_on": decided_on,
        "end": end,
    }


def _header(text: str) -> dict:
    """The front matter as read (parse_startup has already accepted it)."""
    return read_allowing_unclosed(text, [])[0]


def _declared_weeks(header: dict, notes: list[str]) -> int | None:
    """The planned duration written by the platform's export (`duree_semaines: 12`): the
    files of beta.gouv.fr have none, their duration is read from the phases' dates."""
    value = header.get(WEEKS_KEY)
    if value is None:
        return None
    if isinstance(value, int) and not isinstance(value, bool) and MIN_WEEKS <= value <= MAX_WEEKS:
        return value
    notes.append(
        f"« {WEEKS_KEY} : {value} » ignoré (une investigation dure de {MIN_WEEKS} à "
        f"{MAX_WEEKS} semaines) : durée lue dans les dates des phases."
    )
    return None


def _plain_sponsors(header: dict) -> list[str]:
    """Names in `sponsors:` that are written as names: `/organisations/anct` is the id of a
    beta.gouv.fr organisation (a sponsor of the programme), not a collectivité."""
    values = header.get("sponsors") or []
    values = values if isinstance(values, list) else [values]
    return [
        value.strip()
        for value in values
        if isinstance(value, str)
        and value.strip()
        and not value.strip().startswith(("/", "organisations/"))
    ]


def _collectivites(body: str, header: dict, resolver: Resolver) -> tuple[Resolved, list[str]]:
    resolved, notes = Resolved(), []
    codes = header.get("collectivites")
    if isinstance(codes, list) and codes:
        for code in map(str, codes):
            if (territory := resolver.by_code(code)) is not None:
                resolved.add(territory)
            else:
                resolved.keep(code, f"code « {code} » absent du référentiel des territoires.")
        return resolved, resolved.reasons
    lines = sponsor_lines(body)
    names = unique(name for line in lines for name in split_names(line))
    if not names:
        names = unique(name for value in _plain_sponsors(header) for name in split_names(value))
    if not names:
        if lines:
            notes.append(
                "ligne « Collectivité sponsor » vide : aucune collectivité rattachée, à "
                "compléter à la main."
            )
        else:
            notes.append(
                "aucune collectivité nommée (ni ligne « Collectivité sponsor : … », ni nom dans "
                "« sponsors ») : à compléter à la main."
            )
        return resolved, notes
    resolver.resolve_all(names, resolved)
    return resolved, resolved.reasons


def read_investigation(slug: str, text: str, resolver: Resolver) -> Plan:
    """One file's plan; StartupFileError (in French) when it cannot be imported."""
    data = parse_startup(text, slug)
    notes = [note for note in data.notes if "phase" in note.lower() or note == UNCLOSED_NOTE]
    header = _header(text)
    outcome = _outcome(data, notes, _declared_weeks(header, notes))
    title = subject(data.fields["name"], data.fields.get("mission", ""))
    body = data.fields.get("description", "")
    resolved, name_notes = _collectivites(body, header, resolver)
    return Plan(
        title=title[: Problem._meta.get_field("title").max_length],
        statement=plain_text(without_sponsor_lines(body)) or title,
        resolved=resolved,
        notes=name_notes + notes,
        **outcome,
    )
