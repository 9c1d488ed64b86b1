"""Writing the parts of a mission read from its document: the overrun of its days, the
follow-up and the benchmark of each need, and what the discovery found (pre-diagnostic,
questionnaire, people, interviews, tools, trainings).
"""

from datetime import date

from django.db.models import Max

from fabrique.accounts.access import is_incubator_staff
from fabrique.catalogue.models import FundingScheme, Operator, Solution
from fabrique.core.markdown import markdown_problem

from .. import rules
from ..models import (
    Candidate,
    Interview,
    Lead,
    Mission,
    Need,
    NeedFollowUp,
    Person,
    Prediagnostic,
    QuestionnaireAnswer,
    QuestionnaireVersion,
    Tool,
    Training,
)
from ..rules import questionnaire
from ..vocabulary import (
    FOLLOW_UP_MONTHS,
    MISSION_DAYS,
    SCORE_MAX,
    FollowUpState,
    InterviewMode,
    LeadKind,
    PersonRole,
    ToolKind,
    TrainingTopic,
)
from .values import (
    DocumentError,
    catalogue_record,
    document_amount,
    document_choice,
    document_date,
    document_list,
    document_moment,
    document_object,
    document_text,
    document_user,
)


def check_extra_days(mission: Mission, data: dict, at: str, users: dict) -> None:
    """Past 10 days, a team member approved the overrun with a reason (as in the ledger)."""
    extra = document_object(data, "extra_days", at)
    approver = document_user(extra.get("approved_by"), f"{at}.extra_days.approved_by", users)
    reason = document_text(extra.get("reason"), f"{at}.extra_days.reason", 10_000)
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


def import_follow_up(need: Need, entries, at: str, today: date) -> None:
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
            recorded_on=document_date(entry.get("recorded_on"), f"{where}.recorded_on", today),
        )


def import_candidates(need: Need, entries, at: str) -> None:
    """The benchmark of a need: candidate solutions, recommendations, funding and partners."""
    if not isinstance(entries, list):
        raise DocumentError(at, "une liste de solutions comparées est attendue.")
    cache: dict = {}
    for index, entry in enumerate(entries):
        where = f"{at}[{index}]"
        if not isinstance(entry, dict):
            raise DocumentError(where, "un objet JSON est attendu.")
        slug = entry.get("solution")
        solution = catalogue_record(Solution, "slug", slug, cache)
        if slug and solution is None:
            raise DocumentError(f"{where}.solution", f"solution « {slug} » absente du catalogue.")
        name = document_text(entry.get("name") or (solution.name if solution else ""),
                             f"{where}.name", 200, required=True)  # fmt: skip
        feasibility = {}
        for field in ("technical", "economic", "human"):
            value = entry.get(field) or {}
            if not isinstance(value, dict):
                raise DocumentError(f"{where}.{field}", "un objet {score, comment} est attendu.")
            feasibility[field] = value
        recommended = bool(entry.get("recommended"))
        criteria = document_text(entry.get("choice_criteria"), f"{where}.choice_criteria", 2000)
        if problems := rules.candidate_problems(
            {field: value.get("score") for field, value in feasibility.items()},
            recommended=recommended, choice_criteria=criteria,
        ):  # fmt: skip
            field, problem = next(iter(problems.items()))
            raise DocumentError(f"{where}.{field}", problem)
        candidate = Candidate.objects.create(
            need=need, solution=solution, name=name,
            provider=document_text(entry.get("provider"), f"{where}.provider", 200),
            website=document_text(entry.get("website"), f"{where}.website", 500),
            **{field: value.get("score") for field, value in feasibility.items()},
            **{f"{field}_note": document_text(value.get("comment"), f"{where}.{field}.comment",
                                              2000)
               for field, value in feasibility.items()},
            cost_once=document_amount(entry.get("cost_once"), f"{where}.cost_once"),
            cost_per_year=document_amount(entry.get("cost_per_year"), f"{where}.cost_per_year"),
            recommended=recommended, choice_criteria=criteria,
        )  # fmt: skip
        leads = entry.get("leads") or []
        if leads and not recommended:
            raise DocumentError(f"{where}.leads", "réservé aux solutions recommandées.")
        seen = set()
        for number, lead in enumerate(document_list(entry, "leads", where)):
            spot = f"{where}.leads[{number}]"
            kind = document_choice(lead.get("kind"), LeadKind, f"{spot}.kind")
            key = document_text(lead.get("key"), f"{spot}.key", 150, required=True)
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
                name=document_text(lead.get("name"), f"{spot}.name", 300, required=True),
                reasons=[str(reason)[:500] for reason in reasons],
                kept=lead.get("kept") is not False,
                note=document_text(lead.get("note"), f"{spot}.note", 2000),
                scheme=catalogue_record(FundingScheme, "slug", slug, cache)
                if prefix == "aide" else None,
                operator=catalogue_record(Operator, "slug", slug, cache)
                if prefix == "opsn" else None,
            )  # fmt: skip


def import_discovery(mission: Mission, data: dict, at: str) -> None:
    """Pre-diagnostic, questionnaire, people, interviews, tools and trainings of a document."""
    if snapshot := data.get("prediagnostic"):
        if not isinstance(snapshot, dict) or not isinstance(snapshot.get("data"), dict):
            raise DocumentError(f"{at}.prediagnostic", "un objet avec « data » est attendu.")
        Prediagnostic.objects.create(
            mission=mission, data=snapshot["data"],
            computed_at=document_moment(snapshot.get("computed_at"),
                                        f"{at}.prediagnostic.computed_at"),
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
            answered_at=document_moment(answered.get("answered_at"), f"{where}.answered_at"),
        )  # fmt: skip
    people = []
    for index, person in enumerate(document_list(data, "people", at)):
        where = f"{at}.people[{index}]"
        people.append(
            Person.objects.create(
                mission=mission, name=document_text(person.get("name"), f"{where}.name", 200),
                role=document_choice(person.get("role"), PersonRole, f"{where}.role"),
                service=document_text(person.get("service"), f"{where}.service", 200),
                name_is_public=bool(person.get("name_is_public")),
            )
        )  # fmt: skip
    needs = {need.title: need for need in mission.needs.all()}
    for index, interview in enumerate(document_list(data, "interviews", at)):
        where = f"{at}.interviews[{index}]"
        notes = document_text(interview.get("notes"), f"{where}.notes", 20_000)
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
            mission=mission,
            day=document_date(interview.get("date"), f"{where}.date") or mission.start
            or mission.requested_on,
            mode=document_choice(interview.get("mode"), InterviewMode, f"{where}.mode"),
            title=document_text(interview.get("title"), f"{where}.title", 200), notes=notes,
        )  # fmt: skip
        created.people.set(met)
        created.needs.set(raised)
    solutions = {}
    for index, tool in enumerate(document_list(data, "tools", at)):
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
        cost = document_amount(tool.get("cost_per_year"), f"{where}.cost_per_year")
        Tool.objects.create(
            mission=mission,
            name=document_text(tool.get("name"), f"{where}.name", 200, required=True),
            kind=document_choice(tool.get("kind"), ToolKind, f"{where}.kind"), cost_per_year=cost,
            satisfaction=satisfaction, solution=solutions.get(slug) if slug else None,
        )  # fmt: skip
    for index, training in enumerate(document_list(data, "trainings", at)):
        where = f"{at}.trainings[{index}]"
        attendance = training.get("attendance")
        if rules.attendance_problem(attendance) or attendance > 100_000:
            raise DocumentError(f"{where}.attendance", "un nombre de participant·es (au moins 1).")
        Training.objects.create(
            mission=mission,
            day=document_date(training.get("date"), f"{where}.date") or mission.requested_on,
            topic=document_choice(training.get("topic"), TrainingTopic, f"{where}.topic"),
            audience=document_text(
                training.get("audience"), f"{where}.audience", 200, required=True
            ),
            attendance=attendance,
        )
