"""Rules of the needs: scores on the grid, weighted score, ranking (by score or placed by
hand), what goes with a need deleted."""

from fabrique.core.numbers import counted
from fabrique.core.numbers import days_number as days_number  # re-exported: rules.days_*
from fabrique.core.numbers import days_text as days_text

from ..vocabulary import SCORE_MAX


def position_problem(position: int | None, count: int) -> str:
    """A need placed by hand takes a rank among the mission's `count` needs."""
    if position is None:
        return ""
    if not 1 <= position <= count:
        return (
            f"Le rang choisi va de 1 à {count}, le nombre de besoins de la mission : "
            f"{position} n'existe pas."
            if count > 1
            else "La mission n'a qu'un besoin : son rang est 1."
        )
    return ""


def need_deletion_consequence(candidates: int, leads: int) -> str:
    """What goes with a need: its compared solutions, and the funding and partners examined
    for them (« Ses 3 solutions comparées sont supprimées avec lui. »)."""
    if not candidates:
        return ""
    if candidates == 1:
        text = "Sa solution comparée est supprimée avec lui"
    else:
        text = f"Ses {counted(candidates, 'solution comparée', 'solutions comparées')} sont " \
            "supprimées avec lui"  # fmt: skip
    if leads:
        text += f", avec {counted(leads, 'financement ou partenaire examiné', 'financements ou partenaires examinés')}"  # noqa: E501
    return text + "."


def score_problems(scores: dict, grid: dict) -> dict[str, str]:
    problems = {}
    for key in grid:
        value = scores.get(key)
        if value is None:
            problems[key] = f"Note « {grid[key]['label']} » manquante (0 à {SCORE_MAX})."
        elif not isinstance(value, int) or isinstance(value, bool) or not 0 <= value <= SCORE_MAX:
            problems[key] = (
                f"Note « {grid[key]['label']} » hors de l'échelle : {value!r} (0 à {SCORE_MAX})."
            )
    for key in scores:
        if key not in grid:
            problems[key] = f"Critère inconnu « {key} » (critères : {', '.join(grid)})."
    return problems


def weighted_score(scores: dict, grid: dict) -> int:
    """Sum of weight × score; a criterion where lower is better counts as (3 − score)."""
    total = 0
    for key, criterion in grid.items():
        value = scores.get(key, 0)
        if criterion.get("lower_is_better"):
            value = SCORE_MAX - value
        total += criterion["weight"] * value
    return total


def max_weighted_score(grid: dict) -> int:
    """The best weighted score a need can reach on a grid (every criterion at its best)."""
    return sum(criterion["weight"] * SCORE_MAX for criterion in grid.values())


def ranked(needs: list, grid: dict) -> list:
    """Needs by weighted score (ties broken by urgency, then order of entry); a need placed by
    hand (`manual_position`, with its justification) takes that position."""
    automatic = sorted(
        (need for need in needs if not need.manual_position),
        key=lambda need: (
            -weighted_score(need.scores, grid),
            -need.scores.get("urgence", 0),
            need.pk or 0,
        ),
    )
    placed = sorted(
        (need for need in needs if need.manual_position), key=lambda need: need.manual_position
    )
    for need in placed:
        automatic.insert(min(need.manual_position - 1, len(automatic)), need)
    return automatic
