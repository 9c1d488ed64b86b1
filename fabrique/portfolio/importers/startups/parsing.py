"""The building blocks of reading a startup file, with no database access.

The error a file that cannot be imported raises (`StartupFileError`, in French), the parsed
data classes (`StartupData` and its parts), and the readers of single values: the YAML front
matter, dates, texts, lists and URLs.
"""

import html
from dataclasses import dataclass, field
from datetime import date

from django.core.exceptions import ValidationError
from django.core.validators import URLValidator

from fabrique.core.dates import READ_DATE_FORMATS, read_date
from fabrique.core.frontmatter import FrontMatterError, text_value

from ...models import Project
from ...vocabulary import PhaseName, ProjectKind

INVESTIGATION_PHASES = frozenset({PhaseName.INVESTIGATION, PhaseName.INVESTIGATION_ABANDONED})
# Front matter key -> (Project field, French label for the review notes).
TEXT_FIELDS = {
    "mission": ("mission", "mission"),
    "incubator": ("incubator", "incubateur"),
    "usertypes": ("user_types", "publics"),
    "contact": ("contact", "contact"),
}
URL_FIELDS = {
    "link": ("service_url", "adresse du service"),
    "repository": ("repository_url", "dépôt de code"),
    "stats_url": ("stats_url", "page de statistiques"),
}
_is_url = URLValidator(schemes=["http", "https"])


class StartupFileError(FrontMatterError):
    """A startup file cannot be imported; the message, in French, says why."""


# --- Parsed data (no database) ------------------------------------------------------------


@dataclass(frozen=True)
class PhaseData:
    name: str
    start: date
    end: date | None
    comment: str = ""


@dataclass(frozen=True)
class SponsorData:
    name: str
    acronym: str = ""


@dataclass(frozen=True)
class CommitteeData:
    date: date
    minutes: str = ""


@dataclass
class StartupData:
    slug: str
    fields: dict[str, str]  # Project fields, ready to assign (name, mission, urls…)
    sponsors: list[SponsorData] = field(default_factory=list)
    thematics: list[str] = field(default_factory=list)  # Thematic names
    phases: list[PhaseData] = field(default_factory=list)
    committees: list[CommitteeData] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)  # oddities found while reading
    ignored_events: int = 0
    # Ids the startup had before, from `redirect_from: [/startups/aides.jeunes]` (a rename).
    former_ids: list[str] = field(default_factory=list)

    @property
    def kind(self) -> str:
        names = {phase.name for phase in self.phases}
        if names and names <= INVESTIGATION_PHASES:
            return ProjectKind.INVESTIGATION
        return ProjectKind.STARTUP_ETAT

    @property
    def review_notes(self) -> str:
        return "\n".join(self.notes)


def parse_date(value, what: str) -> date:
    """A date from YAML (`core.dates.read_date`: "2021-03-01", "2021-3-1", "01/03/2021",
    "1 mars 2021", a datetime…); StartupFileError when absent or unreadable."""
    text = str(value).strip() if value is not None else ""
    if not text:
        raise StartupFileError(f"{what} : date absente.")
    if (day := read_date(value)) is not None:
        return day
    raise StartupFileError(f"{what} : date illisible « {text} » (attendu : {READ_DATE_FORMATS}).")


def parse_optional_date(value, what: str) -> date | None:
    if value is None or (isinstance(value, str) and not value.strip()):
        return None
    return parse_date(value, what)


def as_list(value) -> list:
    if value is None:
        return []
    if isinstance(value, list | tuple):
        return [item for item in value if item is not None]
    return [value]


def fit_to_field(text: str, model_field: str, what: str, notes: list[str]) -> str:
    limit = Project._meta.get_field(model_field).max_length
    if limit and len(text) > limit:
        notes.append(f"{what.capitalize()} tronqué·e à {limit} caractères ({len(text)} lus).")
        return text[:limit]
    return text


def parse_url(value, key: str, what: str, notes: list[str]) -> str:
    if isinstance(value, list | tuple):  # several addresses: the first that is one
        candidates = [item for item in value if text_value(item)]
        for item in candidates:
            if url := parse_url(item, key, what, []):
                return url
        value = candidates[0] if candidates else None
    text = text_value(value)
    if not text:
        return ""
    text = html.unescape(text)  # a form of the site saved "https:&#x2F;&#x2F;exemple.fr"
    candidate = text if "://" in text else f"https://{text}"  # "www.exemple.fr" is common
    try:
        _is_url(candidate)
    except ValidationError:
        pass
    else:
        if len(candidate) <= Project._meta.get_field(URL_FIELDS[key][0]).max_length:
            return candidate
    notes.append(f"{what.capitalize()} ignoré·e : adresse invalide « {text[:200]} ».")
    return ""
