"""Submitting a problem and changing it: who may submit for which collectivités, the call's
eligibility, the rate limit; changing its call; deleting it."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from fabrique.accounts.access import can_act_for_collectivite, is_incubator_staff
from fabrique.core.ratelimit import Limit, check_rate
from fabrique.core.signals import records_changed
from fabrique.territories.models import EPCI, Commune, Departement, Region

from ...models import Call, Problem, ProblemCollectivite
from ...rules import call_is_open, closed_call_problem, long_texts_problems, sufferers_count_problem
from ...vocabulary import MAX_PROBLEMS_PER_ACCOUNT_PER_HOUR, ProblemStatus
from .attachments import attachments_check, store_attachment

PROBLEM_KIND = "probleme"
TEXT_FIELDS = (
    "title",
    "statement",
    "sufferers",
    "current_practice",
    "tried",
    "team",
    "theme",
)


def announce_problems_changed(pks) -> None:
    records_changed.send(sender=Problem, kind=PROBLEM_KIND, pks=list(pks))


def _kind_of(territory) -> str:
    return {Commune: "commune", EPCI: "epci", Departement: "departement", Region: "region"}[
        type(territory)
    ]


def _region_id(territory):
    if isinstance(territory, Region):
        return territory.pk
    if isinstance(territory, Departement):
        return territory.region_id
    if isinstance(territory, Commune):
        return territory.departement.region_id
    departement = Departement.objects.filter(communes__epci=territory).first()
    return departement.region_id if departement else None


def eligibility_errors(call: Call, collectivites) -> list[str]:
    errors = []
    kinds = call.kinds
    region_ids = set(call.regions.values_list("pk", flat=True))
    for territory in collectivites:
        if kinds and _kind_of(territory) not in kinds:
            errors.append(
                f"« {territory} » n'est pas d'un type de collectivité éligible à cet appel."
            )
        elif region_ids and _region_id(territory) not in region_ids:
            errors.append(f"« {territory} » n'est pas dans une région éligible à cet appel.")
    return errors


def _validate(*, by, title, statement, collectivites, call, today) -> dict:
    errors = {}
    if not title.strip():
        errors["title"] = "Donnez un intitulé au problème."
    if not statement.strip():
        errors["statement"] = "Décrivez le problème en quelques mots simples."
    if not collectivites:
        errors["collectivites"] = "Indiquez au moins une collectivité concernée."
    elif not is_incubator_staff(by):
        refused = [str(t) for t in collectivites if not can_act_for_collectivite(by, t)]
        if refused:
            errors["collectivites"] = (
                "Vous ne pouvez pas déposer de problème pour : " + ", ".join(refused) + "."
            )
    if call is not None:
        if closed := closed_call_problem(call, today):
            errors["call"] = closed
        elif collectivites and "collectivites" not in errors:
            problems = eligibility_errors(call, collectivites)
            if problems:
                errors["collectivites"] = " ".join(problems)
    return errors


def link_collectivite(problem: Problem, territory, merged_from: Problem | None = None) -> None:
    """`territory` among the problem's collectivités; `merged_from` records that a merge brought
    it (a collectivité the problem already had stays its own)."""
    field = ProblemCollectivite.field_for(territory)
    ProblemCollectivite.objects.get_or_create(
        problem=problem, **{field: territory}, defaults={"merged_from": merged_from}
    )


def _check_rate(by) -> None:
    if is_incubator_staff(by):
        return  # the team records what it heard, many at once
    check_rate(
        Problem.objects.all(),
        since_field="created_at",
        now=timezone.now(),
        limits=[
            Limit(
                {"submitted_by": by},
                MAX_PROBLEMS_PER_ACCOUNT_PER_HOUR,
                "Trop de problèmes déposés depuis ce compte en une heure : réessayez plus tard.",
            )
        ],
    )


@transaction.atomic
def problem_submit(
    *,
    by,
    title: str,
    statement: str,
    collectivites,
    call: Call | None = None,
    sufferers: str = "",
    sufferers_count: int | None = None,
    current_practice: str = "",
    tried: str = "",
    team: str = "",
    theme: str = "",
    heard_elsewhere: bool = False,
    attachments=(),
    today=None,
) -> Problem:
    """A problem raised by a collectivité (or heard elsewhere by the team)."""
    today = today or timezone.localdate()
    collectivites = list(collectivites)
    errors = _validate(
        by=by, title=title, statement=statement, collectivites=collectivites, call=call, today=today
    )
    if heard_elsewhere and not is_incubator_staff(by):
        errors["heard_elsewhere"] = "Seule l'équipe enregistre des problèmes entendus ailleurs."
    if wrong := sufferers_count_problem(sufferers_count):
        errors["sufferers_count"] = wrong
    errors |= long_texts_problems(
        {
            "statement": statement,
            "sufferers": sufferers,
            "current_practice": current_practice,
            "tried": tried,
            "team": team,
        }
    )
    if errors:
        raise ValidationError(errors)
    _check_rate(by)
    kinds = attachments_check(attachments)
    problem = Problem(
        title=title.strip(),
        statement=statement.strip(),
        sufferers=sufferers,
        sufferers_count=sufferers_count,
        current_practice=current_practice,
        tried=tried,
        team=team,
        theme=theme.strip(),
        call=call,
        submitted_by=by,
        heard_elsewhere=heard_elsewhere,
    )
    problem.full_clean()
    problem.save()
    for territory in collectivites:
        link_collectivite(problem, territory)
    for upload, kind in zip(attachments, kinds, strict=True):
        store_attachment(problem, upload, kind)
    announce_problems_changed([problem.pk])
    return problem


def _call_change_problem(problem: Problem, call: Call | None, collectivites, today) -> str:
    """Why a problem may not move to `call` (the team attaches a problem heard elsewhere to an
    open call); "" when it may."""
    if problem.status != ProblemStatus.SUBMITTED or problem.reviews.exists():
        return (
            "Ce problème est déjà noté ou décidé dans son appel : il y reste "
            "(les notes et la décision portent sur cet appel)."
        )
    if call is None:
        return ""
    if not call_is_open(call.opens_on, call.closes_on, today):
        return (
            f"L'appel « {call} » n'est pas ouvert (du {call.opens_on:%d/%m/%Y} "
            f"au {call.closes_on:%d/%m/%Y}) : on n'y rattache plus de problème."
        )
    return " ".join(eligibility_errors(call, collectivites))


@transaction.atomic
def problem_update(
    *, problem: Problem, by=None, collectivites=None, today=None, **fields
) -> Problem:
    unknown = set(fields) - {*TEXT_FIELDS, "sufferers_count", "call"}
    if unknown:
        raise ValidationError({"__all__": f"Champs inconnus : {', '.join(sorted(unknown))}."})
    errors = {}
    if "title" in fields and not fields["title"].strip():
        errors["title"] = "Donnez un intitulé au problème."
    if "statement" in fields and not fields["statement"].strip():
        errors["statement"] = "Décrivez le problème en quelques mots simples."
    if wrong := sufferers_count_problem(fields.get("sufferers_count")):
        errors["sufferers_count"] = wrong
    errors |= long_texts_problems(fields)
    if collectivites is not None:
        collectivites = list(collectivites)
        if not collectivites:
            errors["collectivites"] = "Indiquez au moins une collectivité concernée."
        elif by is not None and not is_incubator_staff(by):
            current = {link.territory for link in problem.collectivites.all()}
            refused = [
                str(t)
                for t in collectivites
                if t not in current and not can_act_for_collectivite(by, t)
            ]
            if refused:
                errors["collectivites"] = "Vous ne pouvez pas ajouter : " + ", ".join(refused) + "."
    if "call" in fields and fields["call"] != problem.call and "collectivites" not in errors:
        territories = (
            collectivites
            if collectivites is not None
            else [link.territory for link in problem.collectivites.all()]
        )
        wrong = _call_change_problem(
            problem, fields["call"], territories, today or timezone.localdate()
        )
        if wrong:
            errors["call"] = wrong
    if errors:
        raise ValidationError(errors)
    for name, value in fields.items():
        setattr(problem, name, value)
    problem.full_clean()
    problem.save()
    if collectivites is not None:
        # The collectivités kept keep their link (and what a merge recorded on it).
        for link in problem.collectivites.all():
            if link.territory not in collectivites:
                link.delete()
        for territory in collectivites:
            link_collectivite(problem, territory)
    announce_problems_changed([problem.pk])
    return problem


@transaction.atomic
def problem_delete(*, problem: Problem) -> None:
    if hasattr(problem, "investigation"):
        raise ValidationError(
            {"__all__": "Ce problème a une investigation : supprimez-la d'abord."}
        )
    pk = problem.pk
    files = [attachment.file for attachment in problem.attachments.all()]
    problem.delete()
    # Its attachments go with it, files included (as `attachment_delete`), once the deletion
    # is committed: a rolled-back deletion keeps its files.
    for file in files:
        transaction.on_commit(lambda file=file: file.storage.delete(file.name))
    announce_problems_changed([pk])
