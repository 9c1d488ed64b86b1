"""Business rules on territories that need no database: thresholds (and the thresholds in force,
read through the provider the diagnostics app registers) and digital presence."""

import threading
import time
from collections.abc import Callable
from dataclasses import dataclass
from urllib.parse import urlsplit

# Accompagnement sur-mesure: "petites collectivités" (see docs/ and DOMAIN). The programme's first
# thresholds; those in force are dated and changed by the team (see `thresholds`).
COMMUNE_ELIGIBILITY_THRESHOLD = 3_500
EPCI_ELIGIBILITY_THRESHOLD = 15_000


@dataclass(frozen=True)
class Thresholds:
    """A commune or an EPCI is eligible under these populations (strictly)."""

    commune: int
    epci: int


DEFAULT_THRESHOLDS = Thresholds(COMMUNE_ELIGIBILITY_THRESHOLD, EPCI_ELIGIBILITY_THRESHOLD)


# The kinds of intercommunalité as civil servants write them (« CC du Pays d'Urfé »), in the
# folded words of the names.
EPCI_KIND_ABBREVIATIONS = {
    "cc": ("communaute", "communes"),
    "ca": ("communaute", "agglomeration"),
    "cu": ("communaute", "urbaine"),
}


def territory_code(written) -> str:
    """A territory code as typed or read from a spreadsheet, in the reference's form.

    A spreadsheet reads codes as numbers and drops their leading zero: the commune 01004
    becomes « 1004 », the département 01 « 1 ». Four digits are a commune's Insee code and one
    digit a département's (or a région's) code: the zero is put back. Corsica (« 2a004 »,
    « 2b »), overseas (« 971 », « 97411 ») and SIREN (nine digits) codes are only trimmed and
    upper-cased.
    """
    code = str(written if written is not None else "").strip().upper()
    if code.isascii() and code.isdigit() and len(code) in (1, 4):
        return code.zfill(len(code) + 1)
    return code


def expand_epci_kinds(tokens: list[str]) -> list[str]:
    """« cc pays urfe » searched as « communaute communes pays urfe ». A word typed alone is
    left as it is: « ca » may be the start of « Cannes » while the name is being typed."""
    if len(tokens) < 2:
        return tokens
    return [word for token in tokens for word in EPCI_KIND_ABBREVIATIONS.get(token, (token,))]


def departements_text(first: str | None, last: str | None, count: int) -> str:
    """The départements of an EPCI in a results table: « 42 », « 42, 69 », « 01, 74 et 2
    autres » (the first and last codes, and how many others lie between)."""
    if not count or not first:
        return ""
    if count == 1 or first == last:
        return first
    text = f"{first}, {last}"
    others = count - 2
    if others > 0:
        text += f" et {others} autre{'s' if others > 1 else ''}"
    return text


def is_eligible(population: int | None, limit: int) -> bool:
    """Under the threshold; a collectivité whose population is unknown is not eligible."""
    return population is not None and population < limit


# Mailbox providers for the general public: a town hall using one has no address of its own.
GENERIC_EMAIL_PROVIDERS = frozenset(
    {
        "wanadoo.fr",
        "orange.fr",
        "gmail.com",
        "laposte.net",
        "outlook.fr",
        "outlook.com",
        "free.fr",
        "sfr.fr",
        "yahoo.fr",
        "yahoo.com",
        "hotmail.fr",
        "hotmail.com",
        "live.fr",
        "neuf.fr",
        "cegetel.net",
        "bbox.fr",
        "numericable.fr",
        "aliceadsl.fr",
        "club-internet.fr",
        "nordnet.fr",
        "9business.fr",
        "aol.com",
        "icloud.com",
        "msn.com",
        "gmx.fr",
        "protonmail.com",
    }
)


def _domain_of_url(url: str) -> str:
    if not url:
        return ""
    if "://" not in url:
        url = "https://" + url
    host = (urlsplit(url).hostname or "").lower()
    return host.removeprefix("www.")


def _registrable(domain: str) -> str:
    """The last two labels of a domain: good enough to compare mairie-x.fr and www.mairie-x.fr."""
    return ".".join(domain.split(".")[-2:])


@dataclass(frozen=True)
class DigitalPresence:
    website: str
    website_domain: str
    email: str
    email_domain: str
    email_is_generic: bool
    email_matches_website: bool

    @property
    def has_website(self) -> bool:
        return bool(self.website_domain)

    @property
    def has_email(self) -> bool:
        return bool(self.email_domain)

    @property
    def email_on_own_domain(self) -> bool:
        return self.has_email and not self.email_is_generic


def digital_presence(email: str, website: str) -> DigitalPresence:
    email = (email or "").strip()
    email_domain = email.rpartition("@")[2].lower() if "@" in email else ""
    website_domain = _domain_of_url((website or "").strip())
    return DigitalPresence(
        website=(website or "").strip(),
        website_domain=website_domain,
        email=email,
        email_domain=email_domain,
        email_is_generic=email_domain in GENERIC_EMAIL_PROVIDERS,
        email_matches_website=bool(email_domain and website_domain)
        and _registrable(email_domain) == _registrable(website_domain),
    )


# The eligibility thresholds in force, for every page that says « éligible ».
#
# The rule is the territories' (a commune or an EPCI under a population threshold, see
# `Thresholds`), but the team dates and changes the thresholds in the accompagnement
# sur-mesure (`diagnostics.EligibilityRule`), which depends on the territories and not the other
# way round. So the diagnostics app registers the reader of the thresholds in force here
# (`provide`, from its `AppConfig.ready()`); without it the programme's first thresholds apply.
#
# Read on every territory page and list row, the value is kept `TTL_SECONDS` per process: a change
# of thresholds shows at once in the process that saved it (`forget`, called on save) and within
# a minute in the others.
TTL_SECONDS = 60

_lock = threading.Lock()
_state: dict = {"provider": None, "value": None, "read_at": 0.0}


def provide(provider: Callable[[], Thresholds]) -> None:
    """Register the function that reads the thresholds in force (one query)."""
    with _lock:
        _state["provider"] = provider
        _state["value"] = None


def forget() -> None:
    """Drop the kept value: the next read asks the provider again."""
    with _lock:
        _state["value"] = None


def assume(value: Thresholds) -> None:
    """Keep `value` as if just read (a test that starts from the programme's first thresholds)."""
    with _lock:
        _state["value"], _state["read_at"] = value, time.monotonic()


def thresholds() -> Thresholds:
    """The thresholds in force now."""
    now = time.monotonic()
    value = _state["value"]
    if value is not None and now - _state["read_at"] < TTL_SECONDS:
        return value
    provider = _state["provider"]
    value = provider() if provider is not None else DEFAULT_THRESHOLDS
    with _lock:
        _state["value"], _state["read_at"] = value, now
    return value
