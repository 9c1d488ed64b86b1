"""Reading the single values of a mission document (statuses, dates, codes, accounts, texts,
amounts, controlled words), each refusal a `DocumentError` naming its JSON path, in French.
"""

from decimal import Decimal

from django.utils.dateparse import parse_datetime

from fabrique.accounts.models import User
from fabrique.core.dates import read_date
from fabrique.core.numbers import integer, read_decimal
from fabrique.core.text import fold, yes_no
from fabrique.territories.models import EPCI, Commune
from fabrique.territories.rules import territory_code

from ..models import (
    CriteriaGrid,
)
from ..vocabulary import (
    MissionStatus,
)


class DocumentError(Exception):
    """A document that cannot be imported: `path` says where (JSON path), in French."""

    def __init__(self, path: str, message: str):
        super().__init__(f"{path} : {message}")


def document_status(value, path: str) -> str:
    text = fold(str(value or ""))
    for status in MissionStatus:
        if text in (fold(status.value), fold(status.label)):
            return status.value
    raise DocumentError(path, f"statut inconnu « {value} » ({', '.join(MissionStatus.values)}).")


def document_date(value, path: str, default=None):
    if value in (None, ""):
        return default
    if (day := read_date(value)) is None:
        raise DocumentError(path, f"date invalide « {value} » (attendu : 2026-09-01).")
    return day


def document_collectivite(code, path: str):
    code = territory_code(code)
    if len(code) == 9 and code.isdigit():
        found = EPCI.objects.filter(siren=code).first()
    else:
        found = Commune.objects.filter(insee=code).first()
    if found is None:
        raise DocumentError(path, f"collectivité inconnue « {code} » (code Insee ou SIREN).")
    return found


def document_user(email, path: str, users: dict):
    if not email:
        return None
    key = str(email).strip().lower()
    if key not in users:
        users[key] = User.objects.filter(email=key).first()
    if users[key] is None:
        raise DocumentError(path, f"compte inconnu « {email} ».")
    return users[key]


# --- Découverte (diaga) ---
def document_moment(value, path: str):
    moment = parse_datetime(str(value or ""))
    if moment is None:
        raise DocumentError(path, f"date et heure invalides « {value} » (format ISO 8601).")
    return moment


def document_choice(value, choices, path: str, what: str = "valeur") -> str:
    """The value of a controlled vocabulary, written as its key (`site-internet`) or, as in a
    spreadsheet, as its label in any case (« Site internet », « cybersécurité »)."""
    listed = ", ".join(choices.values)
    ending = "e" if what == "valeur" else ""
    if value is None or (isinstance(value, str) and not value.strip()):
        raise DocumentError(path, f"{what} absent{ending} ({listed}).")
    if value in choices.values:
        return value
    folded = fold(str(value))
    for choice in choices:
        if folded in (fold(choice.value), fold(choice.label)):
            return choice.value
    raise DocumentError(path, f"{what} inconnu{ending} « {value} » ({listed}).")


def document_text(value, path: str, limit: int, required: bool = False) -> str:
    text = str(value or "").strip()
    if required and not text:
        raise DocumentError(path, "valeur manquante.")
    return document_long_text(text, path, limit)


def document_long_text(value, path: str, limit: int) -> str:
    """A text kept as written (never cut: a text too long is refused, with its length)."""
    text = str(value or "")
    if len(text) > limit:
        raise DocumentError(
            path, f"{integer(limit)} caractères au plus (ce texte en a {integer(len(text))}) : "
            "raccourcissez-le.",
        )  # fmt: skip
    return text


def document_eligible(value, computed: bool, path: str) -> bool:
    """The eligibility the document states (true, false, « oui », « non »), else the one
    computed from the territories."""
    if value is None or value == "":
        return computed
    if (stated := yes_no(value)) is None:
        raise DocumentError(path, f"« {str(value)[:50]} » : true ou false attendu.")
    return stated


def document_object(data: dict, key: str, at: str) -> dict:
    """`data[key]`, a JSON object ({} when absent or null)."""
    value = data.get(key)
    if value is None:
        return {}
    if not isinstance(value, dict):
        raise DocumentError(f"{at}.{key}", "un objet JSON est attendu ({…}).")
    return value


def document_criteria(value, at: str) -> dict:
    """The mission's grid: the default one when absent; else criterion key -> {label,
    weight[, lower_is_better]}, as the document export writes it."""
    if value is None or value == {}:
        return CriteriaGrid.default().criteria
    if not isinstance(value, dict):
        raise DocumentError(at, "un objet JSON est attendu (clé du critère → libellé, poids).")
    for key, criterion in value.items():
        if not isinstance(criterion, dict) or not str(criterion.get("label") or "").strip():
            raise DocumentError(f"{at}.{key}", "libellé du critère manquant (« label »).")
        weight = criterion.get("weight")
        if not isinstance(weight, int) or isinstance(weight, bool) or weight < 0:
            raise DocumentError(f"{at}.{key}.weight", "poids entier positif ou nul attendu.")
    return value


def document_list(data: dict, key: str, at: str) -> list:
    value = data.get(key) or []
    if not isinstance(value, list):
        raise DocumentError(f"{at}.{key}", "une liste est attendue.")
    for index, item in enumerate(value):
        if not isinstance(item, dict):
            raise DocumentError(f"{at}.{key}[{index}]", "un objet JSON est attendu.")
    return value


def document_amount(value, path: str) -> Decimal | None:
    """An amount in euros, as JSON or a spreadsheet copied into it writes it (1500, « 1 500,50 »,
    « 1 500 € »: `core.numbers.read_decimal`); None when absent."""
    try:
        amount = None if value in (None, "") else read_decimal(value, places=2)
    except (ValueError, ArithmeticError):
        raise DocumentError(
            path, f"montant invalide « {value} » (attendu : 1500,50, au plus deux décimales)."
        ) from None
    if amount is not None and not 0 <= amount < 10**8:
        raise DocumentError(path, "un montant positif (en euros).")
    return amount


def catalogue_record(model, field: str, value, cache: dict):
    """A catalogue record by slug (None when absent: the name kept in the document is shown)."""
    if not value:
        return None
    if (model, value) not in cache:
        cache[model, value] = model.objects.filter(**{field: value}).first()
    return cache[model, value]
