"""The fields of an offer from its front matter and its text, in either format of the field
(beta.gouv.fr, Incubateur des Territoires), with no database access: keys read tolerantly,
contract, dates and status, what is doubtful written into the offer's review notes; the
offer's slug from its file name.
"""

import difflib
import re
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from django.utils.text import capfirst, slugify

from fabrique.core.frontmatter import key_name, text_value
from fabrique.core.importing import fingerprint
from fabrique.core.markdown import markdown_problem
from fabrique.core.text import UnreadableText, decode_text, fold, yes_no

from ..models import JobOffer
from ..rules import (
    contract_from_word,
    parse_date,
    remote_from_word,
    team_name,
    tidy_body,
)
from ..vocabulary import OfferStatus, SourceFormat
from .contracts import contract_in_text, contract_in_title, unknown_contract
from .reading import EXTENSIONS, KNOWN_KEYS, MAX_FILE_BYTES, OfferFileError, read_header

SLUG_MAX = 100
BETAGOUV_KEYS = {"roles", "open", "date", "externalurl", "friend", "depublication_date", "title"}
ANCT_KEYS = {"role", "status", "poste_ouvert", "post_ouvert", "poste_ferme", "poste_pourvu"}
# Besides `core.text.yes_no`'s words: an offer's state written as a yes/no.
TRUE_WORDS = {"open", "ouvert", "ouverte"}
FALSE_WORDS = {"closed", "ferme", "fermee", "close"}
_HEADING = re.compile(r"^\s*#{1,3}\s+(.+?)\s*#*\s*$", re.M)
# Jekyll's dated file names (`2019-05-07-dev-front.md`), or the French order a few real files
# use (`28-11-2017-dev-lebontuteur.md`): the day the offer was posted.
_NAME_DATE = re.compile(r"^(\d{4}-\d{1,2}-\d{1,2}|\d{1,2}-\d{1,2}-\d{4})(?!\d)")
# A title left as the template wrote it (`title: titre # Permet d'avoir un titre spécifique…`).
PLACEHOLDER_TITLES = {"titre", "title", "titre de l'offre", "nom de l'offre"}


# Text fields cut to their column's length (a longer value is cut and said so, never silently).
CUT_FIELDS = (
    "title", "role", "team_name", "contract_raw", "contract_holder", "place", "days_per_week",
    "duration", "contact", "external_url",
)  # fmt: skip


def _close_key(raw_key) -> str | None:
    """The known key a misspelt front-matter key stands for (`post_ouvert` → `poste_ouvert`),
    None when it is close to none."""
    key = key_name(raw_key)
    close = difflib.get_close_matches(key, [k for k in KNOWN_KEYS if len(k) > 4], n=1, cutoff=0.85)
    return close[0] if close and len(key) > 4 else None


def _flag(value) -> bool | None:
    return yes_no(text_value(value) if isinstance(value, list) else value, yes=TRUE_WORDS,
                  no=FALSE_WORDS)  # fmt: skip


def _as_written(value) -> str:
    """A value as the file wrote it (`false`, not Python's `False`)."""
    return str(value).lower() if isinstance(value, bool) else text_value(value)


def _list(value) -> list[str]:
    if value is None:
        return []
    if isinstance(value, list | tuple):
        return [text for item in value if (text := text_value(item))]
    return [part.strip() for part in str(value).split(",") if part.strip()]


def _plain(value):
    """A YAML value as JSON can keep it (dates as ISO text)."""
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, list | tuple):
        return [_plain(item) for item in value]
    if isinstance(value, dict):
        return {str(key): _plain(item) for key, item in value.items()}
    return value


def offer_slug(path: Path) -> str:
    """A stable slug from the file name; long machine-generated names are cut and made unique
    by a short hash of the whole name."""
    stem = path.name
    for extension in EXTENSIONS:
        if stem.lower().endswith(extension):
            stem = stem[: -len(extension)]
    slug = slugify(stem) or "offre"
    if len(slug) > SLUG_MAX:
        digest = fingerprint(stem, length=8)
        slug = f"{slug[: SLUG_MAX - 9].rstrip('-')}-{digest}"
    return slug


def is_machine_name(path: Path) -> bool:
    """A file name written by a program rather than a person (`map-poste_ouvert-tue-dec-22-2020-…`,
    a dump of the front matter): longer, as a slug, than an address may be."""
    return len(slugify(path.stem)) > SLUG_MAX


def title_slug(title: str) -> str:
    return slugify(title)[:SLUG_MAX].rstrip("-") or "offre"


@dataclass
class OfferData:
    slug: str
    fields: dict
    notes: list[str] = field(default_factory=list)
    # The slug of the file's name, when the offer's address is made from its title instead
    # (a machine-generated name): an offer imported before under it keeps its address.
    file_slug: str = ""


def _date(value, label: str, notes: list[str]) -> date | None:
    if value is None or (isinstance(value, str) and not value.strip()):
        return None
    day = parse_date(value)
    if day is None:
        notes.append(f"{label} illisible « {text_value(value)} » : laissée vide.")
    return day


def _blank(value) -> bool:
    """No value at all: absent, `null`, `""`, spaces or an empty list."""
    if isinstance(value, str):
        return not value.strip()
    if isinstance(value, list | tuple):
        return not value
    return value is None


def parse_offer(text: str, *, slug: str, source_file: str = "") -> OfferData:
    """The fields of an offer read from a file's text (no database access)."""
    notes: list[str] = []
    if not text.strip("\ufeff \r\n\t"):
        raise OfferFileError("fichier vide : rien à importer.")
    header, body = read_header(text, notes)
    values: dict[str, object] = {}
    extra: dict[str, object] = {}
    raw_keys = set()
    # Exact keys first, so that `poste_ouvert` wins over a misspelt `post_ouvert` beside it.
    for raw_key, value in header.items():
        raw_keys.add(key_name(raw_key))
        if isinstance(value, dict) and key_name(raw_key) in KNOWN_KEYS:
            # `contact: {email: …, nom: …}`: no field of an offer is made of sub-fields, and
            # picking one would be a guess; kept as written, the export gives it back.
            extra[str(raw_key)] = _plain(value)
            notes.append(
                f"Champ « {raw_key} » écrit en sous-champs ({', '.join(map(str, value))}) : non "
                "lu, à reporter dans l'offre ; gardé tel quel à l'export."
            )
            continue
        # An empty key does not hide a synonym that has a value (`startup: ""` beside
        # `equipe: Aides-territoires`); it is kept as written for the export.
        field = KNOWN_KEYS.get(key_name(raw_key))
        if field and (field not in values or (_blank(values[field]) and not _blank(value))):
            values[field] = value
    for raw_key, value in header.items():
        if key_name(raw_key) in KNOWN_KEYS and values.get(KNOWN_KEYS[key_name(raw_key)]) is value:
            continue
        close = None if key_name(raw_key) in KNOWN_KEYS else _close_key(raw_key)
        if close is None or KNOWN_KEYS[close] in values:
            extra[str(raw_key)] = _plain(value)
            if close is not None:
                # `post_ouvert` beside `poste_ouvert` (or `date`): the exact key is read.
                notes.append(
                    f"Champ « {raw_key} » (proche de « {close} ») laissé de côté : l'en-tête "
                    "donne déjà cette valeur par un autre champ ; gardé tel quel à l'export."
                )
        else:
            values[KNOWN_KEYS[close]] = value
            notes.append(f"Champ « {raw_key} » lu comme « {close} ».")
    # No blank line nor trailing spaces at the end: the export does not write them back, and
    # an offer read again from its export must be unchanged.
    body = tidy_body(body)
    title = text_value(values.get("title"))
    if fold(title) in PLACEHOLDER_TITLES:
        notes.append(f"Titre « {title} » laissé tel que dans le modèle : titre tiré du rôle.")
        title = ""
    role = text_value(values.get("role"))
    # A partner's offer relayed by the site (`type: friend`) names its team in `friend`.
    team = team_name(text_value(values.get("team")) or text_value(values.get("friend")))
    if not header:
        heading = _HEADING.search(body)
        if heading is None:
            raise OfferFileError(
                "pas d'en-tête YAML (le fichier doit commencer par « --- ») ni de titre "
                "(« # Titre ») : rien à importer."
            )
        title = heading.group(1).strip()
        notes.append("Fichier sans en-tête YAML : titre tiré du premier intertitre.")
    if not title and role:
        title = f"{role} — {team}" if team else role
    elif not title:
        heading = _HEADING.search(body)
        if heading is None:
            raise OfferFileError(
                "ni titre (« title ») ni rôle (« role » ou « roles ») dans l'en-tête, ni "
                "intertitre (« # Titre ») dans le texte : rien pour nommer l'offre."
            )
        title = heading.group(1).strip()
        notes.append("Ni titre ni rôle dans l'en-tête : titre tiré du premier intertitre.")
    if problem := markdown_problem(body):
        raise OfferFileError(f"description illisible sans risque : {problem}")
    contract_raw = text_value(values.get("contract"))
    contract = contract_from_word(contract_raw)
    if contract_raw and not contract:
        notes.append(unknown_contract(contract_raw))
    elif not contract_raw:
        contract, contract_raw = contract_in_text(body, notes)
    if not contract and not contract_raw:
        contract, contract_raw = contract_in_title(title, notes)
    opens_on = _date(values.get("opens"), "Date d'ouverture", notes)
    name_date = ""  # a date-like start of the file name that is no date (`2021-25-01-…`)
    if opens_on is None and (named := _NAME_DATE.match(Path(source_file).name)):
        # Without it an old offer marked `open: true` would stay on the board for ever.
        opens_on = parse_date(named[1])
        name_date = "" if opens_on else named[1]
    closes_on = _date(values.get("closes"), "Date de clôture", notes)
    if opens_on and closes_on and closes_on < opens_on:
        notes.append(
            f"Clôture ({closes_on:%d/%m/%Y}) avant l'ouverture ({opens_on:%d/%m/%Y}) : "
            "date de clôture laissée vide."
        )
        closes_on = None
    filled = _flag(values.get("filled"))
    is_open = _flag(values.get("open"))
    status_word = _flag(values.get("status"))
    if _flag(values.get("draft")) or fold(text_value(values.get("status"))) in (
        "brouillon",
        "draft",
    ):
        status = OfferStatus.DRAFT
    elif filled:
        status = OfferStatus.FILLED
    elif False in (is_open, status_word):
        # `open: false` beside `status: open` (a file of both formats): the beta.gouv.fr site
        # did not show it, so it is not published here either.
        if True in (is_open, status_word):
            said = [f"{key}: {_as_written(values.get(key))}" for key in ("open", "status")]
            notes.append(f"« {said[0]} » et « {said[1]} » se contredisent : offre fermée.")
        status = OfferStatus.CLOSED
    else:
        # `open: true`, or neither `open` nor `status`: published, closing itself after its date.
        status = OfferStatus.PUBLISHED
    if status == OfferStatus.PUBLISHED and not opens_on and not closes_on:
        # An archive of offers has many of these, years old: published, they would stay open.
        status = OfferStatus.DRAFT
        where = (
            f"ni ouverture ni clôture, et « {name_date} » en tête du nom du fichier n'est pas "
            "une date"
            if name_date
            else "ni ouverture ni clôture, ni date en tête du nom du fichier"
        )
        notes.append(
            f"Aucune date ({where}) : importée en brouillon plutôt que publiée, pour ne pas "
            "afficher comme ouverte une offre peut-être ancienne ; donnez-lui une date de "
            "clôture puis publiez-la."
        )
    remote = remote_from_word(values.get("remote"))
    if not remote and (remote_raw := text_value(values.get("remote"))):
        # « Oui, 2 jours par semaine », « à discuter »: not a word of the vocabulary, so not
        # chosen for the author; kept as written, the export gives it back.
        extra["teletravail"] = _plain(values["remote"])
        notes.append(
            f"Télétravail « {remote_raw} » non reconnu (attendu : oui, non, partiel ou total) : "
            "laissé à préciser, gardé tel quel à l'export."
        )
    if raw_keys & BETAGOUV_KEYS and not raw_keys & ANCT_KEYS - {"role"}:
        source_format = SourceFormat.BETAGOUV
    elif raw_keys & ANCT_KEYS or "airtable_formulaire" in raw_keys:
        source_format = SourceFormat.ANCT
    else:
        # No front matter: exported later in the beta.gouv.fr style, so read as such.
        source_format = SourceFormat.BETAGOUV
    for key in ("friend", "type"):
        if key in values:
            extra[key] = _plain(values[key])
    fields = {
        "title": title,
        "role": role,
        "team_name": team,
        "contract": contract,
        "contract_raw": contract_raw,
        "contract_holder": text_value(values.get("holder")),
        "junior": bool(_flag(values.get("junior"))),
        "place": text_value(values.get("place")),
        "remote": remote,
        "opens_on": opens_on,
        "closes_on": closes_on,
        "days_per_week": text_value(values.get("days")),
        "duration": text_value(values.get("duration")),
        "contact": text_value(values.get("contact")),
        "external_url": text_value(values.get("external_url")),
        "body": body,
        "status": status,
        "techno": _list(values.get("techno")),
        "domains": _list(values.get("domains")),
        "source_format": source_format,
        "source_file": source_file[-500:],
        "extra": extra,
    }
    for name in CUT_FIELDS:
        column = JobOffer._meta.get_field(name)
        limit, label = column.max_length, capfirst(column.verbose_name)
        if len(fields[name]) > limit:
            notes.append(
                f"« {label} » trop long ({len(fields[name])} caractères) : coupé à {limit} "
                "caractères, vérifiez la fin."
            )
            fields[name] = fields[name][:limit]
    return OfferData(slug=slug, fields=fields, notes=notes)


def read_offer_file(path: Path) -> OfferData:
    size = path.stat().st_size
    if size > MAX_FILE_BYTES:
        raise OfferFileError(
            f"fichier trop volumineux ({size / 1e6:.1f} Mo) : une offre fait au plus "
            f"{MAX_FILE_BYTES // 1024} Ko.".replace(".", ",", 1)
        )
    try:
        text, note = decode_text(path.read_bytes())
    except UnreadableText as error:
        raise OfferFileError(str(error)) from None
    notes = [note] if note else []
    data = parse_offer(text, slug=offer_slug(path), source_file=path.name)
    data.notes[:0] = notes
    if is_machine_name(path):
        # A readable address: the offer's title, not a dump of its front matter.
        data.file_slug, data.slug = data.slug, title_slug(data.fields["title"])
    return data
