"""Writes of a mission: request, status steps, days ledger, needs. Keyword-only, atomic,
validating before writing."""

from datetime import date

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Sum
from django.utils import timezone

from fabrique.accounts.access import is_incubator_staff
from fabrique.accounts.models import Role
from fabrique.core.numbers import counted
from fabrique.core.signals import records_changed
from fabrique.territories import eligibility
from fabrique.territories.models import EPCI, Commune
from fabrique.territories.rules import (
    COMMUNE_ELIGIBILITY_THRESHOLD,
    EPCI_ELIGIBILITY_THRESHOLD,
    Thresholds,
)

from .. import rules
from ..models import CriteriaGrid, EligibilityRule, Mission, Need, NeedFollowUp, TimeEntry
from ..vocabulary import (
    MISSION_DAYS,
    NEED_KIND,
    OPEN_STATUSES,
    ActivityKind,
    MissionStatus,
    NeedTheme,
)
from .discovery import check_documentable, prediagnostic_refresh


def current_rule(today: date) -> EligibilityRule:
    """The eligibility rule in force on `today` (the programme's first thresholds if none)."""
    rule = EligibilityRule.objects.filter(valid_from__lte=today).order_by("-valid_from").first()
    return (
        rule
        or EligibilityRule.objects.get_or_create(
            valid_from=date(2020, 1, 1),
            defaults={
                "commune_threshold": COMMUNE_ELIGIBILITY_THRESHOLD,
                "epci_threshold": EPCI_ELIGIBILITY_THRESHOLD,
            },
        )[0]
    )


def check_eligibility(collectivite, rule: EligibilityRule) -> tuple[bool, str]:
    kind = "commune" if isinstance(collectivite, Commune) else "epci"
    thresholds = Thresholds(rule.commune_threshold, rule.epci_threshold)
    return rules.eligibility(kind, collectivite.name, collectivite.population, thresholds)


@transaction.atomic
def mission_request(
    *,
    collectivite: Commune | EPCI,
    hopes: str,
    contact_name: str = "",
    contact_email: str = "",
    requested_by=None,
    today: date | None = None,
) -> Mission:
    """A request from a collectivité, kept whatever its eligibility (« hors critères »)."""
    today = today or timezone.localdate()
    if not hopes.strip():
        raise ValidationError({"hopes": "Dites en quelques mots ce que la collectivité espère."})
    rule = current_rule(today)
    eligible, reason = check_eligibility(collectivite, rule)
    return Mission.objects.create(
        commune=collectivite if isinstance(collectivite, Commune) else None,
        epci=collectivite if isinstance(collectivite, EPCI) else None,
        hopes=hopes.strip(),
        contact_name=contact_name.strip(),
        contact_email=contact_email.strip(),
        requested_by=requested_by if requested_by and requested_by.is_authenticated else None,
        requested_on=today,
        status=MissionStatus.REQUESTED if eligible else MissionStatus.OUT_OF_CRITERIA,
        eligible=eligible,
        eligibility_reason=reason,
        rule=rule,
        grid=CriteriaGrid.default(),
    )


REQUEST_STATUSES = (MissionStatus.REQUESTED, MissionStatus.OUT_OF_CRITERIA)


def _check_still_a_request(mission: Mission, action: str) -> None:
    if mission.status not in REQUEST_STATUSES:
        raise ValidationError(
            f"La demande ne peut plus être {action} : la mission est "
            f"« {mission.get_status_display().lower()} ». Écrivez un commentaire à l'équipe."
        )


@transaction.atomic
def mission_request_update(
    *, mission: Mission, hopes: str, contact_name: str = "", contact_email: str = ""
) -> Mission:
    """The requester corrects a request the team has not answered yet (collectivité and
    eligibility unchanged)."""
    _check_still_a_request(mission, "modifiée")
    if not hopes.strip():
        raise ValidationError({"hopes": "Dites en quelques mots ce que la collectivité espère."})
    mission.hopes = hopes.strip()
    mission.contact_name = contact_name.strip()
    mission.contact_email = contact_email.strip()
    mission.save(update_fields=["hopes", "contact_name", "contact_email"])
    return mission


@transaction.atomic
def mission_request_withdraw(*, mission: Mission) -> None:
    """Withdraw a request the team has not answered yet (the history keeps it)."""
    _check_still_a_request(mission, "retirée")
    mission.delete()


def _move(mission: Mission, target: str) -> None:
    if problem := rules.transition_problem(mission.status, target):
        raise ValidationError(problem)
    mission.status = target


CONSULTANT_ROLES = (Role.COACH, Role.INCUBATOR, Role.ADMIN)


def consultant_problem(user) -> str:
    """A mission is run by a coach/consultant (or a team) account, never by an agent or a
    service team: the consultant works on the mission (days, needs, deliverables)."""
    if user is None or user.role not in CONSULTANT_ROLES:
        return "Choisissez un compte de coach ou consultant·e."
    return ""


@transaction.atomic
def mission_accept(
    *,
    mission: Mission,
    consultant,
    start: date | None = None,
    by=None,
    reason: str = "",
    start_confirmed: bool = False,
) -> Mission:
    """Accept a request and assign a consultant (a coach/consultant or team account); the
    pre-diagnostic is computed at once, so that it is there before any visit. A request « hors
    critères » is accepted with a reason, kept on the mission. A start before the request is
    refused unless `start_confirmed` (the team ticked « Je confirme cette date inhabituelle »)."""
    if problem := consultant_problem(consultant):
        raise ValidationError({"consultant": problem})
    if problem := rules.acceptance_problem(mission.status, reason):
        raise ValidationError({"reason": problem})
    start = start or timezone.localdate()
    if not start_confirmed and (problem := rules.start_before_request(start, mission.requested_on)):
        raise ValidationError({"start": f"{problem} {rules.START_BEFORE_REQUEST_FIX}"})
    if mission.status == MissionStatus.OUT_OF_CRITERIA:
        mission.acceptance_reason = reason.strip()
    _move(mission, MissionStatus.ACCEPTED)
    mission.consultant = consultant
    mission.start = start
    mission.planned_end = rules.planned_end(mission.start)
    mission.save()
    prediagnostic_refresh(mission=mission, by=by)
    return mission


@transaction.atomic
def mission_decline(*, mission: Mission, reason: str) -> Mission:
    if not reason.strip():
        raise ValidationError({"reason": "Dites pourquoi la demande est refusée."})
    _move(mission, MissionStatus.DECLINED)
    mission.closing_reason = reason.strip()
    mission.save()
    return mission


@transaction.atomic
def mission_move(*, mission: Mission, to: str, reason: str = "", today: date | None = None):
    """En cours, livrée, suivie, close or abandonnée (with a reason). Accepting goes through
    `mission_accept` (a consultant and a start date), declining through `mission_decline`."""
    if to == MissionStatus.ACCEPTED:
        raise ValidationError(
            "Une demande s'accepte en confiant la mission à un·e consultant·e : utilisez « "
            "Accepter la demande »."
        )
    if to == MissionStatus.ABANDONED and not reason.strip():
        raise ValidationError({"reason": "Dites pourquoi la mission est abandonnée."})
    if to == MissionStatus.DELIVERED and not mission.deliverables.filter(is_final=True).exists():
        raise ValidationError("Une mission est livrée quand une version finale du livrable existe.")
    if to == MissionStatus.FOLLOWED and mission.status == MissionStatus.DELIVERED:
        recorded = NeedFollowUp.objects.filter(need__mission=mission).exists()
        if problem := rules.followed_problem(mission.delivered_on, recorded):
            raise ValidationError(problem)
    if to == MissionStatus.CLOSED:
        recorded = set(
            NeedFollowUp.objects.filter(need__mission=mission).values_list("milestone", flat=True)
        )
        if problem := rules.closing_problem(mission.status, recorded, reason):
            raise ValidationError({"reason": problem})
    _move(mission, to)
    if to == MissionStatus.ABANDONED or (to == MissionStatus.CLOSED and reason.strip()):
        mission.closing_reason = reason.strip()
    if to == MissionStatus.DELIVERED:
        mission.delivered_on = today or timezone.localdate()
    mission.save()
    return mission


def days_used(mission: Mission, *, without: TimeEntry | None = None):
    """Days logged on the mission (`without` one entry: the one being corrected)."""
    entries = mission.time_entries.all()
    if without is not None and without.pk:
        entries = entries.exclude(pk=without.pk)
    total = entries.aggregate(total=Sum("half_days"))["total"] or 0
    return rules.days(total)


@transaction.atomic
def time_save(
    *,
    mission: Mission,
    person,
    day: date,
    half_days: int,
    kind: str,
    note: str = "",
    approved_by=None,
    approval_reason: str = "",
    entry: TimeEntry | None = None,
    today: date | None = None,
) -> TimeEntry:
    """Log time in half-days, or correct an entry (same rules: a mission accepted or in
    progress, half a day or a day per date and per person, from the start to today; past 10 days
    a team member approves, with a reason). A corrected entry keeps its person; a correction
    that does not add time keeps the approval already given."""
    errors = {}
    if mission.status not in (MissionStatus.ACCEPTED, MissionStatus.IN_PROGRESS):
        errors["day"] = "Le temps se saisit sur une mission acceptée ou en cours."
    if half_days not in (1, 2):
        errors["half_days"] = "Une demi-journée ou une journée par date : choisissez 0,5 ou 1 jour."
    if kind not in ActivityKind.values:
        errors["kind"] = "Choisissez une activité de la liste."
    if problem := rules.day_problem(day, mission.start, today or timezone.localdate(), "time"):
        errors["day"] = problem
    who = entry.person if entry is not None else person
    if not errors and who is not None:
        # A person's day, whatever the mission: one day at most per date.
        same_day = TimeEntry.objects.filter(person=who, day=day)
        if entry is not None:
            same_day = same_day.exclude(pk=entry.pk)
        already = same_day.aggregate(total=Sum("half_days"))["total"] or 0
        if already + half_days > 2:
            errors["half_days"] = (
                f"{who.get_full_name() or who.email} a déjà {rules.days_text(rules.days(already))}"
                f" le {day:%d/%m/%Y} : une journée au plus par date, toutes missions confondues. "
                "Corrigez la saisie existante ou choisissez une autre date."
            )
    if errors:
        raise ValidationError(errors)
    after = days_used(mission, without=entry) + rules.days(half_days)
    # A correction that does not add time keeps the approval already given for the overrun.
    approved = bool(
        entry is not None and half_days <= entry.half_days and mission.extra_days_approved_by_id
    )
    if after > MISSION_DAYS and not (approved and not approval_reason.strip()):
        over = f"Cette saisie porterait la mission à {rules.days_text(after)} sur {MISSION_DAYS:g}"
        if not (approved_by and is_incubator_staff(approved_by)):
            raise ValidationError(
                {
                    "half_days": (
                        f"{over} : un membre de l'équipe doit approuver le dépassement, avec un "
                        "motif. Demandez à l'équipe de l'incubateur de saisir ce temps à votre "
                        "nom."
                    )
                }
            )
        if not approval_reason.strip():
            raise ValidationError(
                {"approval_reason": f"{over} : indiquez le motif du dépassement approuvé."}
            )
        mission.extra_days_approved_by = approved_by
        mission.extra_days_reason = approval_reason.strip()
        mission.save(update_fields=["extra_days_approved_by", "extra_days_reason"])
    if mission.status == MissionStatus.ACCEPTED:
        mission.status = MissionStatus.IN_PROGRESS
        mission.save(update_fields=["status"])
    entry = entry or TimeEntry(mission=mission, person=person)
    entry.day, entry.half_days, entry.kind, entry.note = day, half_days, kind, note[:300]
    entry.save()
    return entry


# Creation is a save without an instance: one function, the name callers know.
time_log = time_save


@transaction.atomic
def time_delete(*, entry: TimeEntry, by=None) -> None:
    """Remove an entry of the ledger while the mission runs: once delivered, the days used are
    those of the deliverable."""
    if entry.mission.status not in OPEN_STATUSES:
        raise ValidationError(
            "Le temps ne se corrige que sur une mission acceptée ou en cours : celle-ci est "
            f"« {entry.mission.get_status_display().lower()} »."
        )
    entry._history_user = by
    entry.delete()


@transaction.atomic
def need_save(
    *,
    mission: Mission,
    title: str,
    theme: str,
    scores: dict,
    description: str = "",
    need: Need | None = None,
) -> Need:
    check_documentable(mission)
    errors = {}
    if not title.strip():
        errors["title"] = "Donnez un intitulé au besoin."
    if theme not in NeedTheme.values:
        errors["theme"] = f"Thème inconnu « {theme} » (thèmes : {', '.join(NeedTheme.values)})."
    problems = rules.score_problems(scores, mission.grid.criteria)
    if problems:
        errors["scores"] = " ".join(problems.values())
    if errors:
        raise ValidationError(errors)
    need = need or Need(mission=mission)
    need.title, need.theme, need.scores = title.strip()[:300], theme, dict(scores)
    need.description = description.strip()
    need.save()
    transaction.on_commit(lambda: records_changed.send(sender=Need, kind=NEED_KIND, pks=[need.pk]))
    return need


@transaction.atomic
def need_place(*, need: Need, position: int | None, justification: str = "") -> Need:
    """Move a need by hand (a rank among the mission's needs): the justification is required
    and shown in the deliverable."""
    check_documentable(need.mission)
    if problem := rules.position_problem(position, need.mission.needs.count()):
        raise ValidationError({"position": problem})
    if position is not None and not justification.strip():
        raise ValidationError(
            {"justification": "Un besoin déplacé à la main demande une justification."}
        )
    need.manual_position = position
    need.justification = justification.strip() if position is not None else ""
    need.save(update_fields=["manual_position", "justification"])
    return need


@transaction.atomic
def need_update(*, need: Need, position: int | None, justification: str = "", **fields) -> Need:
    """The need page's one write: its fields and its place by hand, both or neither (a
    placement refused leaves the title and scores as they were)."""
    need_save(mission=need.mission, need=need, **fields)
    return need_place(need=need, position=position, justification=justification)


@transaction.atomic
def need_delete(*, need: Need) -> None:
    check_documentable(need.mission)
    pk = need.pk
    need.delete()
    transaction.on_commit(lambda: records_changed.send(sender=Need, kind=NEED_KIND, pks=[pk]))


# --- Eligibility thresholds (dated, changed by the team) ------------------------------------

MAX_THRESHOLD = 1_000_000


@transaction.atomic
def eligibility_rule_save(
    *, valid_from: date, commune_threshold: int, epci_threshold: int,
    rule: EligibilityRule | None = None,
) -> EligibilityRule:  # fmt: skip
    """Date new thresholds, or correct a rule no mission was requested under yet: a mission
    keeps the rule it was requested under, so a rule already used is never changed (date a new
    one instead). Every page that says « éligible » follows at once in this process."""
    errors = {}
    for field, value in (("commune_threshold", commune_threshold),
                         ("epci_threshold", epci_threshold)):  # fmt: skip
        if value is None or not 0 < value <= MAX_THRESHOLD:
            errors[field] = "Un seuil est un nombre d'habitants entre 1 et 1 000 000."
    if valid_from is None:
        errors["valid_from"] = "Indiquez la date d'entrée en vigueur."
    clash = EligibilityRule.objects.filter(valid_from=valid_from)
    if rule is not None:
        clash = clash.exclude(pk=rule.pk)
        used = Mission.objects.filter(rule=rule).count()
        if used:
            errors["__all__"] = (
                f"Cette règle a servi à {counted(used, 'mission')}, qui la gardent : datez plutôt "
                "une nouvelle règle."
            )
    if valid_from is not None and (other := clash.first()):
        if Mission.objects.filter(rule=other).exists():  # kept by its missions: not editable
            errors["valid_from"] = (
                f"Une règle entre déjà en vigueur le {valid_from:%d/%m/%Y} et des missions la "
                "gardent : choisissez une autre date d'entrée en vigueur."
            )
        else:
            errors["valid_from"] = "Une règle entre déjà en vigueur à cette date : modifiez-la."
    if errors:
        raise ValidationError(errors)
    rule = rule or EligibilityRule()
    rule.valid_from = valid_from
    rule.commune_threshold, rule.epci_threshold = commune_threshold, epci_threshold
    rule.save()
    eligibility.forget()
    transaction.on_commit(eligibility.forget)
    return rule


@transaction.atomic
def eligibility_rule_delete(*, rule: EligibilityRule) -> None:
    used = Mission.objects.filter(rule=rule).count()
    if used:
        raise ValidationError(
            f"Cette règle a servi à {counted(used, 'mission')}, qui la gardent : elle ne peut "
            "pas être supprimée."
        )
    rule.delete()
    eligibility.forget()
    transaction.on_commit(eligibility.forget)
