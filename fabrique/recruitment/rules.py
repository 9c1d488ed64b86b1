"""Rules of recruitment, as pure functions (no database): contracts, dates, statuses, the
community's posting rules, anti-spam limits and the retention of personal data."""

import re
from dataclasses import dataclass
from datetime import date, datetime, timedelta

from django.core.exceptions import ValidationError
from django.core.validators import validate_email

from fabrique.core.dates import months_later, read_date
from fabrique.core.markdown import markdown_problem
from fabrique.core.text import fold

from .vocabulary import (
    CONTRACT_WORDS,
    DEFAULT_OPEN_MONTHS,
    FINAL_STAGES,
    PIPELINE,
    REMOTE_WORDS,
    RETENTION_MONTHS,
    TEAM_ALIASES,
    WEAK_CONTRACT_WORDS,
    Contract,
    OfferStatus,
    Remote,
    Stage,
)


def team_name(raw: str) -> str:
    """The one name of a team: its known aliases (`TEAM_ALIASES`) under the name its offers use,
    any other name as written (spaces trimmed)."""
    name = " ".join((raw or "").split())
    return TEAM_ALIASES.get(fold(name), name)


_RANGE = re.compile(r"\d\s*(?:à|a|-|–|ou)\s*\d")
_WEEKDAYS = ("lundi", "mardi", "mercredi", "jeudi", "vendredi")
_NUMBER = re.compile(r"\d+(?:[.,]\d+)?")
_NEGATIVE = re.compile(r"(?:^|[^\d\s])\s*[-−–]\s*$")  # « -3 », « de -2 »; not « 3-5 »
_PERCENT = re.compile(r"\s*%")


def contracts_named(raw: str) -> list[str]:
    """Every contract a phrase of a real offer names, in order and each once: one for
    "indépendant/freelance" or "contractuel (CDD 3 ans)", two for "CDD ou freelance"."""
    words = fold(str(raw or "")).split()
    whole = " ".join(words)
    if whole in CONTRACT_WORDS:
        return [CONTRACT_WORDS[whole]]
    found: list[str] = []
    start = 0
    while start < len(words):
        for size in (3, 2, 1):
            phrase = " ".join(words[start : start + size])
            if phrase in CONTRACT_WORDS and phrase not in WEAK_CONTRACT_WORDS:
                found.append(CONTRACT_WORDS[phrase])
                start += size
                break
        else:
            start += 1
    return list(dict.fromkeys(found))


def remote_from_word(raw) -> str:
    """The `Remote` a `teletravail:` value means (`oui`, `Télétravail partiel`, `100 %`, YAML's
    true), or "" when it is absent or unknown: an unknown phrase is kept as written by the
    importer, never read as a guess."""
    if isinstance(raw, bool):
        return Remote.PARTIAL if raw else Remote.NONE
    return REMOTE_WORDS.get(fold(str(raw or "")), "")


def contract_from_word(raw: str) -> str:
    """The contract a word of a real offer means ("indépendent", "préstataire", "CDD 3 ans"…),
    or "" when it is unknown or names two contracts ("CDD ou freelance"): the word is then kept
    as written and the offer flagged."""
    named = contracts_named(raw)
    return named[0] if len(named) == 1 else ""


_LEADING_BLANK_LINES = re.compile(r"\A(?:[ \t]*\n)+")


def tidy_body(text: str) -> str:
    """The Markdown text of an offer as it is kept and exported: no blank line (even one of
    spaces or tabs) before it, no blank line nor trailing spaces after it; the indentation of
    its first line is kept (four spaces start a code block). Import → export → import is then
    stable."""
    return _LEADING_BLANK_LINES.sub("", (text or "").rstrip())


def parse_date(value) -> date | None:
    """A date from a front matter (`core.dates.read_date`): None when absent or unreadable."""
    return read_date(value)


def closing_date(opens_on: date | None, closes_on: date | None) -> date | None:
    """The day an offer closes: its closing date, or two months after it opened."""
    if closes_on:
        return closes_on
    if opens_on:
        return months_later(opens_on, DEFAULT_OPEN_MONTHS)
    return None


def earliest_opening_still_open(today: date) -> date:
    """The earliest opening day whose default closing day (`closing_date` without a closing
    date) is not past `today`: what the SQL versions compare `opens_on` with. « Two months
    later » is clamped at month ends, so it is found from `today` rather than undone."""
    day = months_later(today, -DEFAULT_OPEN_MONTHS)
    while months_later(day, DEFAULT_OPEN_MONTHS) < today:
        day += timedelta(days=1)
    return day


def effective_status(status: str, opens_on, closes_on, today: date) -> str:
    """A published offer past its closing day is closed, whatever its stored status."""
    if status == OfferStatus.PUBLISHED:
        last = closing_date(opens_on, closes_on)
        if last is not None and last < today:
            return OfferStatus.CLOSED
    return status


def is_open(status: str, opens_on, closes_on, today: date) -> bool:
    if effective_status(status, opens_on, closes_on, today) != OfferStatus.PUBLISHED:
        return False
    return opens_on is None or opens_on <= today


def not_accepting_reason(status: str, opens_on, closes_on, today: date) -> str:
    """Why an offer takes no application today, in French; empty when it does. A draft or an
    offer opening later is not « closed »: its reader is told when it opens."""
    if is_open(status, opens_on, closes_on, today):
        return ""
    current = effective_status(status, opens_on, closes_on, today)
    if current == OfferStatus.DRAFT:
        return (
            "Cette offre est un brouillon : elle n'est pas publiée et ne reçoit pas encore de "
            "candidatures."
        )
    if current == OfferStatus.PUBLISHED:  # published, opening later
        return f"Les candidatures à cette offre ouvrent le {opens_on:%d/%m/%Y}."
    if current == OfferStatus.FILLED:
        return "Cette offre est pourvue : elle n'accepte plus de candidatures."
    return "Cette offre est fermée : elle n'accepte plus de candidatures."


def date_problems(opens_on, closes_on) -> dict[str, str]:
    if opens_on and closes_on and closes_on < opens_on:
        return {"closes_on": "La date de clôture doit suivre la date d'ouverture."}
    return {}


def days_per_week_problem(text: str) -> str:
    """Why the days per week typed for an offer cannot be right (a negative number, more than
    7 days); empty when they can. Free text stays free: « 3 à 5 jours », « 3-5 », « 80 % »."""
    text = text or ""
    for number in _NUMBER.finditer(text):
        if _PERCENT.match(text, number.end()):
            continue
        negative = _NEGATIVE.search(text[: number.start()])
        if negative or not 0 < float(number.group().replace(",", ".")) <= 7:
            return "Indiquez entre 1 et 7 jours par semaine, par exemple « 3 à 5 jours »."
    return ""


@dataclass(frozen=True)
class Check:
    label: str
    ok: bool
    hint: str


def posting_checklist(
    *, closes_on, contract: str, contract_holder: str, days_per_week: str, body: str
) -> list[Check]:
    """The community's posting rules, each met or not, with what to do when it is not."""
    folded = fold(body or "")
    imposed_days = sum(day in folded.split() for day in _WEEKDAYS) >= 2
    return [
        Check(
            "Date de clôture visible",
            bool(closes_on),
            "Indiquez la date de clôture des candidatures (sinon, deux mois après publication).",
        ),
        Check(
            "Qui porte le contrat",
            bool(contract_holder.strip()),
            "Dites qui signe le contrat (l'agence, un opérateur, le prestataire du marché…).",
        ),
        Check(
            "Mission en indépendant ou poste salarié, explicite",
            contract in Contract.values,
            "Choisissez le type de contrat : indépendant·e, salarié·e, stage, alternance ou "
            "mise à disposition.",
        ),
        Check(
            "Jours par semaine en fourchette, sans jours imposés",
            bool(_RANGE.search(days_per_week or "")) and not imposed_days,
            "Donnez une fourchette (« 3 à 5 jours par semaine ») plutôt que des jours imposés.",
        ),
    ]


def stage_problem(current: str, target: str) -> str:
    """Why an application cannot go from `current` to `target`, in French, saying what to do
    instead; empty when the move is allowed (`stage_allowed`)."""
    if stage_allowed(current, target):
        return ""
    if target not in Stage.values:
        return "Choisissez une étape de la liste."
    if target == current:
        return (
            f"La candidature est déjà à l'étape « {Stage(current).label} » : choisissez une "
            "autre étape."
        )
    return (
        f"Une candidature « {Stage(current).label} » se rouvre d'abord à l'étape « Reçue » ou "
        "« Présélection », puis avance de nouveau."
    )


def stage_allowed(current: str, target: str) -> bool:
    """Forward or backward along the pipeline, or to « refusée »; a final stage can be reopened
    only by going back to « reçue » or « présélection »."""
    if target == current or target not in Stage.values:
        return False
    if current in FINAL_STAGES:
        return target in (Stage.RECEIVED, Stage.SHORTLISTED)
    return True


def stage_durations(changes: list[tuple[str, datetime]], now: datetime) -> dict[str, timedelta]:
    """Time spent in each stage from the ordered (stage, entered at) list of an application."""
    spent: dict[str, timedelta] = {}
    if not changes:
        return spent
    for (stage, start), following in zip(changes, [*changes[1:], None], strict=True):
        end = following[1] if following else now
        spent[stage] = spent.get(stage, timedelta()) + max(end - start, timedelta())
    return spent


def purge_after(closed_on: date) -> date:
    """The day the applications to an offer closed on `closed_on` must be deleted."""
    return months_later(closed_on, RETENTION_MONTHS)


def pipeline_index(stage: str) -> int:
    return PIPELINE.index(stage) if stage in PIPELINE else len(PIPELINE)


_SCHEME = re.compile(r"^([a-z][a-z0-9+.-]*):", re.IGNORECASE)


def links_problem(links: str) -> str:
    """Why the links of an application are refused, in French; empty when each line is a web
    address (`https://…`, or a bare `github.com/…`): no `javascript:`, `data:` or `file:`."""
    for number, line in enumerate(links.splitlines(), start=1):
        line = line.strip()
        found = _SCHEME.match(line)
        if found and found.group(1).lower() not in ("http", "https"):
            return (
                f"Ligne {number} : « {line[:40]} » n'est pas une adresse web. Indiquez une "
                "adresse qui commence par https:// (une par ligne)."
            )
    return ""


MAX_LINKS = 2000
MAX_MESSAGE = 5000


def application_problems(
    *, name: str, email: str, message: str, links: str, consent: bool
) -> dict[str, str]:
    """What is wrong with an application's fields, by field, in French (the CV is checked by
    its content apart). Shared by the form, so that every mistake shows at the first sending,
    and by the service."""
    errors = {}
    if not (name or "").strip():
        errors["name"] = "Indiquez votre nom."
    try:
        validate_email(email or "")
    except ValidationError:
        errors["email"] = "Indiquez une adresse électronique valide (exemple : nom@domaine.fr)."
    message, links = message or "", links or ""
    if not message.strip():
        errors["message"] = "Écrivez quelques mots sur votre candidature."
    elif len(message) > MAX_MESSAGE:
        errors["message"] = (
            f"Message trop long ({len(message)} caractères) : {MAX_MESSAGE} au plus."
        )
    if len(links) > MAX_LINKS:
        errors["links"] = f"Liens trop longs : {MAX_LINKS} caractères au plus."
    elif problem := links_problem(links):
        errors["links"] = problem
    if not consent:
        errors["consent"] = (
            "Votre accord pour le traitement de vos données est nécessaire pour candidater."
        )
    return errors


def offer_problems(
    *, title: str, opens_on, closes_on, days_per_week: str, body: str, status: str
) -> dict[str, str]:
    """What is wrong with an offer typed in Fabrique, by field, in French. Shared by the form,
    so that every mistake shows at the first sending, and by the service."""
    errors = {}
    if not (title or "").strip():
        errors["title"] = "Donnez un titre à l'offre."
    errors.update(date_problems(opens_on, closes_on))
    if problem := days_per_week_problem(days_per_week or ""):
        errors["days_per_week"] = problem
    if problem := markdown_problem(body or ""):
        errors["body"] = problem
    if status == OfferStatus.PUBLISHED and not opens_on:
        errors["opens_on"] = "Une offre publiée a une date d'ouverture."
    return errors


# A project's members fill its offers, but its team is kept by the incubator team, who can also
# correct or remove a member (portfolio.access.can_edit_project): they add the recruited person.
TEAM_BY_INCUBATOR = (
    "L'équipe de {project} est tenue par l'équipe de l'incubateur : demandez-lui d'y ajouter "
    "la personne recrutée."
)
