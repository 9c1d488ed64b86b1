"""Job offers written as Markdown with a YAML front matter, in the two formats of the field.

- beta.gouv.fr style: `title`, `roles`, `open`, `date`, `junior`, `friend`, `externalURL`,
  `equipe` or `startup`, `contrat`, `techno`, `domaines`, `depublication_date`…
- Incubateur des Territoires (ANCT) style: `role`, `status`, `poste_ouvert` (or the misspelt
  `post_ouvert`), `poste_ferme`, `poste_pourvu`, `airtable_formulaire`, `contact`, `equipe`…

Reading is tolerant of the drift of real files (misspelt keys, many spellings of `contrat`,
impossible dates, machine-generated names, no front matter at all): what cannot be used is
left out and written in the offer's review notes instead of refusing the file. A file is
skipped only when nothing usable is in it, and the reason says so. Each offer is keyed by a
slug made from its file name (from its title when the name is machine-generated), so that
importing again updates instead of duplicating.
"""

import difflib
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from django.db import transaction
from django.utils.text import slugify

from fabrique.core import importing
from fabrique.core.frontmatter import (
    FrontMatterError,
    key_name,
    load_yaml,
    opens_with_front_matter,
    read,
    split_front_matter,
    text_value,
)
from fabrique.core.importing import ImportReport, Item, Track, fingerprint, no_progress
from fabrique.core.markdown import markdown_problem
from fabrique.core.text import UnreadableText, decode_text, fold, folded_words, yes_no
from fabrique.core.wordindex import store_words
from fabrique.portfolio.models import Project

from ..models import JobOffer, JobOfferWord
from ..rules import (
    contract_from_word,
    contracts_named,
    parse_date,
    remote_from_word,
    team_name,
    tidy_body,
)
from ..vocabulary import Contract, OfferStatus, SourceFormat

EXTENSIONS = (".md", ".markdown", ".txt")
MAX_FILE_BYTES = 512 * 1024
SLUG_MAX = 100
# Every key Fabrique reads, under its canonical name.
KNOWN_KEYS = {
    "title": "title", "titre": "title",
    "role": "role", "roles": "role", "poste": "role",
    "equipe": "team", "startup": "team", "team": "team",
    "friend": "friend", "type": "type",
    "contrat": "contract", "contract": "contract", "type_contrat": "contract",
    "junior": "junior",
    "open": "open", "status": "status", "brouillon": "draft", "draft": "draft", "statut": "status",
    "poste_pourvu": "filled", "pourvu": "filled",
    "poste_ouvert": "opens", "date": "opens", "ouverture": "opens",
    "poste_ferme": "closes", "depublication_date": "closes", "cloture": "closes",
    "contact": "contact",
    "externalurl": "external_url", "external_url": "external_url", "lien": "external_url",
    "techno": "techno", "technos": "techno", "stack": "techno",
    "domaines": "domains", "domaine": "domains", "domains": "domains",
    "lieu": "place", "localisation": "place", "location": "place",
    "teletravail": "remote", "remote": "remote",
    "jours_par_semaine": "days", "jours": "days",
    "duree": "duration", "duration": "duration",
    "porteur_du_contrat": "holder",
}  # fmt: skip
BETAGOUV_KEYS = {"roles", "open", "date", "externalurl", "friend", "depublication_date", "title"}
ANCT_KEYS = {"role", "status", "poste_ouvert", "post_ouvert", "poste_ferme", "poste_pourvu"}
# Besides `core.text.yes_no`'s words: an offer's state written as a yes/no.
TRUE_WORDS = {"open", "ouvert", "ouverte"}
FALSE_WORDS = {"closed", "ferme", "fermee", "close"}
_HEADING = re.compile(r"^\s*#{1,3}\s+(.+?)\s*#*\s*$", re.M)
_HEADER_LINE = re.compile(r"^([A-Za-z_][\w-]*)\s*:(?:\s+(.*?))?\s*$")
_LIST_ITEM = re.compile(r"^\s+-\s+(.*?)\s*$")
# The one YAML mistake read anyway: a « : » inside a value left without quotes
# (`title: Le service recrute : un·e dev`), whose meaning is plain; Jekyll only warns about it.
_COLON_IN_VALUE = "« : » inattendu"
# Jekyll's dated file names (`2019-05-07-dev-front.md`), or the French order a few real files
# use (`28-11-2017-dev-lebontuteur.md`): the day the offer was posted.
_NAME_DATE = re.compile(r"^(\d{4}-\d{1,2}-\d{1,2}|\d{1,2}-\d{1,2}-\d{4})(?!\d)")
# A title left as the template wrote it (`title: titre # Permet d'avoir un titre spécifique…`).
PLACEHOLDER_TITLES = {"titre", "title", "titre de l'offre", "nom de l'offre"}
# A line of the text that states the contract: `Contrat : CDD de 6 mois`, `- Contrat: freelance`,
# `* **Statut** — Poste ouvert pour un CDD`.
_CONTRACT_LINE = re.compile(
    r"^\s*(?:[-*•]\s+)?(?:\*\*|__)?(?:type de )?(?:contrat|statut)(?:\*\*|__)?"
    r"\s*(?::|—|–)\s*(.+?)\s*$",
    re.I | re.M,
)
# Or the line of the terms that says to whom the post is open: `- Poste ouvert pour un·e
# indépendant·e (en portage).`, `Mission proposée pour un·e prestataire`, `Postes ouverts en CDI`.
# The terms may follow a bold label: `* **Modalités** poste ouvert pour un·e indépendant·e`.
_OPEN_TO_LINE = re.compile(
    r"^\s*(?:[-*•]\s+)?(?:(?:\*\*|__)[^*_\n]{1,40}(?:\*\*|__)\s*:?\s*)?"
    r"((?:postes? ouverts?|mission propos[ée]e)\b.+?)\s*$",
    re.I | re.M,
)
# The parts of a title: « Chargé·e de déploiement — CDD de 20 mois », « Designer (freelance) ».
_TITLE_PARTS = re.compile(r"\s+[-—–]\s+|[()\[\]|:,;/]")
# Blank lines and Markdown headings only, then a front matter: `# Titre\n\n---\nroles: …\n---`.
_HEADING_THEN_HEADER = re.compile(r"^((?:[ \t]*\n|#[^\n]*\n)+)(---[ \t]*\n.*)$", re.S)


def _key(raw) -> str:
    return key_name(raw)


def _close_key(raw_key) -> str | None:
    """The known key a misspelt front-matter key stands for (`post_ouvert` → `poste_ouvert`),
    None when it is close to none."""
    key = _key(raw_key)
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


class OfferFileError(Exception):
    """A file with nothing usable in it; the message, in French, says why."""


def _date(value, label: str, notes: list[str]) -> date | None:
    if value is None or (isinstance(value, str) and not value.strip()):
        return None
    day = parse_date(value)
    if day is None:
        notes.append(f"{label} illisible « {text_value(value)} » : laissée vide.")
    return day


def _line_value(raw: str):
    try:
        value = load_yaml(f"v: {raw}")["v"]
    except FrontMatterError:
        return raw.strip()
    return value


def _header_line_by_line(header: str) -> dict:
    """A header whose only fault is a « : » inside an unquoted value, read one line at a time:
    `key: value` lines (the value as written when YAML cannot read it) and `  - item` lists."""
    values: dict[str, object] = {}
    last = None
    for line in header.split("\n"):
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        if match := _HEADER_LINE.match(line):
            last = match[1]
            values[last] = _line_value(match[2]) if match[2] else None
        elif (item := _LIST_ITEM.match(line)) and last is not None:
            previous = values[last]
            values[last] = [*(previous if isinstance(previous, list) else []), item[1]]
        else:
            raise FrontMatterError(f"ligne d'en-tête illisible « {line.strip()[:60]} ».")
    return values


def _unclosed_header(text: str) -> tuple[dict, str] | None:
    """A front matter whose closing `---` was forgotten: the lines up to the first blank line,
    when they read as YAML fields; None otherwise."""
    lines = text.removeprefix("\ufeff").replace("\r\n", "\n").lstrip("\n").split("\n")[1:]
    end = next((index for index, line in enumerate(lines) if not line.strip()), None)
    if not end:
        return None
    try:
        header = load_yaml("\n".join(lines[:end]))
    except FrontMatterError:
        return None
    return header, "\n".join(lines[end + 1 :]).strip("\n")


def _header_after_heading(text: str, notes: list[str]) -> tuple[dict, str] | None:
    """A front matter placed under a heading (`# Développeur·euse` then `---` … `---`), which
    Jekyll does not read: its fields when they are fields of an offer, the heading kept at the
    top of the text; None otherwise (a heading followed by a horizontal rule)."""
    match = _HEADING_THEN_HEADER.match(text.removeprefix("\ufeff").replace("\r\n", "\n"))
    if match is None or not match[1].strip():
        return None
    try:
        header, body = read(match[2])
    except FrontMatterError:
        return None
    if not any(_key(key) in KNOWN_KEYS for key in header):
        return None
    notes.append(
        "En-tête YAML placé sous un intertitre (le fichier doit commencer par « --- ») : lu "
        "quand même, l'intertitre gardé en tête du texte."
    )
    return header, f"{match[1].strip()}\n\n{body}"


def read_header(text: str, notes: list[str]) -> tuple[dict, str]:
    """(header, body) of an offer file; a file without front matter has an empty header."""
    if not text.lstrip("\ufeff \r\n\t").startswith("---"):
        return _header_after_heading(text, notes) or ({}, text.removeprefix("\ufeff"))
    try:
        return read(text)
    except FrontMatterError as error:
        if "en-tête YAML vide" in str(error):
            return {}, split_front_matter(text)[1]
        if "non fermé" in str(error) and (found := _unclosed_header(text)):
            notes.append(
                "En-tête YAML non fermé (ligne « --- » de fin absente) : lu jusqu'à la première "
                "ligne vide, à vérifier."
            )
            return found
        if _COLON_IN_VALUE not in str(error):
            raise OfferFileError(str(error)) from error
        header_text, body = split_front_matter(text)
        try:
            header = _header_line_by_line(header_text)
        except FrontMatterError:
            raise OfferFileError(str(error)) from error
        notes.append(
            f"{str(error)[0].upper()}{str(error)[1:]} Lu ligne par ligne, chaque valeur telle "
            "qu'écrite : à vérifier."
        )
        return header, body


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
        raw_keys.add(_key(raw_key))
        if isinstance(value, dict) and _key(raw_key) in KNOWN_KEYS:
            # `contact: {email: …, nom: …}`: no field of an offer is made of sub-fields, and
            # picking one would be a guess; kept as written, the export gives it back.
            extra[str(raw_key)] = _plain(value)
            notes.append(
                f"Champ « {raw_key} » écrit en sous-champs ({', '.join(map(str, value))}) : non "
                "lu, à reporter dans l'offre ; gardé tel quel à l'export."
            )
            continue
        if _key(raw_key) in KNOWN_KEYS and KNOWN_KEYS[_key(raw_key)] not in values:
            values[KNOWN_KEYS[_key(raw_key)]] = value
    for raw_key, value in header.items():
        if _key(raw_key) in KNOWN_KEYS and values.get(KNOWN_KEYS[_key(raw_key)]) is value:
            continue
        close = None if _key(raw_key) in KNOWN_KEYS else _close_key(raw_key)
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
        notes.append(_unknown_contract(contract_raw))
    elif not contract_raw:
        contract, contract_raw = _contract_in_text(body, notes)
    if not contract and not contract_raw:
        contract, contract_raw = _contract_in_title(title, notes)
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
        "title": title[:300],
        "role": role[:300],
        "team_name": team[:200],
        "contract": contract,
        "contract_raw": contract_raw[:200],
        "contract_holder": text_value(values.get("holder"))[:200],
        "junior": bool(_flag(values.get("junior"))),
        "place": text_value(values.get("place"))[:200],
        "remote": remote,
        "opens_on": opens_on,
        "closes_on": closes_on,
        "days_per_week": text_value(values.get("days"))[:60],
        "duration": text_value(values.get("duration"))[:120],
        "contact": text_value(values.get("contact"))[:254],
        "external_url": text_value(values.get("external_url"))[:500],
        "body": body,
        "status": status,
        "techno": _list(values.get("techno")),
        "domains": _list(values.get("domains")),
        "source_format": source_format,
        "source_file": source_file[-500:],
        "extra": extra,
    }
    return OfferData(slug=slug, fields=fields, notes=notes)


def _two_contracts(named: list[str]) -> str:
    return " ou ".join(str(Contract(word).label) for word in named)


def _unknown_contract(raw: str) -> str:
    named = contracts_named(raw)
    if len(named) > 1:
        return f"Contrat « {raw} » ambigu ({_two_contracts(named)}) : gardé tel quel, à préciser."
    return f"Contrat « {raw} » inconnu : gardé tel quel, à préciser."


def _contract_in_text(body: str, notes: list[str]) -> tuple[str, str]:
    """(contract, words) from a line of the text that states it (`Contrat : CDD de 6 mois`,
    `Poste ouvert pour un·e indépendant·e`), for the many offers whose header has no `contrat`;
    ("", "") when no such line names a contract, or when the first one names two."""
    lines = [*_CONTRACT_LINE.finditer(body), *_OPEN_TO_LINE.finditer(body)]
    for match in lines:
        # The contract is said first (`freelance, temps partiel à 80 %`): the rest is left out.
        words = " ".join(re.sub(r"[*_]+", "", match[1]).split(",")[0].split())
        words = words.rstrip(".")[:200]
        named = contracts_named(words)
        if len(named) == 1:
            notes.append(f"Contrat lu dans le texte (« {words} ») : à vérifier.")
            return named[0], words
        if named:
            notes.append(
                f"Le texte dit « {words} » : contrat ambigu ({_two_contracts(named)}), à préciser."
            )
            break
    return "", ""


def _contract_in_title(title: str, notes: list[str]) -> tuple[str, str]:
    """(contract, words) from a title that states it (« CDD de 20 mois », « Stage de 6 mois »,
    « Designer (freelance) »), for the offers whose header and text say none: the words are
    the part of the title that names it. ("", "") when the title names none, or two."""
    named = contracts_named(title)
    if len(named) != 1:
        if named:
            notes.append(f"Le titre dit « {title} » : contrat ambigu ({_two_contracts(named)}).")
        return "", ""
    parts = [part.strip() for part in _TITLE_PARTS.split(title)]
    words = next((part for part in parts if contracts_named(part)), title)[:200]
    notes.append(f"Contrat lu dans le titre (« {words} ») : à vérifier.")
    return named[0], words


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


# Files that may begin with `---` without being offers: YAML data files.
DATA_EXTENSIONS = (".yml", ".yaml")


def is_offer_file(path: Path) -> bool:
    """`.md`, `.markdown`, `.txt`, and any other file that begins with a front matter `---`
    (no extension, a dot in the name as in `15.04_Bizdev`, a Jekyll `.html` page), except
    YAML data files."""
    suffix = path.suffix.lower()
    if suffix in EXTENSIONS:
        return True
    return suffix not in DATA_EXTENSIONS and opens_with_front_matter(path)


REFUSED = (
    "ni .md, ni .markdown, ni .txt, et ne commence pas par « --- » : pas lu comme une offre "
    "(une offre est un fichier Markdown)."
)
REFUSED_NO_EXTENSION = (
    "sans extension et ne commence pas par un en-tête « --- » : pas lu comme une offre ; si "
    "c'en est une, ajoutez-lui l'extension .md."
)
REFUSED_DATA = "fichier de données YAML (.yml, .yaml) : pas une offre."


def refusal(path: Path) -> str:
    if path.suffix.lower() in DATA_EXTENSIONS:
        return REFUSED_DATA
    return REFUSED_NO_EXTENSION if not path.suffix or " " in path.suffix else REFUSED


def collect_files(paths: Iterable[str | Path]) -> tuple[list[Path], list[Item]]:
    """Files named or found (recursively, sorted) under the folders given, and the files not
    read, each with its reason: the bad paths named, and the files of a folder that are not
    offers (a README, an image), so that every file of a folder is accounted for."""
    paths = list(paths)
    files, problems = importing.collect_files(paths, is_offer_file, refused=REFUSED, recursive=True)
    problems = [
        Item(where, refusal(Path(where))) if reason == REFUSED else Item(where, reason)
        for where, reason in problems
    ]
    accounted = {str(path) for path in files} | {where for where, _ in problems}
    for raw in paths:
        if Path(raw).is_dir():
            problems.extend(
                Item(str(child), refusal(child))
                for child in sorted(Path(raw).rglob("*"))
                if str(child) not in accounted
                and not child.name.startswith(".")
                and child.is_file()
                and not any(part.startswith(".") for part in child.relative_to(raw).parts)
            )
    return files, problems


def write_offer(data: OfferData, existing: JobOffer | None) -> tuple[str, JobOffer]:
    """Create or update one offer: ('created' | 'updated' | 'unchanged', the offer)."""
    fields = dict(data.fields, review_notes="\n".join(data.notes))
    fields["search_text"] = search_text(fields)
    if existing is None:
        return "created", JobOffer.objects.create(slug=data.slug, **fields)
    changed = [name for name, value in fields.items() if getattr(existing, name) != value]
    if not changed:
        return "unchanged", existing
    for name in changed:
        setattr(existing, name, fields[name])
    existing.save()
    return "updated", existing


def search_text(fields: dict) -> str:
    parts = [fields.get(name, "") for name in ("title", "role", "team_name", "place", "body")]
    # Each word once: a search matches the start of any word (`LIKE '% mot%'`), and a shorter
    # text is scanned faster (a real offer has about half as many distinct words as words).
    techno, domains = fields.get("techno", []), fields.get("domains", [])
    return folded_words(*parts, *techno, *domains, max_chars=None)


def project_keys() -> dict[str, int]:
    """Each portfolio project under its slug and its folded name (one query), so that an
    offer's team (`startup: guichet-solidaire`, `equipe: Guichet solidaire`) finds it."""
    keys: dict[str, int] = {}
    for pk, slug, name in Project.objects.values_list("pk", "slug", "name"):
        keys.setdefault(slug, pk)
        keys.setdefault(fold(name), pk)
    return keys


def team_project(team: str, keys: dict[str, int]) -> int | None:
    if not team:
        return None
    return keys.get(team.strip()) or keys.get(slugify(team)) or keys.get(fold(team))


def _other_slug(data: OfferData) -> str:
    """The slug of a file whose own is taken by another file (`offre` beside `offre.md`, two
    names that differ only by accents or spaces): the slug and a short hash of the file name."""
    digest = fingerprint(data.fields["source_file"], length=8)
    return f"{data.slug[: SLUG_MAX - 9].rstrip('-')}-{digest}"


def _held_by_another(offer: JobOffer | None, data: OfferData) -> bool:
    """An offer of another file (or typed in Fabrique) has the title's slug already."""
    return offer is not None and offer.source_file != data.fields["source_file"]


def _free_slug(data: OfferData, seen: dict[str, Path]) -> str:
    """The file's slug, unless another file of the same import holds it. Files are read in
    order, so importing the same folder again gives each file the same slug; a file exported
    by Fabrique under another name (`offre.md` for `offre.txt`) updates its offer."""
    return _other_slug(data) if data.slug in seen else data.slug


def import_offer_files(paths: Iterable[str | Path], *, track: Track = no_progress) -> ImportReport:
    """Import every offer file found, all or nothing; skipped files listed with their reason."""
    files, problems = collect_files(paths)
    report = ImportReport(skipped=problems, read=len(files))
    parsed: list[tuple[Path, OfferData]] = []
    for path in track(files, "Offres d'emploi"):
        try:
            parsed.append((path, read_offer_file(path)))
        except (OfferFileError, OSError) as error:
            report.skip(str(path), str(error))
    # One transaction for the whole import: stopped half-way (an error, a killed process), it
    # leaves the database as it was; files with nothing usable are skipped before writing.
    with transaction.atomic():
        slugs = [
            slug for _, data in parsed for slug in (data.slug, _other_slug(data), data.file_slug)
        ]
        existing = JobOffer.objects.in_bulk([slug for slug in slugs if slug], field_name="slug")
        projects = project_keys()
        seen: dict[str, Path] = {}
        written = []
        for path, data in parsed:
            if data.file_slug and data.file_slug in existing:
                # Imported before under its file name: its address stays (links to it work).
                data.slug = data.file_slug
            elif data.file_slug and _held_by_another(existing.get(data.slug), data):
                data.slug = _other_slug(data)
            taken_by = seen.get(data.slug)
            data.slug = _free_slug(data, seen)
            if data.slug in seen:
                report.skip(
                    str(path), f"même identifiant « {data.slug} » que le fichier {seen[data.slug]}."
                )
                continue
            if taken_by is not None:
                data.notes.append(
                    f"Même nom, à la casse, aux accents ou à l'extension près, que le fichier "
                    f"« {taken_by.name} » : sans doute une copie de la même offre, à vérifier."
                )
            seen[data.slug] = path
            # The hiring team: the portfolio project the team names (a link made by hand in
            # Fabrique is kept when the file names no project).
            if project := team_project(data.fields["team_name"], projects):
                data.fields["project_id"] = project
            outcome, offer = write_offer(data, existing.get(data.slug))
            report.record(outcome, data.slug)
            if outcome != "unchanged":
                written.append(offer)
            if data.notes:
                report.warn(data.slug, " ".join(data.notes))
        store_words(JobOfferWord, "offer", written)
    return report
