"""Rules of a problem submitted: the length of its texts, how many people it concerns, its
territory, and when a problem of the same collectivité is a duplicate to merge."""

from fabrique.core.text import length_problem

from ..vocabulary import MAX_PROBLEM_TEXT, MAX_SUFFERERS

# « Même collectivité : à fusionner ? » is a possible duplicate, not just a neighbour: a problem
# of the same collectivité is suggested only from this similarity score of the synergy engine
# on (0 to 1; the engine shows neighbours from 0.2, groups its pairs from 0.4), and only when
# the engine finds words the two texts share (its reasons). Below, or with no word in common
# (a closeness of the dense vectors alone), two problems of one commune are merely two
# problems of that commune.
MERGE_SUGGEST_MIN_SCORE = 0.4


# The free texts of a problem held to MAX_PROBLEM_TEXT characters.
LONG_TEXT_FIELDS = ("statement", "sufferers", "current_practice", "tried", "team")


# What the merge page says when it has nothing to offer (`services.mergeable_sources`).
NOTHING_TO_MERGE = (
    "Aucun autre problème ne peut être fusionné dans celui-ci : les autres problèmes sont déjà "
    "fusionnés ailleurs ou ont leur investigation."
)


def merge_suggested(score: float, reasons) -> bool:
    """Whether a problem of the same collectivité, this close, is offered as a duplicate."""
    return score >= MERGE_SUGGEST_MIN_SCORE and bool(reasons)


SAME_COLLECTIVITE_LABEL = "Même collectivité"


def same_collectivite_label(*, close: bool, can_merge: bool) -> str:
    """The badge of a problem of one of the same collectivités in « Déjà vu ailleurs »: always
    « Même collectivité » (a fact, whatever the score), « à fusionner ? » added for those who
    merge when the two are close enough to be a duplicate (`merge_suggested`)."""
    if close and can_merge:
        return f"{SAME_COLLECTIVITE_LABEL} : à fusionner ?"
    return SAME_COLLECTIVITE_LABEL


def long_texts_problems(texts: dict[str, str]) -> dict[str, str]:
    """The free texts of a problem (by field) longer than allowed, with the French message."""
    return {
        name: wrong
        for name, text in texts.items()
        if name in LONG_TEXT_FIELDS and (wrong := length_problem(text or "", MAX_PROBLEM_TEXT))
    }


def sufferers_count_problem(count: int | None) -> str:
    """What is wrong with « combien de personnes » (French), or "" when it is plausible."""
    if count is None:
        return ""
    if count < 0:
        return "Le nombre de personnes ne peut pas être négatif."
    if count > MAX_SUFFERERS:
        return (
            "Le nombre de personnes dépasse la population de la France (70 millions) : vérifiez-le."
        )
    return ""


RURAL_MAX_POPULATION = 2_000  # Insee's historical threshold of an urban commune


def territory_profile(population: int | None) -> str:
    """Rural or urban from a commune's population, for the "diversity" criterion; coast and
    mountain are not in the reference data yet, so they are said unknown rather than guessed."""
    if population is None:
        return "profil inconnu"
    kind = "rurale" if population < RURAL_MAX_POPULATION else "urbaine"
    return f"commune {kind} ; littoral ou montagne : non renseigné"
