"""Rules of the reviewers' scores: a score per criterion of the grid, locked once decided on,
totals, average and spread."""

from statistics import mean, pstdev

from ..vocabulary import GRID_MAX, ProblemStatus


def score_problems(scores: dict, grid_keys: list[str]) -> dict[str, str]:
    """Errors (criterion -> French message) of a reviewer's scores against a grid."""
    errors = {}
    for key in grid_keys:
        value = scores.get(key)
        if value is None or value == "":
            errors[key] = "Donnez une note à ce critère."
            continue
        try:
            number = int(value)
        except (TypeError, ValueError):
            errors[key] = f"La note doit être un nombre entier de 0 à {GRID_MAX}."
            continue
        if not 0 <= number <= GRID_MAX:
            errors[key] = f"La note doit être comprise entre 0 et {GRID_MAX}."
    for key in scores:
        if key not in grid_keys:
            errors[key] = "Ce critère ne fait pas partie de la grille de l'appel."
    return errors


# The selection decision was taken on the reviewers' scores: they stay as they were while it holds.
SCORES_LOCKED_STATUSES = (ProblemStatus.SELECTED, ProblemStatus.DECLINED, ProblemStatus.REDIRECTED)


def scores_locked_problem(status: str) -> str:
    """Why the scores of a problem may no longer be given, changed or withdrawn (decided on, or
    merged into another); "" when they may."""
    if status == ProblemStatus.MERGED:
        # Its collectivités joined another problem: the reviewers score that one, once.
        return (
            "Ce problème est fusionné dans un autre, qui réunit désormais ses collectivités : "
            "notez le problème qui l'a réuni. Pour le noter de nouveau à part, annulez d'abord "
            "la fusion."
        )
    if status not in SCORES_LOCKED_STATUSES:
        return ""
    return (
        f"La décision sur ce problème (« {ProblemStatus(status).label} ») a été prise sur ces "
        "notes : elles ne se modifient plus. Si une note doit être corrigée, annulez d'abord "
        "la décision (« Annuler la décision » sur la page du problème), puis décidez de nouveau."
    )


def review_total(scores: dict) -> int:
    return sum(int(v) for v in scores.values())


def average_and_spread(totals: list[float]) -> tuple[float | None, float | None]:
    """Average of reviewers' totals and their spread (population standard deviation)."""
    if not totals:
        return None, None
    return round(mean(totals), 2), round(pstdev(totals), 2)
