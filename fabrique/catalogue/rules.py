"""Rules of the catalogue that need no database: themes and population conditions read in a
funding scheme's text, its geographic perimeter read in its funders' names, French numbers.

They serve the Aides-territoires import (whose export has no theme, population or perimeter
column) and the reasons given by the funding match.
"""

import re
from collections.abc import Iterable

from fabrique.core.text import fold

from .vocabulary import Theme


def number(value: int) -> str:
    """French thousands separator, as the reasons print it: 1 141, 3 500."""
    return f"{value:,}".replace(",", " ")


# --- Themes -------------------------------------------------------------------------------

# Folded words or phrases; each must start a word of the text ("numerique" finds "numériques").
THEME_KEYWORDS = {
    Theme.DIGITAL: (
        "numerique", "digital", "dematerialis", "informatique", "logiciel", "cybersecurite",
        "cyber", "open data", "donnees ouvertes", "tres haut debit", "fibre optique",
        "site internet", "site web", "e administration", "intelligence artificielle",
    ),
    Theme.GENERAL: (
        "detr", "dsil", "dotation d equipement des territoires ruraux",
        "dotation de soutien a l investissement local", "tous projets", "fonds de concours",
    ),
    Theme.PLANNING: (
        "amenagement", "urbanisme", "revitalisation", "centre bourg", "centres bourgs",
        "centre ville", "centres villes", "friche", "foncier", "fonciere", "espace public",
        "espaces publics", "petites villes de demain", "cadastre", "voirie", "paysage",
    ),
    Theme.MOBILITY: (
        "mobilite", "velo", "cyclable", "transport", "covoiturage", "deplacement",
        "stationnement", "intermodal",
    ),
    Theme.ENERGY: (
        "energie", "energetique", "photovolta", "eclairage public", "climat", "carbone",
        "methanisation", "solaire", "eolien", "chaleur renouvelable", "reseau de chaleur",
    ),
    Theme.ENVIRONMENT: (
        "environnement", "biodiversite", "espaces naturels", "dechet", "economie circulaire",
        "trame verte", "pollution", "foret", "zones humides", "vegetalis",
    ),
    Theme.WATER: (
        "eau potable", "eaux pluviales", "assainissement", "ruissellement", "inondation",
        "gemapi", "riviere", "milieux aquatiques", "ressource en eau",
    ),
    Theme.HOUSING: (
        "habitat", "logement", "parc prive", "copropriete", "anah", "insalubr",
        "precarite energetique",
    ),
    Theme.CULTURE: (
        "culture", "patrimoine", "monument", "musee", "bibliotheque", "mediatheque",
        "spectacle", "lecture publique", "archives",
    ),
    Theme.TOURISM: ("tourisme", "touristique", "randonnee", "itineraire"),
    Theme.ECONOMY: (
        "developpement economique", "commerce", "artisan", "entreprise", "emploi",
        "attractivite", "tiers lieu", "tiers lieux",
    ),
    Theme.SOCIAL: (
        "social", "sociale", "solidarite", "sante", "personnes agees", "handicap", "insertion",
        "ccas", "autonomie", "medic",
    ),
    Theme.EDUCATION: (
        "ecole", "scolaire", "education", "jeunesse", "enfance", "periscolaire", "college",
        "lycee",
    ),
    Theme.SPORT: ("sport", "piscine", "gymnase"),
    Theme.CITIZENSHIP: (
        "citoyen", "participati", "democratie", "concertation", "vie associative", "benevol",
    ),
}  # fmt: skip
# A theme named in the title counts; in the description it must come back at least twice,
# so that "déposez votre dossier sur la plateforme numérique" does not make an aid digital.
DESCRIPTION_HITS = 2


def _hits(folded: str, keyword: str) -> int:
    return folded.count(f" {keyword}")


def detect_themes(name: str, description: str = "") -> list[str]:
    """Themes of a funding scheme read in its name and description, in vocabulary order."""
    title = f" {fold(name)} "
    body = f" {fold(description)} "
    found = []
    for theme, keywords in THEME_KEYWORDS.items():
        if any(_hits(title, keyword) for keyword in keywords) or (
            sum(_hits(body, keyword) for keyword in keywords) >= DESCRIPTION_HITS
        ):
            found.append(theme.value)
    return found


# --- Population conditions ------------------------------------------------------------------

_NUMBER = r"(\d{1,3}(?: \d{3})+|\d+)"
_BETWEEN = re.compile(rf"communes? de {_NUMBER} a {_NUMBER} habitants")
_BELOW = re.compile(rf"communes? de moins de {_NUMBER} habitants")
_ABOVE = re.compile(rf"communes? de plus de {_NUMBER} habitants")
_HEDGED = ("notamment", "en particulier", "par exemple", "y compris")


def _int(text: str) -> int:
    return int(text.replace(" ", ""))


def population_below(limit: int) -> int:
    """The population maximale of « moins de LIMIT habitants »: a scheme's bounds are inclusive
    (the funding match keeps population ≤ population_max), « moins de » is strict, as the
    accompagnement sur-mesure's threshold (`territories.rules.is_eligible`)."""
    return limit - 1


def population_above(limit: int) -> int:
    """The population minimale of « plus de LIMIT habitants » (strict, bounds inclusive)."""
    return limit + 1


def population_conditions(text: str) -> tuple[int | None, int | None]:
    """(minimum, maximum) population, both inclusive, read in "communes de moins de 3 500
    habitants" (at most 3 499), "communes de 10 000 à 100 000 habitants" or "communes de plus
    de 2 000 habitants" (at least 2 001).

    A condition written as an example ("notamment pour les communes de moins de…") is not one.
    """
    folded = fold(text)

    def firm(match) -> bool:
        before = folded[max(0, match.start() - 30) : match.start()]
        return not any(word in before for word in _HEDGED)

    for match in _BETWEEN.finditer(folded):
        if firm(match):
            low, high = sorted((_int(match.group(1)), _int(match.group(2))))
            return low, high
    low = high = None
    for match in _BELOW.finditer(folded):
        if firm(match):
            high = population_below(_int(match.group(1)))
            break
    for match in _ABOVE.finditer(folded):
        if firm(match):
            low = population_above(_int(match.group(1)))
            break
    if low is not None and high is not None and low > high:
        return None, None
    return low, high


# --- Perimeter ------------------------------------------------------------------------------

_PREPOSITIONS = frozenset({"de", "du", "des", "la", "l", "d", "en", "et"})
# "ID77", "ATD16", "SDE22": an acronym glued to a département code; "ADAC 37": one of these
# acronyms of departmental agencies, then the code.
_CODE_TOKEN = re.compile(r"^[a-z]{2,6}(\d{2}|2[ab]|97\d)$")
_AGENCIES = frozenset({"atd", "adac", "cdg", "sde", "sdes", "smic", "caue", "adil", "id", "at"})


def _spans(text: str, key: str) -> Iterable[tuple[int, int]]:
    start = text.find(f" {key} ")
    while start != -1:
        yield start + 1, start + 1 + len(key)
        start = text.find(f" {key} ", start + 1)


def perimeter_codes(
    funders: Iterable[str], departements: dict[str, str], regions: dict[str, str]
) -> tuple[list[str], list[str]]:
    """Département and région codes named by the funders ("Conseil départemental du Morbihan",
    "Établissement public foncier d'Occitanie", "ID77"); nothing for a national funder.

    `departements` and `regions` map folded names to codes. A département name must follow a
    preposition ("du Nord", "de l'Aude") unless it has several words ("Ille-et-Vilaine"); a
    name inside a longer one is ignored ("Loire" in "Haute-Loire" or "Pays de la Loire").
    """
    codes_by_folded = {("d", key): code for key, code in departements.items()} | {
        ("r", key): code for key, code in regions.items()
    }
    departement_codes, region_codes = [], []
    for funder in funders:
        text = f" {fold(funder)} "
        matches = []
        for (kind, key), code in codes_by_folded.items():
            for start, end in _spans(text, key):
                previous = text[:start].split()[-1:] or [""]
                if kind == "d" and " " not in key and previous[0] not in _PREPOSITIONS:
                    continue
                matches.append((start, end, kind, code))
        kept = [
            match
            for match in matches
            if not any(
                other is not match
                and other[0] <= match[0]
                and match[1] <= other[1]
                and (other[1] - other[0]) > (match[1] - match[0])
                for other in matches
            )
        ]
        for _, _, kind, code in kept:
            (departement_codes if kind == "d" else region_codes).append(code)
        words = text.split()
        for index, token in enumerate(words):
            match = _CODE_TOKEN.match(token)
            code = match.group(1).upper() if match else ""
            if not match and index and words[index - 1] in _AGENCIES:
                code = token.upper()
            if code and code in departements.values():
                departement_codes.append(code)
    return list(dict.fromkeys(departement_codes)), list(dict.fromkeys(region_codes))
