"""Business rules of the support offer, without the database: each rule exists once."""

import re
from datetime import datetime, timedelta
from decimal import Decimal

from fabrique.core.markdown import markdown_problem
from fabrique.core.numbers import integer

from .vocabulary import MODULE_FLOW, SESSION_KINDS, ModuleStatus, RequestStatus

# French VAT rates an order may carry: 20 %, 10 %, 5,5 %, 2,1 % or none.
VAT_RATES = (Decimal("0"), Decimal("0.021"), Decimal("0.055"), Decimal("0.10"), Decimal("0.20"))
CENT = Decimal("0.01")
_TAG = re.compile(r"<\s*/?\s*[a-zA-Z!][^>]*>")


# A request for support says a need in a few paragraphs: past this, a paste gone wrong.
MAX_REQUEST_MESSAGE = 5000

# A workshop or a training, even online, is not a conference: past this, a typing slip.
MAX_SESSION_CAPACITY = 1000


def session_problems(*, start=None, end=None, format_kind=None, capacity=None) -> dict[str, str]:
    """What is wrong with a session's time, format and seats, by field, in French."""
    errors = {}
    if start and end and end <= start:
        errors["end"] = "La fin de la session doit suivre son début."
    if format_kind is not None and format_kind not in SESSION_KINDS:
        errors["format"] = "Seuls les ateliers et les formations ont des sessions."
    if capacity is not None and capacity < 1:
        errors["capacity"] = "Une session a au moins une place."
    elif capacity is not None and capacity > MAX_SESSION_CAPACITY:
        errors["capacity"] = (
            f"Une session compte au plus {integer(MAX_SESSION_CAPACITY)} places (atelier ou "
            "formation) : vérifiez le nombre saisi."
        )
    return errors


def registration_status(*, capacity: int, registered: int) -> str:
    """A new registration is confirmed while seats remain, otherwise on the waiting list."""
    return "inscrit" if registered < capacity else "attente"


def registration_errors(
    *, start: datetime, now: datetime, already: str = "", end: datetime | None = None, own=True
) -> list[str]:
    """Why a registration is refused. `already`: the status of the person's live registration
    ("inscrit" or "attente"), empty when none; `own`: the person registers themself (the
    message speaks to them) or the team registers someone (it speaks of the person)."""
    if end is not None and end <= now:  # whoever registers, and whether or not already in
        return ["Cette session est passée : l'inscription est close."]
    errors = []
    if start <= now:
        errors.append("Cette session a déjà commencé : l'inscription est close.")
    if already == "attente":
        errors.append(
            "Vous êtes déjà sur la liste d'attente de cette session."
            if own
            else "Cette personne est déjà sur la liste d'attente de cette session."
        )
    elif already:
        errors.append(
            "Vous êtes déjà inscrit·e à cette session."
            if own
            else "Cette personne est déjà inscrite à cette session."
        )
    return errors


def vat_consistent(excl: Decimal, incl: Decimal) -> bool:
    """The amount incl. VAT is the amount excl. VAT times one of the French rates (to the cent)."""
    return any(abs(excl * (1 + rate) - incl) <= CENT for rate in VAT_RATES)


def order_errors(*, excl, incl, days, ordered_on=None, due_on=None) -> dict[str, str]:
    """What is wrong with an order, by field, in French (shared by the form and the service)."""
    errors = {}
    if ordered_on and due_on and due_on < ordered_on:
        errors["due_on"] = "La livraison prévue doit suivre la commande."
    if excl is None or excl < 0:
        errors["amount_excl_vat"] = "Le montant HT doit être positif ou nul."
    if incl is None or incl < 0:
        errors["amount_incl_vat"] = "Le montant TTC doit être positif ou nul."
    amounts_given = "amount_excl_vat" not in errors and "amount_incl_vat" not in errors
    if amounts_given and not vat_consistent(excl, incl):
        errors["amount_incl_vat"] = (
            "Le montant TTC ne correspond pas au montant HT avec un taux de TVA français "
            "(0 %, 2,1 %, 5,5 %, 10 % ou 20 %)."
        )
    if days is not None and days <= 0:
        errors["days"] = "Le nombre de jours doit être positif."
    return errors


def next_status(status: str) -> str | None:
    position = MODULE_FLOW.index(status)
    return MODULE_FLOW[position + 1] if position + 1 < len(MODULE_FLOW) else None


def can_move(current: str, target: str) -> bool:
    """A module moves one step forward at a time."""
    return next_status(current) == target


ATTEST_BEFORE_DELIVERY = (
    "Le service fait s'atteste après la livraison : enregistrez d'abord la livraison."
)


def move_problem(current: str, target: str) -> str:
    """Why a module cannot move from `current` to `target`, in French ("" when it can): the
    service fait comes after the delivery; otherwise one step forward at a time."""
    if can_move(current, target):
        return ""
    flow = MODULE_FLOW.index
    if target == ModuleStatus.SERVICE_FAIT and flow(current) < flow(ModuleStatus.DELIVERED):
        return ATTEST_BEFORE_DELIVERY
    if flow(current) >= flow(target):
        return (
            f"Le module est déjà « {ModuleStatus(current).label} » : l'étape "
            f"« {ModuleStatus(target).label} » est passée."
        )
    return (
        f"Le module est « {ModuleStatus(current).label} » : il ne peut pas passer à "
        f"« {ModuleStatus(target).label} »."
    )


def is_late(*, status: str, due_on, delivered_on, today) -> bool:
    """Delivered after the planned date, or not delivered while the planned date is past.
    SQL twin: `selectors.late_delivery`."""
    if due_on is None:
        return False
    if delivered_on is not None:
        return delivered_on > due_on
    return due_on < today and status in (ModuleStatus.ORDERED, ModuleStatus.IN_PROGRESS)


def delivery_date_problem(*, delivered_on, ordered_on, today) -> str:
    """Why a delivery date cannot be recorded; empty when it can."""
    if delivered_on is None:
        return "Indiquez la date de livraison."
    if delivered_on > today:
        return "La date de livraison ne peut pas être dans le futur."
    if ordered_on is not None and delivered_on < ordered_on:
        return f"La livraison ne peut pas précéder la commande du {ordered_on:%d/%m/%Y}."
    return ""


def remainder(*, ordered, paid) -> Decimal:
    """The part of an order not consumed, carried to a next order."""
    return max(Decimal("0"), (ordered or Decimal("0")) - (paid or Decimal("0")))


REMINDER_WINDOW = timedelta(days=1)


def reminder_due(*, start: datetime, now: datetime, sent: bool) -> bool:
    """The "day before" reminder of one registration: once, within the 24 hours before the
    session (`services.reminders_send` asks the same in SQL)."""
    return not sent and now < start <= now + REMINDER_WINDOW


def reached(*, start: datetime, now: datetime, attended: bool | None) -> bool:
    """A registration counts in the offer's reach once its session has taken place, unless the
    person was marked absent (attendance not taken yet: counted)."""
    return start <= now and attended is not False


def attendance_rate(*, attended: int, registered: int) -> float | None:
    return round(100 * attended / registered, 1) if registered else None


HTML_REFUSED = (
    "Le texte contient des balises HTML : écrivez-le en Markdown (**gras**, listes, liens)."
)


def has_html(text: str) -> bool:
    """Markdown only: a tag such as <script> or <b> is refused rather than silently dropped."""
    return bool(_TAG.search(text or ""))


def markdown_error(text: str) -> str:
    """Why a Markdown text of the offer (format description, knowledge page, follow-up note) is
    refused, in French, or "": HTML tags, or limits no real text reaches (core.markdown)."""
    if has_html(text):
        return HTML_REFUSED
    return markdown_problem(text or "") or ""


# --- Corrections: what can still be changed or deleted -------------------------------------

MODULE_FROZEN = (
    "Ce module est commandé : le bon de commande engage l'incubateur auprès du prestataire. "
    "Son besoin et son devis ne se modifient plus et il ne se supprime pas ; sa commande se "
    "corrige jusqu'au service fait. Menez-le jusqu'au service fait (partiel si la commande "
    "s'arrête plus tôt, le reliquat se reporte)."
)
MODULE_ATTESTED = (
    "Le service fait de ce module est attesté : sa commande, son besoin et son devis ne se "
    "modifient plus et il ne se supprime pas. Un reliquat se reporte sur un nouveau module."
)
DELIVERABLE_FROZEN = (
    "Le service fait est attesté : les livrables en sont la preuve et ne se suppriment plus."
)
REQUEST_ANSWERED = (
    "L'équipe de l'incubateur a déjà répondu à cette demande : elle ne se modifie plus et ne "
    "se retire plus."
)


ORDER_CORRECTABLE = (ModuleStatus.ORDERED, ModuleStatus.IN_PROGRESS, ModuleStatus.DELIVERED)


def order_correction_problem(status: str) -> str:
    """Why a module's order cannot be corrected ("" if it can): from the order to the delivery;
    once the service fait is attested, the amount is in the project's budget."""
    if status in ORDER_CORRECTABLE:
        return ""
    if status in (ModuleStatus.SERVICE_FAIT, ModuleStatus.CLOSED):
        return MODULE_ATTESTED
    return "Ce module n'est pas encore commandé : enregistrez d'abord sa commande."


def module_change_problem(status: str) -> str:
    """Why a module's need and quote cannot change and the module cannot be deleted ("" if
    they can): only before the order (identifié, devis)."""
    if status in (ModuleStatus.IDENTIFIED, ModuleStatus.QUOTE):
        return ""
    if status in (ModuleStatus.SERVICE_FAIT, ModuleStatus.CLOSED):
        return MODULE_ATTESTED
    return MODULE_FROZEN


def deliverable_delete_problem(module_status: str) -> str:
    """A deliverable is deleted while the service fait is not attested ("" if it can be)."""
    attested = (ModuleStatus.SERVICE_FAIT, ModuleStatus.CLOSED)
    return DELIVERABLE_FROZEN if module_status in attested else ""


# What a person types in a request for support or in their opinion of a session: a few
# paragraphs; past this, a paste gone wrong that would stretch the team's tables.
MAX_FEEDBACK_COMMENT = 2000


def request_change_problem(status: str) -> str:
    """A request is edited or withdrawn by its requester until the team answers it."""
    return "" if status == RequestStatus.NEW else REQUEST_ANSWERED


FEEDBACK_ONLY_ATTENDEES = "Seules les personnes présentes à la session donnent leur avis."


# --- Missions linked to a knowledge page ----------------------------------------------------
# Kept in the page's text field `missions` as their numbers, « 3, 7 » (no table to migrate);
# words typed there before the list existed are kept and shown as they are.

_MISSION_NUMBER = re.compile(r"^\s*(?:n°\s*|#)?(\d+)\s*$", re.IGNORECASE)


def linked_missions(text: str) -> tuple[list[int], str]:
    """The mission numbers written in a page's `missions` field, and the rest of the text."""
    numbers, words = [], []
    for part in re.split(r"[,;]", text or ""):
        if match := _MISSION_NUMBER.match(part):
            number = int(match.group(1))
            if number not in numbers:
                numbers.append(number)
        elif part.strip():
            words.append(part.strip())
    return numbers, ", ".join(words)


def missions_text(numbers, rest: str = "") -> str:
    """What the `missions` field keeps: the numbers of the missions chosen, then `rest`."""
    return ", ".join([*(str(number) for number in sorted(set(numbers))), *([rest] if rest else [])])
