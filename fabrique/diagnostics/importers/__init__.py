"""Import of mission documents (JSON, the format of `docs/diagnostics.schema.json`): all or
nothing, each error named by its JSON path, in French."""

from datetime import date
from decimal import Decimal

from django.db import transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.dateparse import parse_datetime

from fabrique.accounts.access import is_incubator_staff
from fabrique.accounts.models import User
from fabrique.catalogue.models import FundingScheme, Operator, Solution
from fabrique.core.dates import read_date
from fabrique.core.importing import Track, no_progress
from fabrique.core.markdown import markdown_problem
from fabrique.core.numbers import integer, read_decimal
from fabrique.core.text import fold, yes_no
from fabrique.territories.models import EPCI, Commune
from fabrique.territories.rules import territory_code

from .. import rules
from ..models import (
    Candidate,
    CriteriaGrid,
    Interview,
    Lead,
    Mission,
    Need,
    NeedFollowUp,
    Person,
    Prediagnostic,
    QuestionnaireAnswer,
    QuestionnaireVersion,
    TimeEntry,
    Tool,
    Training,
)
from ..rules import questionnaire
from ..services.missions import check_eligibility, consultant_problem, current_rule
from ..vocabulary import (
    FOLLOW_UP_MONTHS,
    MISSION_DAYS,
    SCORE_MAX,
    ActivityKind,
    FollowUpState,
    InterviewMode,
    LeadKind,
    MissionStatus,
    NeedTheme,
    PersonRole,
    ToolKind,
    TrainingTopic,
)


class DocumentError(Exception):
    """A document that cannot be imported: `path` says where (JSON path), in French."""

    def __init__(self, path: str, message: str):
        super().__init__(f"{path} : {message}")


def _status(value, path: str) -> str:
    text = fold(str(value or ""))
    for status in MissionStatus:
        if text in (fold(status.value), fold(status.label)):
            return status.value
    raise DocumentError(path, f"statut inconnu « {value} » ({', '.join(MissionStatus.values)}).")


def _date(value, path: str, default=None):
    if value in (None, ""):
        return default
    if (day := read_date(value)) is None:
        raise DocumentError(path, f"date invalide « {value} » (attendu : 2026-09-01).")
    return day


def _collectivite(code, path: str):
    code = territory_code(code)
    if len(code) == 9 and code.isdigit():
        found = EPCI.objects.filter(siren=code).first()
    else:
        found = Commune.objects.filter(insee=code).first()
    if found is None:
        raise DocumentError(path, f"collectivité inconnue « {code} » (code Insee ou SIREN).")
    return found


def _user(email, path: str, users: dict):
    if not email:
        return None
    key = str(email).strip().lower()
    if key not in users:
        users[key] = User.objects.filter(email=key).first()
    if users[key] is None:
        raise DocumentError(path, f"compte inconnu « {email} ».")
    return users[key]


def _one(data, at: str, users: dict, today: date) -> Mission:
    if not isinstance(data, dict):
        raise DocumentError(at, "une mission est un objet JSON.")
    collectivite = _collectivite(data.get("collectivite"), f"{at}.collectivite")
    status = _status(data.get("status", "demandee"), f"{at}.status")
    consultant = _user(data.get("consultant"), f"{at}.consultant", users)
    if consultant is not None and (problem := consultant_problem(consultant)):
        raise DocumentError(f"{at}.consultant", f"« {consultant.email} » : {problem}")
    start = _date(data.get("start"), f"{at}.start")
    _refuse_a_second_copy(collectivite, start, at)
    criteria = _criteria(data.get("criteria"), f"{at}.criteria")
    grid = CriteriaGrid.objects.filter(criteria=criteria).order_by("pk").first()
    grid = grid or CriteriaGrid.objects.create(criteria=criteria)
    requested_on = _date(data.get("requested_on"), f"{at}.requested_on", start or today)
    # The rule in force when the mission was requested: the one it keeps.
    rule = current_rule(requested_on)
    eligibility = _object(data, "eligibility", at)
    eligible, reason = check_eligibility(collectivite, rule)
    stated = _eligible(eligibility.get("eligible"), eligible, f"{at}.eligibility.eligible")
    if stated and not eligible:
        raise DocumentError(
            f"{at}.eligibility.eligible",
            f"{reason} L'éligibilité se calcule d'après le référentiel des territoires : "
            "écrivez false et, pour une mission acceptée malgré tout, son motif dans "
            "eligibility.acceptance_reason.",
        )
    acceptance_reason = _text(
        eligibility.get("acceptance_reason"), f"{at}.eligibility.acceptance_reason", 2000
    )
    if not stated and status == MissionStatus.REQUESTED:
        status = MissionStatus.OUT_OF_CRITERIA  # kept « hors critères », as a form request
    contact = _object(data, "contact", at)
    mission = Mission.objects.create(
        commune=collectivite if isinstance(collectivite, Commune) else None,
        epci=collectivite if isinstance(collectivite, EPCI) else None,
        hopes=_long_text(data.get("hopes"), f"{at}.hopes", 10_000),
        contact_name=_text(contact.get("name"), f"{at}.contact.name", 200),
        contact_email=_text(contact.get("email"), f"{at}.contact.email", 254),
        status=status,
        eligible=stated,
        eligibility_reason=_text(
            eligibility.get("reason") or reason, f"{at}.eligibility.reason", 300
        ),
        rule=rule,
        grid=grid,
        consultant=consultant,
        requested_on=requested_on,
        start=start,
        planned_end=_date(
            data.get("planned_end"),
            f"{at}.planned_end",
            rules.planned_end(start) if start else None,
        ),
        delivered_on=_date(data.get("delivered_on"), f"{at}.delivered_on"),
        closing_reason=_long_text(data.get("closing_reason"), f"{at}.closing_reason", 10_000),
        acceptance_reason=acceptance_reason,
    )
    for index, entry in enumerate(_list(data, "days", at)):
        where = f"{at}.days[{index}]"
        if entry.get("kind") not in ActivityKind.values:
            raise DocumentError(f"{where}.kind", f"activité inconnue « {entry.get('kind')} ».")
        half_days = entry.get("half_days")
        if not isinstance(half_days, int) or not 1 <= half_days <= 20:
            raise DocumentError(f"{where}.half_days", "entre 1 et 20 demi-journées.")
        person = _user(entry.get("person"), f"{where}.person", users) or consultant
        if person is None:
            raise DocumentError(
                f"{where}.person", "personne absente (et pas de consultant·e pour la mission)."
            )
        day = _date(entry.get("date"), f"{where}.date")
        if day is None:
            raise DocumentError(f"{where}.date", "date absente (2026-09-01).")
        TimeEntry.objects.create(
            mission=mission,
            person=person,
            day=day,
            half_days=half_days,
            kind=entry["kind"],
            note=_text(entry.get("note"), f"{where}.note", 300),
        )
    _check_extra_days(mission, data, at, users)
    needs = _list(data, "needs", at)
    for index, need in enumerate(needs):
        where = f"{at}.needs[{index}]"
        if not str(need.get("title") or "").strip():
            raise DocumentError(f"{where}.title", "intitulé du besoin manquant.")
        theme = _choice(need.get("theme"), NeedTheme, f"{where}.theme", "thème")
        scores = _object(need, "scores", where)
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
        justification = _long_text(need.get("justification"), f"{where}.justification", 10_000)
        if position and not justification.strip():
            raise DocumentError(f"{where}.justification", "un rang choisi à la main se justifie.")
        created = Need.objects.create(
            mission=mission,
            title=_text(need["title"], f"{where}.title", 300),
            description=_long_text(need.get("description"), f"{where}.description", 10_000),
            theme=theme,
            scores=scores,
            manual_position=position or None,
            justification=justification,
        )
        _import_follow_up(created, need.get("follow_up") or [], f"{where}.follow_up", today)
        _import_candidates(created, need.get("candidates") or [], f"{where}.candidates")
    _import_discovery(mission, data, at)
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


# --- Découverte (diaga) ---
def _moment(value, path: str):
    moment = parse_datetime(str(value or ""))
    if moment is None:
        raise DocumentError(path, f"date et heure invalides « {value} » (format ISO 8601).")
    return moment


def _choice(value, choices, path: str, what: str = "valeur") -> str:
    """The value of a controlled vocabulary, written as its key (`site-internet`) or, as in a
    spreadsheet, as its label in any case (« Site internet », « cybersécurité »)."""
    listed = ", ".join(choices.values)
    ending = "e" if what == "valeur" else ""
    if value is None or (isinstance(value, str) and not value.strip()):
        raise DocumentError(path, f"{what} absent{ending} ({listed}).")
    if value in choices.values:
        return value
    folded = fold(str(value))
    for choice in choices:
        if folded in (fold(choice.value), fold(choice.label)):
            return choice.value
    raise DocumentError(path, f"{what} inconnu{ending} « {value} » ({listed}).")


def _text(value, path: str, limit: int, required: bool = False) -> str:
    text = str(value or "").strip()
    if required and not text:
        raise DocumentError(path, "valeur manquante.")
    return _long_text(text, path, limit)


def _long_text(value, path: str, limit: int) -> str:
    """A text kept as written (never cut: a text too long is refused, with its length)."""
    text = str(value or "")
    if len(text) > limit:
        raise DocumentError(
            path, f"{integer(limit)} caractères au plus (ce texte en a {integer(len(text))}) : "
            "raccourcissez-le.",
        )  # fmt: skip
    return text


def _check_extra_days(mission: Mission, data: dict, at: str, users: dict) -> None:
    """Past 10 days, a team member approved the overrun with a reason (as in the ledger)."""
    extra = _object(data, "extra_days", at)
    approver = _user(extra.get("approved_by"), f"{at}.extra_days.approved_by", users)
    reason = _text(extra.get("reason"), f"{at}.extra_days.reason", 10_000)
    used = rules.days(sum(entry.half_days for entry in mission.time_entries.all()))
    if approver is not None and not is_incubator_staff(approver):
        raise DocumentError(
            f"{at}.extra_days.approved_by",
            f"« {approver.email} » n'est pas de l'équipe de l'incubateur : seule l'équipe "
            "approuve un dépassement des 10 jours.",
        )
    if used > MISSION_DAYS and approver is None:
        raise DocumentError(
            f"{at}.days",
            f"{rules.days_text(used)} sur {MISSION_DAYS:g} : au-delà de 10 jours, un membre de "
            "l'équipe approuve le dépassement (extra_days.approved_by, extra_days.reason).",
        )
    if approver is not None and not reason:
        raise DocumentError(f"{at}.extra_days.reason", "le motif du dépassement approuvé.")
    if approver is not None:
        mission.extra_days_approved_by, mission.extra_days_reason = approver, reason
        mission.save(update_fields=["extra_days_approved_by", "extra_days_reason"])


def _eligible(value, computed: bool, path: str) -> bool:
    """The eligibility the document states (true, false, « oui », « non »), else the one
    computed from the territories."""
    if value is None or value == "":
        return computed
    if (stated := yes_no(value)) is None:
        raise DocumentError(path, f"« {str(value)[:50]} » : true ou false attendu.")
    return stated


def _object(data: dict, key: str, at: str) -> dict:
    """`data[key]`, a JSON object ({} when absent or null)."""
    value = data.get(key)
    if value is None:
        return {}
    if not isinstance(value, dict):
        raise DocumentError(f"{at}.{key}", "un objet JSON est attendu ({…}).")
    return value


def _criteria(value, at: str) -> dict:
    """The mission's grid: the default one when absent; else criterion key -> {label,
    weight[, lower_is_better]}, as the document export writes it."""
    if value is None or value == {}:
        return CriteriaGrid.default().criteria
    if not isinstance(value, dict):
        raise DocumentError(at, "un objet JSON est attendu (clé du critère → libellé, poids).")
    for key, criterion in value.items():
        if not isinstance(criterion, dict) or not str(criterion.get("label") or "").strip():
            raise DocumentError(f"{at}.{key}", "libellé du critère manquant (« label »).")
        weight = criterion.get("weight")
        if not isinstance(weight, int) or isinstance(weight, bool) or weight < 0:
            raise DocumentError(f"{at}.{key}.weight", "poids entier positif ou nul attendu.")
    return value


def _list(data: dict, key: str, at: str) -> list:
    value = data.get(key) or []
    if not isinstance(value, list):
        raise DocumentError(f"{at}.{key}", "une liste est attendue.")
    for index, item in enumerate(value):
        if not isinstance(item, dict):
            raise DocumentError(f"{at}.{key}[{index}]", "un objet JSON est attendu.")
    return value


def _questionnaire_version(number, questions) -> QuestionnaireVersion:
    """The version with this number and these questions, or a new one holding them."""
    found = QuestionnaireVersion.objects.filter(number=number, questions=questions).first()
    if found:
        return found
    same = QuestionnaireVersion.objects.filter(questions=questions).order_by("number").first()
    if same:
        return same
    taken = QuestionnaireVersion.objects.filter(number=number).exists()
    last = QuestionnaireVersion.objects.aggregate(last=Max("number"))["last"] or 0
    return QuestionnaireVersion.objects.create(
        number=last + 1 if taken or not isinstance(number, int) else number, questions=questions
    )


def _import_follow_up(need: Need, entries, at: str, today: date) -> None:
    """The states of a need at 3 and 6 months after delivery."""
    if not isinstance(entries, list):
        raise DocumentError(at, "une liste d'états de suivi est attendue.")
    for index, entry in enumerate(entries):
        where = f"{at}[{index}]"
        if not isinstance(entry, dict) or entry.get("milestone") not in FOLLOW_UP_MONTHS:
            raise DocumentError(f"{where}.milestone", "échéance de suivi : 3 ou 6 (mois).")
        if entry.get("state") not in FollowUpState.values:
            raise DocumentError(
                f"{where}.state", f"état inconnu ({', '.join(FollowUpState.values)})."
            )
        NeedFollowUp.objects.create(
            need=need,
            milestone=entry["milestone"],
            state=entry["state"],
            note=str(entry.get("note") or "")[:2000],
            recorded_on=_date(entry.get("recorded_on"), f"{where}.recorded_on", today),
        )


def _amount_or_none(value, path: str) -> Decimal | None:
    """An amount in euros, as JSON or a spreadsheet copied into it writes it (1500, « 1 500,50 »,
    « 1 500 € »: `core.numbers.read_decimal`); None when absent."""
    try:
        amount = None if value in (None, "") else read_decimal(value).quantize(Decimal("0.01"))
    except (ValueError, ArithmeticError):
        raise DocumentError(path, f"montant invalide « {value} » (attendu : 1500,50).") from None
    if amount is not None and not 0 <= amount < 10**8:
        raise DocumentError(path, "un montant positif (en euros).")
    return amount


def _catalogue(model, field: str, value, cache: dict):
    """A catalogue record by slug (None when absent: the name kept in the document is shown)."""
    if not value:
        return None
    if (model, value) not in cache:
        cache[model, value] = model.objects.filter(**{field: value}).first()
    return cache[model, value]


def _import_candidates(need: Need, entries, at: str) -> None:
    """The benchmark of a need: candidate solutions, recommendations, funding and partners."""
    if not isinstance(entries, list):
        raise DocumentError(at, "une liste de solutions comparées est attendue.")
    cache: dict = {}
    for index, entry in enumerate(entries):
        where = f"{at}[{index}]"
        if not isinstance(entry, dict):
            raise DocumentError(where, "un objet JSON est attendu.")
        slug = entry.get("solution")
        solution = _catalogue(Solution, "slug", slug, cache)
        if slug and solution is None:
            raise DocumentError(f"{where}.solution", f"solution « {slug} » absente du catalogue.")
        name = _text(entry.get("name") or (solution.name if solution else ""), f"{where}.name",
                     200, required=True)  # fmt: skip
        feasibility = {}
        for field in ("technical", "economic", "human"):
            value = entry.get(field) or {}
            if not isinstance(value, dict):
                raise DocumentError(f"{where}.{field}", "un objet {score, comment} est attendu.")
            feasibility[field] = value
        recommended = bool(entry.get("recommended"))
        criteria = _text(entry.get("choice_criteria"), f"{where}.choice_criteria", 2000)
        if problems := rules.candidate_problems(
            {field: value.get("score") for field, value in feasibility.items()},
            recommended=recommended, choice_criteria=criteria,
        ):  # fmt: skip
            field, problem = next(iter(problems.items()))
            raise DocumentError(f"{where}.{field}", problem)
        candidate = Candidate.objects.create(
            need=need, solution=solution, name=name,
            provider=_text(entry.get("provider"), f"{where}.provider", 200),
            website=_text(entry.get("website"), f"{where}.website", 500),
            **{field: value.get("score") for field, value in feasibility.items()},
            **{f"{field}_note": _text(value.get("comment"), f"{where}.{field}.comment", 2000)
               for field, value in feasibility.items()},
            cost_once=_amount_or_none(entry.get("cost_once"), f"{where}.cost_once"),
            cost_per_year=_amount_or_none(entry.get("cost_per_year"), f"{where}.cost_per_year"),
            recommended=recommended, choice_criteria=criteria,
        )  # fmt: skip
        leads = entry.get("leads") or []
        if leads and not recommended:
            raise DocumentError(f"{where}.leads", "réservé aux solutions recommandées.")
        seen = set()
        for number, lead in enumerate(_list(entry, "leads", where)):
            spot = f"{where}.leads[{number}]"
            kind = _choice(lead.get("kind"), LeadKind, f"{spot}.kind")
            key = _text(lead.get("key"), f"{spot}.key", 150, required=True)
            if (kind, key) in seen:
                raise DocumentError(f"{spot}.key", f"« {key} » figure deux fois.")
            seen.add((kind, key))
            prefix, _, slug = key.partition(":")
            reasons = lead.get("reasons") or []
            if not isinstance(reasons, list):
                raise DocumentError(f"{spot}.reasons", "une liste de phrases est attendue.")
            if lead.get("kept") is False and not str(lead.get("note") or "").strip():
                raise DocumentError(f"{spot}.note", "une piste écartée dit pourquoi.")
            Lead.objects.create(
                candidate=candidate, kind=kind, key=key,
                name=_text(lead.get("name"), f"{spot}.name", 300, required=True),
                reasons=[str(reason)[:500] for reason in reasons],
                kept=lead.get("kept") is not False,
                note=_text(lead.get("note"), f"{spot}.note", 2000),
                scheme=_catalogue(FundingScheme, "slug", slug, cache) if prefix == "aide" else None,
                operator=_catalogue(Operator, "slug", slug, cache) if prefix == "opsn" else None,
            )  # fmt: skip


def _import_discovery(mission: Mission, data: dict, at: str) -> None:
    """Pre-diagnostic, questionnaire, people, interviews, tools and trainings of a document."""
    if snapshot := data.get("prediagnostic"):
        if not isinstance(snapshot, dict) or not isinstance(snapshot.get("data"), dict):
            raise DocumentError(f"{at}.prediagnostic", "un objet avec « data » est attendu.")
        Prediagnostic.objects.create(
            mission=mission, data=snapshot["data"],
            computed_at=_moment(snapshot.get("computed_at"), f"{at}.prediagnostic.computed_at"),
        )  # fmt: skip
    if answered := data.get("questionnaire"):
        where = f"{at}.questionnaire"
        if not isinstance(answered, dict) or not isinstance(answered.get("answers"), dict):
            raise DocumentError(where, "un objet avec « questions » et « answers » est attendu.")
        if problems := questionnaire.question_problems(answered.get("questions")):
            raise DocumentError(f"{where}.questions", problems[0])
        version = _questionnaire_version(answered.get("version"), answered["questions"])
        QuestionnaireAnswer.objects.create(
            mission=mission, version=version, answers=answered["answers"],
            answered_at=_moment(answered.get("answered_at"), f"{where}.answered_at"),
        )  # fmt: skip
    people = []
    for index, person in enumerate(_list(data, "people", at)):
        where = f"{at}.people[{index}]"
        people.append(
            Person.objects.create(
                mission=mission, name=_text(person.get("name"), f"{where}.name", 200),
                role=_choice(person.get("role"), PersonRole, f"{where}.role"),
                service=_text(person.get("service"), f"{where}.service", 200),
                name_is_public=bool(person.get("name_is_public")),
            )
        )  # fmt: skip
    needs = {need.title: need for need in mission.needs.all()}
    for index, interview in enumerate(_list(data, "interviews", at)):
        where = f"{at}.interviews[{index}]"
        notes = _text(interview.get("notes"), f"{where}.notes", 20_000)
        if problem := markdown_problem(notes):
            raise DocumentError(f"{where}.notes", problem)
        met = []
        for number in interview.get("people") or []:
            if not isinstance(number, int) or not 0 <= number < len(people):
                raise DocumentError(f"{where}.people", f"personne n° {number} absente de people.")
            met.append(people[number])
        if not met:
            raise DocumentError(f"{where}.people", "au moins une personne rencontrée.")
        raised = []
        for title in interview.get("needs") or []:
            if title not in needs:
                raise DocumentError(f"{where}.needs", f"besoin « {title} » absent de needs.")
            raised.append(needs[title])
        created = Interview.objects.create(
            mission=mission, day=_date(interview.get("date"), f"{where}.date") or mission.start
            or mission.requested_on,
            mode=_choice(interview.get("mode"), InterviewMode, f"{where}.mode"),
            title=_text(interview.get("title"), f"{where}.title", 200), notes=notes,
        )  # fmt: skip
        created.people.set(met)
        created.needs.set(raised)
    solutions = {}
    for index, tool in enumerate(_list(data, "tools", at)):
        where = f"{at}.tools[{index}]"
        slug = tool.get("solution")
        if slug and slug not in solutions:
            solutions[slug] = Solution.objects.filter(slug=slug).first()
            if solutions[slug] is None:
                raise DocumentError(
                    f"{where}.solution", f"solution « {slug} » absente du catalogue."
                )
        satisfaction = tool.get("satisfaction")
        if satisfaction is not None and (
            not isinstance(satisfaction, int) or not 0 <= satisfaction <= SCORE_MAX
        ):
            raise DocumentError(f"{where}.satisfaction", "un entier de 0 à 3.")
        cost = _amount_or_none(tool.get("cost_per_year"), f"{where}.cost_per_year")
        Tool.objects.create(
            mission=mission, name=_text(tool.get("name"), f"{where}.name", 200, required=True),
            kind=_choice(tool.get("kind"), ToolKind, f"{where}.kind"), cost_per_year=cost,
            satisfaction=satisfaction, solution=solutions.get(slug) if slug else None,
        )  # fmt: skip
    for index, training in enumerate(_list(data, "trainings", at)):
        where = f"{at}.trainings[{index}]"
        attendance = training.get("attendance")
        if rules.attendance_problem(attendance) or attendance > 100_000:
            raise DocumentError(f"{where}.attendance", "un nombre de participant·es (au moins 1).")
        Training.objects.create(
            mission=mission,
            day=_date(training.get("date"), f"{where}.date") or mission.requested_on,
            topic=_choice(training.get("topic"), TrainingTopic, f"{where}.topic"),
            audience=_text(training.get("audience"), f"{where}.audience", 200, required=True),
            attendance=attendance,
        )
