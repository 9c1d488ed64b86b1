"""Rules of the benchmark: a candidate solution's feasibilities and recommendation, and the
solutions used near the collectivité, each named once."""

from fabrique.core.numbers import counted, integer
from fabrique.core.numbers import days_number as days_number  # re-exported: rules.days_*
from fabrique.core.numbers import days_text as days_text

from ..vocabulary import SCORE_MAX


def candidate_problems(
    scores: dict[str, int | None], *, recommended: bool, choice_criteria: str
) -> dict[str, str]:
    """What prevents saving a candidate: a score off the 0–3 scale; a recommendation without
    its three feasibilities or without the criteria of choice. `scores` maps the fields
    technical, economic, human to their score (None when not scored yet)."""
    labels = {"technical": "technique", "economic": "économique", "human": "humaine"}
    problems = {}
    for field, value in scores.items():
        if value is not None and (
            not isinstance(value, int) or isinstance(value, bool) or not 0 <= value <= SCORE_MAX
        ):
            problems[field] = (
                f"Faisabilité {labels[field]} hors de l'échelle : {value!r} (0 à {SCORE_MAX})."
            )
        elif value is None and recommended:
            problems[field] = (
                f"Une solution recommandée a une faisabilité {labels[field]} notée (0 à "
                f"{SCORE_MAX})."
            )
    if recommended and not (choice_criteria or "").strip():
        problems["choice_criteria"] = "Dites les critères qui ont fait choisir cette solution."
    return problems


def feasibility_total(candidate) -> int | None:
    """Sum of the three feasibilities (0 to 9), None while one is missing."""
    values = (candidate.technical, candidate.economic, candidate.human)
    return None if None in values else sum(values)


def nearby_once(items: list[dict]) -> list[dict]:
    """The solutions used near the collectivité (the pre-diagnostic's `nearby`, one row per
    scope: EPCI, then département), each named once with its two counts: « 2 utilisations dans
    l'EPCI, 5 dans le département ». The département counts what the EPCI counts, so a solution
    found in both is one line, not two."""
    merged: dict[str, dict] = {}
    for item in items:
        key = item.get("slug") or item["name"]
        row = merged.setdefault(
            key,
            {"name": item["name"], "slug": item.get("slug", ""), "epci": 0, "departement": 0,
             "used_here": False},
        )  # fmt: skip
        scope = "epci" if item.get("scope") == "epci" else "departement"
        row[scope] = max(row[scope], item.get("count") or 0)
        row["used_here"] = row["used_here"] or bool(item.get("used_here"))
    return [{**row, "text": nearby_text(row)} for row in merged.values()]


def nearby_text(row: dict) -> str:
    """« 2 utilisations dans l'EPCI, 5 dans le département » for a row of `nearby_once`."""
    parts = []
    if row["epci"]:
        parts.append(f"{counted(row['epci'], 'utilisation')} dans l'EPCI")
    if row["departement"]:
        if parts:
            parts.append(f"{integer(row['departement'])} dans le département")
        else:
            parts.append(f"{counted(row['departement'], 'utilisation')} dans le département")
    text = ", ".join(parts)
    return text + (" (la collectivité l'utilise aussi)" if row["used_here"] else "")
