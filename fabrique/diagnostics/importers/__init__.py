"""Import of mission documents (JSON, the format of `docs/diagnostics.schema.json`): all or
nothing, each error named by its JSON path, in French.

`values`: the single values of a document, read or refused (`DocumentError`); `records`: the
parts of a mission written from it (needs' follow-up and benchmark, discovery); here, a mission
and the import of one document or a list.
"""

from datetime import date

from django.db import transaction
from django.utils import timezone

from fabrique.core.importing import Track, no_progress
from fabrique.territories.models import EPCI, Commune

from .. import rules
from ..models import (
    CriteriaGrid,
    Mission,
    Need,
    TimeEntry,
)
from ..services.missions import check_eligibility, consultant_problem, current_rule
from ..vocabulary import (
    ActivityKind,
    MissionStatus,
    NeedTheme,
)
from .records import check_extra_days, import_candidates, import_discovery, import_follow_up
from .values import (
    DocumentError,
    document_choice,
    document_collectivite,
    document_criteria,
    document_date,
    document_eligible,
    document_list,
    document_long_text,
    document_object,
    document_status,
    document_text,
    document_user,
)


def _one(data, at: str, users: dict, today: date) -> Mission:
    if not isinstance(data, dict):
        raise DocumentError(at, "une mission est un objet JSON.")
    collectivite = document_collectivite(data.get("collectivite"), f"{at}.collectivite")
    status = document_status(data.get("status", "demandee"), f"{at}.status")
    consultant = document_user(data.get("consultant"), f"{at}.consultant", users)
    if consultant is not None and (problem := consultant_problem(consultant)):
        raise DocumentError(f"{at}.consultant", f"« {consultant.email} » : {problem}")
    start = document_date(data.get("start"), f"{at}.start")
    _refuse_a_second_copy(collectivite, start, at)
    criteria = document_criteria(data.get("criteria"), f"{at}.criteria")
    grid = CriteriaGrid.objects.filter(criteria=criteria).order_by("pk").first()
    grid = grid or CriteriaGrid.objects.create(criteria=criteria)
    requested_on = document_date(data.get("requested_on"), f"{at}.requested_on", start or today)
    # The rule in force when the mission was requested: the one it keeps.
    rule = current_rule(requested_on)
    eligibility = document_object(data, "eligibility", at)
    eligible, reason = check_eligibility(collectivite, rule)
    stated = document_eligible(eligibility.get("eligible"), eligible, f"{at}.eligibility.eligible")
    if stated and not eligible:
        raise DocumentError(
            f"{at}.eligibility.eligible",
            f"{reason} L'éligibilité se calcule d'après le référentiel des territoires : "
            "écrivez false et, pour une mission acceptée malgré tout, son motif dans "
            "eligibility.acceptance_reason.",
        )
    acceptance_reason = document_text(
        eligibility.get("acceptance_reason"), f"{at}.eligibility.acceptance_reason", 2000
    )
    if not stated and status == MissionStatus.REQUESTED:
        status = MissionStatus.OUT_OF_CRITERIA  # kept « hors critères », as a form request
    contact = document_object(data, "contact", at)
    mission = Mission.objects.create(
        commune=collectivite if isinstance(collectivite, Commune) else None,
        epci=collectivite if isinstance(collectivite, EPCI) else None,
        hopes=document_long_text(data.get("hopes"), f"{at}.hopes", 10_000),
        contact_name=document_text(contact.get("name"), f"{at}.contact.name", 200),
        contact_email=document_text(contact.get("email"), f"{at}.contact.email", 254),
        status=status,
        eligible=stated,
        eligibility_reason=document_text(
            eligibility.get("reason") or reason, f"{at}.eligibility.reason", 300
        ),
        rule=rule,
        grid=grid,
        consultant=consultant,
        requested_on=requested_on,
        start=start,
        planned_end=document_date(
            data.get("planned_end"),
            f"{at}.planned_end",
            rules.planned_end(start) if start else None,
        ),
        delivered_on=document_date(data.get("delivered_on"), f"{at}.delivered_on"),
        closing_reason=document_long_text(
            data.get("closing_reason"), f"{at}.closing_reason", 10_000
        ),
        acceptance_reason=acceptance_reason,
    )
    for index, entry in enumerate(document_list(data, "days", at)):
        where = f"{at}.days[{index}]"
        if entry.get("kind") not in ActivityKind.values:
            raise DocumentError(f"{where}.kind", f"activité inconnue « {entry.get('kind')} ».")
        half_days = entry.get("half_days")
        if not isinstance(half_days, int) or not 1 <= half_days <= 20:
            raise DocumentError(f"{where}.half_days", "entre 1 et 20 demi-journées.")
        person = document_user(entry.get("person"), f"{where}.person", users) or consultant
        if person is None:
            raise DocumentError(
                f"{where}.person", "personne absente (et pas de consultant·e pour la mission)."
            )
        day = document_date(entry.get("date"), f"{where}.date")
        if day is None:
            raise DocumentError(f"{where}.date", "date absente (2026-09-01).")
        TimeEntry.objects.create(
            mission=mission,
            person=person,
            day=day,
            half_days=half_days,
            kind=entry["kind"],
            note=document_text(entry.get("note"), f"{where}.note", 300),
        )
    check_extra_days(mission, data, at, users)
    needs = document_list(data, "needs", at)
    for index, need in enumerate(needs):
        where = f"{at}.needs[{index}]"
        if not str(need.get("title") or "").strip():
            raise DocumentError(f"{where}.title", "intitulé du besoin manquant.")
        theme = document_choice(need.get("theme"), NeedTheme, f"{where}.theme", "thème")
        scores = document_object(need, "scores", where)
        if problems := rules.score_problems(scores, grid.criteria):
            key, problem = next(iter(problems.items()))
            raise DocumentError(f"{where}.scores.{key}", problem)
        position = need.get("manual_position")
        if position is not None and (isinstance(position, bool) or not isinstance(position, int)):
            raise DocumentError(
                f"{where}.manual_position", f"« {str(position)[:50]} » : un rang entier attendu."
            )
        if problem := rules.position_problem(position, len(needs)):
            raise DocumentError(f"{where}.manual_position", problem)
        justification = document_long_text(
            need.get("justification"), f"{where}.justification", 10_000
        )
        if position and not justification.strip():
            raise DocumentError(f"{where}.justification", "un rang choisi à la main se justifie.")
        created = Need.objects.create(
            mission=mission,
            title=document_text(need["title"], f"{where}.title", 300),
            description=document_long_text(need.get("description"), f"{where}.description", 10_000),
            theme=theme,
            scores=scores,
            manual_position=position or None,
            justification=justification,
        )
        import_follow_up(created, need.get("follow_up") or [], f"{where}.follow_up", today)
        import_candidates(created, need.get("candidates") or [], f"{where}.candidates")
    import_discovery(mission, data, at)
    return mission


def _refuse_a_second_copy(collectivite, start: date | None, at: str) -> None:
    """A mission is its collectivité and its start: a document imported twice (the same file
    run again, or twice in one list) would count the same mission twice in every figure."""
    if start is None:
        return
    kind = "commune" if isinstance(collectivite, Commune) else "epci"
    existing = Mission.objects.filter(**{kind: collectivite}, start=start).order_by("pk").first()
    if existing is not None:
        raise DocumentError(
            at,
            f"une mission pour {collectivite.name} commencée le {start:%d/%m/%Y} existe déjà "
            f"(mission n° {existing.pk}) : un document ne s'importe qu'une fois. Pour la "
            "remplacer, supprimez-la d'abord ; pour une autre mission, donnez sa date de début.",
        )


def import_documents(
    data, *, today: date | None = None, track: Track = no_progress
) -> list[Mission]:
    """One mission document or a list of them, all or nothing; errors name their JSON path.
    `track` is the progress bar of the command (core.importing.progress)."""
    today = today or timezone.localdate()
    documents = data if isinstance(data, list) else [data]
    users: dict = {}
    with transaction.atomic():
        return [
            _one(document, f"$[{index}]" if isinstance(data, list) else "$", users, today)
            for index, document in enumerate(track(documents, "Missions"))
        ]
