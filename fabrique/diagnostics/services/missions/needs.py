"""The needs of a mission: add, change, place by hand, delete."""

from django.core.exceptions import ValidationError
from django.db import transaction

from fabrique.core.signals import records_changed

from ... import rules
from ...models import Mission, Need
from ...vocabulary import NEED_KIND, NeedTheme
from ..discovery import check_documentable


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
