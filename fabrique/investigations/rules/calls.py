"""Rules of a call for problems: when it is open, when its problems can be scored, when it
can be deleted, how many investigations it funds, and its scoring grid."""

from datetime import date, timedelta

from django.utils.text import slugify

from ..vocabulary import GRID_MAX, MAX_GRID_CRITERIA, MAX_GRID_LABEL


def call_is_open(opens_on: date, closes_on: date, today: date) -> bool:
    return opens_on <= today <= closes_on


def closed_call_problem(call, today: date) -> str:
    """Why no problem can be submitted to `call` today (« » when it is open): said by the
    submission form at once, by the service and by the API."""
    if call_is_open(call.opens_on, call.closes_on, today):
        return ""
    return (
        f"L'appel « {call} » n'est pas ouvert (du {call.opens_on:%d/%m/%Y} "
        f"au {call.closes_on:%d/%m/%Y}) : le dépôt n'est plus possible."
    )


def scoring_opens_on(closes_on: date) -> date:
    """The first day the problems of a call closing on `closes_on` can be scored and decided on:
    the day after its last day of submission."""
    return closes_on + timedelta(days=1)


def scoring_wait_problem(call, today: date) -> str:
    """Why the problems of `call` may not be scored nor decided on yet (French), "" once the call
    is closed: the reviewers score what was submitted, after the last day of submission
    (issue 14: « after closing, reviewers score each »). `call` gives `title` and `closes_on`."""
    if call is None:
        return (
            "Ce problème n'est rattaché à aucun appel : rattachez-le d'abord à un appel "
            "(« Modifier ») pour le noter et décider."
        )
    if today <= call.closes_on:
        return (
            "La notation et la décision s'ouvrent à la clôture de l'appel, "
            f"le {call.closes_on:%d/%m/%Y} (dépôts jusqu'à ce jour inclus) : "
            f"à partir du {scoring_opens_on(call.closes_on):%d/%m/%Y}."
        )
    return ""


def call_delete_problem(problem_count: int) -> str:
    """Why a call cannot be deleted (French), "" when it can: the problems submitted to it keep
    their call (and the collectivités their outcome)."""
    if problem_count:
        noun = "problème déposé" if problem_count == 1 else "problèmes déposés"
        return (
            f"Cet appel a {problem_count} {noun} : il est conservé avec eux. Seul un appel "
            "sans aucun problème se supprime (créé par erreur)."
        )
    return ""


def grid_from_labels(labels: list[str], current: list[list[str]]) -> tuple[list[list[str]], str]:
    """A call's scoring grid (`[key, label]` pairs) from the criteria the team wrote, one a line,
    and what is wrong with them ("" when nothing). A criterion keeps its key when its label is
    unchanged, or when it is renamed at the same place: the scores given to it stay its own."""
    labels = [label.strip() for label in labels if label.strip()]
    if not labels:
        return [], "Donnez au moins un critère à la grille de notation, un par ligne."
    if len(labels) > MAX_GRID_CRITERIA:
        return [], f"La grille compte {MAX_GRID_CRITERIA} critères au plus."
    too_long = [label for label in labels if len(label) > MAX_GRID_LABEL]
    if too_long:
        return [], f"Un critère tient en {MAX_GRID_LABEL} caractères au plus."
    seen = set()
    for label in labels:
        if label.casefold() in seen:
            return [], f"Le critère « {label} » figure deux fois : gardez-en un."
        seen.add(label.casefold())
    by_label = {label: key for key, label in current}
    kept = {by_label[label] for label in labels if label in by_label}
    grid, used = [], set()
    for position, label in enumerate(labels):
        key = by_label.get(label)
        if key is None and position < len(current) and current[position][0] not in kept:
            key = current[position][0]  # renamed in place
        if key is None or key in used:
            base = slugify(label)[:30] or "critere"
            key, number = base, 2
            while key in used or key in kept:
                key, number = f"{base}-{number}", number + 1
        used.add(key)
        grid.append([key, label])
    return grid, ""


def funded_count_problem(count: int | None) -> str:
    """A call funds at least one investigation."""
    if count is not None and count < 1:
        return "Un appel finance au moins une investigation : indiquez 1 ou plus."
    return ""


def grid_max_total(criteria: int) -> int:
    """The best total a reviewer can give on a grid of `criteria` criteria."""
    return criteria * GRID_MAX
