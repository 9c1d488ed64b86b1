"""Which collectivités a beta.gouv.fr investigation file names, and which territories they are.

The programme's files name them in the body, on a line `Collectivité sponsor : NAME[, NAME]`
(real shapes: `Collectivités sponsors`, the line in italics `*…*` or bold, Markdown escapes
`Gilly\\-sur\\-Isère`, trailing double spaces, an empty value), or in the front matter: plain
names in `sponsors:` (an organisation id like `/organisations/anct` is not a collectivité) and
codes in `collectivites:` (what the platform's own export writes: Insee, SIREN, `dep:83`,
`reg:53`), which win over the names.

A name is resolved only when exactly one territory bears it: `Resolver.resolve` never guesses.
Accents, hyphens, apostrophes, case and « St »/« Saint » do not matter; a département in
parentheses (`Marseillan (34)`, `Montreuil (Seine-Saint-Denis)`) narrows the communes down; a
name may say its kind: `Ville de …`, `Commune du …`, `Département de …` (or `Dép.`, `Dépt`),
`Conseil départemental du …`, `CD93`, `Région …`, `Conseil régional de …`, and an EPCI is
written `CC …`, `CA du …`,
`CU …`, `Communauté de communes …`, `Communauté d'agglomération …`, `… Agglo`, `Métropole …`.
Several names are separated by commas or semicolons, or by « et », « / », « & » when the whole
is no known name. Anything else is kept as text with a French reason that names the candidates.
"""

import re
from collections import defaultdict
from dataclasses import dataclass, field

from fabrique.core.text import fold, search_key, search_tokens
from fabrique.territories.models import EPCI, Commune, Departement, Region
from fabrique.territories.rules import territory_code

_BLANK = "[ \t\u00a0\u202f]"
# The sponsor line; `names` is the rest of the line (never the next one).
SPONSOR_LINE = re.compile(
    rf"^{_BLANK}*(?:[>*_-]{_BLANK}*|\\-{_BLANK}*)*"  # quote, list bullet, emphasis opening
    rf"Collectivit[ée]s?(?:\(s\))?{_BLANK}+sponsors?(?:\(s\))?"
    rf"{_BLANK}*(?:\*\*|__|\*|_)?{_BLANK}*:{_BLANK}*(?P<names>[^\n]*)$",
    re.IGNORECASE | re.MULTILINE,
)
MARKDOWN_ESCAPE = re.compile(r"\\([!-/:-@\[-`{-~])")  # \- \* \_ \( … : the character itself
_EMPHASIS_EDGES = "*_ \t\u00a0\u202f"
_JOINERS = re.compile(r"\s+(?:et|&|/|\+)\s+|\s*/\s*", re.IGNORECASE)
_QUALIFIER = re.compile(r"^(?P<name>.*?)\s*\((?P<qualifier>[^()]*)\)\s*$")
# An article written after the name, between parentheses, as INSEE lists communes.
# (INSEE's way: « Abergement-Clémenciat (L') », « Tampon (Le) »).
_ARTICLES_AFTER = {"l'": "L'", "le": "Le ", "la": "La ", "les": "Les "}
_DEPARTEMENT_CODE = re.compile(r"^(?:\d{1,3}|2[ab])$", re.IGNORECASE)
_CD_CODE = re.compile(r"^(?:cd|departement)\s*(?P<code>\d{2,3}|2[ab])$", re.IGNORECASE)
# « du Tampon » is « de le Tampon »: the commune is « Le Tampon ».
_ARTICLES = (("du ", "Le "), ("des ", "Les "), ("de la ", "La "), ("de l'", "L'"),
             ("de l’", "L'"), ("de ", ""), ("d'", ""), ("d’", ""))  # fmt: skip
_COMMUNE_WORDS = ("ville", "commune", "mairie")
_DEPARTEMENT_WORDS = ("conseil departemental", "departement", "conseil general", "dep", "dept")
_REGION_WORDS = ("conseil regional", "region")
# EPCI kind words, folded, and the token that stands for them in a name's key.
_EPCI_KINDS = (
    ("communaute de communes", "cc"), ("communaute d agglomeration", "ca"),
    ("communaute urbaine", "cu"), ("agglomeration", "ca"), ("agglo", "ca"),
    ("cc", "cc"), ("ca", "ca"), ("cu", "cu"), ("metropole", "metropole"),
    ("eurometropole", "eurometropole"),
)  # fmt: skip
_EPCI_KIND_TOKENS = frozenset(token for _, token in _EPCI_KINDS)
_STOP_WORDS = frozenset({"de", "du", "des", "d", "la", "le", "les", "l", "et"})
_PARENTHESES = re.compile(r"\(([^()]*)\)")


def clean_name(raw: str) -> str:
    """A name as written, without Markdown escapes, emphasis or trailing punctuation."""
    name = MARKDOWN_ESCAPE.sub(r"\1", raw)
    return name.strip(_EMPHASIS_EDGES).rstrip(".").strip(_EMPHASIS_EDGES)


def sponsor_lines(body: str) -> list[str]:
    """The values of the body's sponsor lines, Markdown escapes and emphasis removed."""
    return [clean_name(match.group("names")) for match in SPONSOR_LINE.finditer(body)]


def without_sponsor_lines(body: str) -> str:
    return SPONSOR_LINE.sub("", body)


def split_names(value: str) -> list[str]:
    """Names separated by commas or semicolons (not inside parentheses), cleaned."""
    names, depth, current = [], 0, []
    for char in value:
        depth += (char == "(") - (char == ")")
        if char in ",;" and depth <= 0:
            names.append("".join(current))
            current = []
        else:
            current.append(char)
    names.append("".join(current))
    return [cleaned for name in names if (cleaned := clean_name(name))]


def unique(names) -> list[str]:
    seen, result = set(), []
    for name in names:
        if name and fold(name) not in seen:
            seen.add(fold(name))
            result.append(name)
    return result


def epci_key(name: str) -> frozenset[str]:
    """What an EPCI's name is matched by: its words, kind words as one token (« Communauté de
    communes » is « cc »), articles left out, word order and parenthesised acronyms ignored."""
    text = " " + fold(_PARENTHESES.sub(" ", name)) + " "
    for words, token in _EPCI_KINDS:
        text = text.replace(f" {words} ", f" {token} ")
    return frozenset(search_tokens(text, max_tokens=64)) - _STOP_WORDS


def _acronym(name: str) -> str:
    found = _PARENTHESES.findall(name)
    return fold(found[-1]) if found else ""


def _variants(rest: str, *, article_first: bool) -> list[str]:
    """A name written after its kind word, with its article read both ways: « du Tampon » is
    « Le Tampon » for a commune, « du Var » is « Var » for a département."""
    lowered = rest.lower()
    for article, replacement in _ARTICLES:
        if lowered.startswith(article):
            expanded, dropped = replacement + rest[len(article) :], rest[len(article) :]
            return [expanded, dropped] if article_first else [dropped, expanded]
    return [rest]


def _after_words(name: str, words: tuple[str, ...]) -> str | None:
    """The name written after a kind word (`Ville de Fronton` → `de Fronton`), or None."""
    folded = fold(name)
    for word in words:
        if folded == word or folded.startswith(word + " "):
            count = len(word.split())
            rest = name.split(None, count)
            return rest[count] if len(rest) > count else ""
    return None


def describe(territory) -> str:
    if isinstance(territory, Commune):
        return f"commune {territory.name} ({territory.departement.name}, {territory.insee})"
    if isinstance(territory, EPCI):
        return f"EPCI {territory.name} ({territory.siren})"
    if isinstance(territory, Departement):
        return f"département {territory.name} ({territory.code})"
    return f"région {territory.name}"


@dataclass
class Resolved:
    """What the names of one file became: territories, and names kept as text with why."""

    territories: list = field(default_factory=list)
    unresolved: list[str] = field(default_factory=list)
    reasons: list[str] = field(default_factory=list)

    def add(self, territory) -> None:
        if territory not in self.territories:
            self.territories.append(territory)

    def keep(self, name: str, reason: str) -> None:
        if name not in self.unresolved:
            self.unresolved.append(name)
            self.reasons.append(reason)


class Resolver:
    """Resolves names to territories for one import run: EPCI, départements and régions are
    read once (a few thousand rows), communes are looked up by their search key."""

    def __init__(self):
        self._loaded = False

    def _load(self) -> None:
        if self._loaded:
            return
        self._loaded = True
        self._epci_keys = [(epci_key(epci.name), epci) for epci in EPCI.objects.order_by("siren")]
        self._epcis, self._acronyms = defaultdict(list), defaultdict(list)
        for key, epci in self._epci_keys:
            self._epcis[key].append(epci)
            if acronym := _acronym(epci.name):
                self._acronyms[acronym].append(epci)
        self._departements = [(search_key(d.name), d) for d in Departement.objects.order_by("code")]
        self._regions = [(search_key(r.name), r) for r in Region.objects.order_by("code")]

    # --- By kind -------------------------------------------------------------------------

    def communes(self, name: str, departement: Departement | None = None) -> list[Commune]:
        same = Commune.objects.filter(search_key=search_key(name)) | Commune.objects.filter(
            name__iexact=name.strip()
        )
        if departement is not None:
            same = same.filter(departement=departement)
        return list(same.select_related("departement").order_by("insee")[:6])

    def epcis(self, name: str, departement: Departement | None = None) -> list[EPCI]:
        self._load()
        found = list(self._epcis.get(epci_key(name), []))
        if not found and " " not in name.strip():
            found = list(self._acronyms.get(fold(name), []))
        if departement is not None and found:
            found = list(
                EPCI.objects.filter(pk__in=[e.pk for e in found], communes__departement=departement)
                .distinct()
                .order_by("siren")
            )
        return found

    def departements(self, name: str) -> list[Departement]:
        self._load()
        written = name.strip()
        if _DEPARTEMENT_CODE.match(written):
            code = territory_code(written)
            return [d for _, d in self._departements if d.code == code]
        key = search_key(written)
        return [d for known, d in self._departements if known == key]

    def regions(self, name: str) -> list[Region]:
        self._load()
        key = search_key(name)
        return [r for known, r in self._regions if known == key]

    def epci_suggestions(self, name: str) -> list[EPCI]:
        """EPCI whose name holds every significant word written (kind words aside)."""
        self._load()
        words = epci_key(name) - _EPCI_KIND_TOKENS
        if not words:
            return []
        return [epci for key, epci in self._epci_keys if words <= key][:5]

    # --- One name ------------------------------------------------------------------------

    def _first(self, lookup, variants: list[str]) -> list:
        for variant in variants:
            if found := lookup(variant):
                return found
        return []

    def candidates(self, name: str) -> tuple[list, str]:
        """Every territory `name` may designate, and a French remark when it cannot be read."""
        written = name.strip()
        departement = None
        match = _QUALIFIER.match(written)
        qualifier = match.group("qualifier").strip().lower().replace("’", "'") if match else ""
        if qualifier in _ARTICLES_AFTER:
            written, match = _ARTICLES_AFTER[qualifier] + match.group("name").strip(), None
        if match:
            qualifier = match.group("qualifier").strip()
            found = self.departements(qualifier)
            if len(found) == 1:
                departement, written = found[0], match.group("name")
            elif not (epci_key(written) & _EPCI_KIND_TOKENS):  # else: « CA … (CARENE) »
                return [], (
                    f"précision entre parenthèses « {qualifier} » non reconnue (attendu : un "
                    "numéro ou un nom de département, par exemple « (34) » ou « (Hérault) »)"
                )
        if match := _CD_CODE.match(fold(written).replace(" ", "")):
            return self.departements(match.group("code")), ""
        if (rest := _after_words(written, _COMMUNE_WORDS)) is not None:
            variants = _variants(rest, article_first=True)
            return self._first(lambda n: self.communes(n, departement), variants), ""
        if (rest := _after_words(written, _DEPARTEMENT_WORDS)) is not None:
            return self._first(self.departements, _variants(rest, article_first=False)), ""
        if (rest := _after_words(written, _REGION_WORDS)) is not None:
            return self._first(self.regions, _variants(rest, article_first=False)), ""
        if epci_key(written) & _EPCI_KIND_TOKENS:
            return self.epcis(written, departement), ""
        if departement is not None:
            return self.communes(written, departement) + self.epcis(written, departement), ""
        return (
            self.communes(written)
            + self.epcis(written)
            + self.departements(written)
            + self.regions(written)
        ), ""

    def reason(self, name: str, found: list, remark: str) -> str:
        """Why `name` is kept as text, in French, naming the candidates."""
        if remark:
            return f"« {name} » : {remark}."
        if found:
            listed = ", ".join(describe(territory) for territory in found[:5])
            more = " …" if len(found) > 5 else ""
            hint = ""
            if any(isinstance(territory, Commune) for territory in found):
                hint = " ; préciser le département, par exemple « Nom (34) »"
            return f"« {name} » désigne plusieurs collectivités : {listed}{more}{hint}."
        reason = f"« {name} » : aucune collectivité de ce nom"
        if suggestions := self.epci_suggestions(name):
            listed = ", ".join(f"{epci.name} ({epci.siren})" for epci in suggestions)
            reason += f" ; EPCI dont le nom contient ces mots : {listed}"
        return reason + "."

    def resolve(self, name: str) -> tuple[object | None, str | None]:
        """(territory, None) when exactly one matches; (None, French reason) otherwise."""
        found, remark = self.candidates(name)
        if len(found) == 1:
            return found[0], None
        return None, self.reason(name, found, remark)

    def resolve_all(self, names: list[str], resolved: Resolved) -> None:
        """Resolve each name; one that is no name at all is split on « et », « / », « & »
        (« Mitry-Mory et Villeparisis »); a name of EPCI (« CC Loire et Semène ») only when
        each part is exactly one known territory."""
        for name in names:
            found, remark = self.candidates(name)
            if len(found) == 1:
                resolved.add(found[0])
                continue
            parts = [part for part in map(clean_name, _JOINERS.split(name)) if part]
            if len(parts) < 2 or found or remark:
                resolved.keep(name, self.reason(name, found, remark))
            elif not epci_key(name) & _EPCI_KIND_TOKENS:
                self.resolve_all(parts, resolved)
            elif all(len(self.candidates(part)[0]) == 1 for part in parts):
                self.resolve_all(parts, resolved)  # « CC … et CA … »: each one is known
            else:  # « CC Loire et Semène » misspelt: not split into guesses
                resolved.keep(name, self.reason(name, found, remark))

    def by_code(self, code: str):
        """A territory from a code the platform's export writes (Insee, SIREN, `dep:83`,
        `reg:53`), or None."""
        code = str(code or "").strip()
        if code.startswith("dep:"):
            return Departement.objects.filter(code=territory_code(code[4:])).first()
        if code.startswith("reg:"):
            return Region.objects.filter(code=territory_code(code[4:])).first()
        code = territory_code(code)
        if len(code) == 9 and code.isdigit():
            return EPCI.objects.filter(siren=code).first()
        if len(code) == 5:
            return Commune.objects.filter(insee=code).first()
        return None
