"""The deliverable (PDF + ODT, every version kept) and the import of mission documents."""

from datetime import date

from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.db import transaction
from django.db.models import Max
from django.utils import timezone

from fabrique.accounts.models import User
from fabrique.core.text import fold
from fabrique.territories.models import EPCI, Commune

from .. import rules
from ..exports import deliverable_odt, deliverable_pdf
from ..models import CriteriaGrid, Deliverable, Mission, Need, TimeEntry
from ..vocabulary import ActivityKind, MissionStatus, NeedTheme
from .missions import check_eligibility, current_rule


@transaction.atomic
def deliverable_generate(*, mission: Mission, by) -> Deliverable:
    """A new version of the mission report, as PDF and ODT (both kept, downloadable)."""
    if not mission.needs.exists():
        raise ValidationError(
            "Le rapport se produit quand la mission a au moins un besoin : ajoutez-en un."
        )
    version = (mission.deliverables.aggregate(last=Max("version"))["last"] or 0) + 1
    name = f"mission-{mission.pk}-v{version}"
    deliverable = Deliverable(mission=mission, version=version, author=by)
    deliverable.pdf.save(f"{name}.pdf", ContentFile(deliverable_pdf(mission)), save=False)
    deliverable.odt.save(f"{name}.odt", ContentFile(deliverable_odt(mission)), save=False)
    deliverable.save()
    return deliverable


@transaction.atomic
def deliverable_finalize(*, deliverable: Deliverable, today: date | None = None) -> Deliverable:
    """Mark a version final: the mission is then « livrée »."""
    mission = deliverable.mission
    if mission.status != MissionStatus.IN_PROGRESS:
        raise ValidationError("Seule une mission en cours peut être livrée.")
    deliverable.is_final = True
    deliverable.save(update_fields=["is_final"])
    mission.status = MissionStatus.DELIVERED
    mission.delivered_on = today or timezone.localdate()
    mission.save(update_fields=["status", "delivered_on"])
    return deliverable


# --- Import of mission documents (JSON) -----------------------------------------------------


class DocumentError(Exception):
    """A document that cannot be imported: `path` says where (JSON path), in French."""

    def __init__(self, path: str, message: str):
        super().__init__(f"{path} : {message}")


def _status(value, path: str) -> str:
    text = fold(str(value or ""))
    for status in MissionStatus:
        if text in (fold(status.value), fold(status.label)):
            return status.value
    raise DocumentError(path, f"statut inconnu « {value} » ({', '.join(MissionStatus.values)}).")


def _date(value, path: str, default=None):
    if value in (None, ""):
        return default
    try:
        return date.fromisoformat(str(value))
    except ValueError:
        raise DocumentError(path, f"date invalide « {value} » (attendu : 2026-09-01).") from None


def _collectivite(code, path: str):
    code = str(code or "").strip()
    if len(code) == 9 and code.isdigit():
        found = EPCI.objects.filter(siren=code).first()
    else:
        found = Commune.objects.filter(insee=code.upper().zfill(5)).first()
    if found is None:
        raise DocumentError(path, f"collectivité inconnue « {code} » (code Insee ou SIREN).")
    return found


def _user(email, path: str, users: dict):
    if not email:
        return None
    key = str(email).strip().lower()
    if key not in users:
        users[key] = User.objects.filter(email=key).first()
    if users[key] is None:
        raise DocumentError(path, f"compte inconnu « {email} ».")
    return users[key]


def _one(data, at: str, users: dict, today: date) -> Mission:
    if not isinstance(data, dict):
        raise DocumentError(at, "une mission est un objet JSON.")
    collectivite = _collectivite(data.get("collectivite"), f"{at}.collectivite")
    status = _status(data.get("status", "demandee"), f"{at}.status")
    consultant = _user(data.get("consultant"), f"{at}.consultant", users)
    start = _date(data.get("start"), f"{at}.start")
    criteria = data.get("criteria") or CriteriaGrid.default().criteria
    grid = CriteriaGrid.objects.filter(criteria=criteria).order_by("pk").first()
    grid = grid or CriteriaGrid.objects.create(criteria=criteria)
    rule = current_rule(today)
    eligibility = data.get("eligibility") or {}
    eligible, reason = check_eligibility(collectivite, rule)
    contact = data.get("contact") or {}
    mission = Mission.objects.create(
        commune=collectivite if isinstance(collectivite, Commune) else None,
        epci=collectivite if isinstance(collectivite, EPCI) else None,
        hopes=str(data.get("hopes") or "")[:10_000],
        contact_name=str(contact.get("name") or "")[:200],
        contact_email=str(contact.get("email") or "")[:254],
        status=status,
        eligible=eligibility.get("eligible", eligible),
        eligibility_reason=str(eligibility.get("reason") or reason)[:300],
        rule=rule,
        grid=grid,
        consultant=consultant,
        requested_on=_date(data.get("requested_on"), f"{at}.requested_on", start or today),
        start=start,
        planned_end=_date(
            data.get("planned_end"),
            f"{at}.planned_end",
            rules.planned_end(start) if start else None,
        ),
        delivered_on=_date(data.get("delivered_on"), f"{at}.delivered_on"),
        closing_reason=str(data.get("closing_reason") or ""),
    )
    for index, entry in enumerate(data.get("days") or []):
        where = f"{at}.days[{index}]"
        if entry.get("kind") not in ActivityKind.values:
            raise DocumentError(f"{where}.kind", f"activité inconnue « {entry.get('kind')} ».")
        half_days = entry.get("half_days")
        if not isinstance(half_days, int) or not 1 <= half_days <= 20:
            raise DocumentError(f"{where}.half_days", "entre 1 et 20 demi-journées.")
        TimeEntry.objects.create(
            mission=mission,
            person=_user(entry.get("person"), f"{where}.person", users) or consultant,
            day=_date(entry.get("date"), f"{where}.date"),
            half_days=half_days,
            kind=entry["kind"],
            note=str(entry.get("note") or "")[:300],
        )
    for index, need in enumerate(data.get("needs") or []):
        where = f"{at}.needs[{index}]"
        if not isinstance(need, dict) or not str(need.get("title") or "").strip():
            raise DocumentError(f"{where}.title", "intitulé du besoin manquant.")
        if need.get("theme") not in NeedTheme.values:
            raise DocumentError(
                f"{where}.theme",
                f"thème inconnu « {need.get('theme')} » ({', '.join(NeedTheme.values)}).",
            )
        scores = need.get("scores") or {}
        if problems := rules.score_problems(scores, grid.criteria):
            key, problem = next(iter(problems.items()))
            raise DocumentError(f"{where}.scores.{key}", problem)
        position = need.get("manual_position")
        if position and not str(need.get("justification") or "").strip():
            raise DocumentError(f"{where}.justification", "un rang choisi à la main se justifie.")
        Need.objects.create(
            mission=mission,
            title=str(need["title"]).strip()[:300],
            description=str(need.get("description") or ""),
            theme=need["theme"],
            scores=scores,
            manual_position=position or None,
            justification=str(need.get("justification") or ""),
        )
    return mission


def import_documents(data, *, today: date | None = None) -> list[Mission]:
    """One mission document or a list of them, all or nothing; errors name their JSON path."""
    today = today or timezone.localdate()
    documents = data if isinstance(data, list) else [data]
    users: dict = {}
    with transaction.atomic():
        return [
            _one(document, f"$[{index}]" if isinstance(data, list) else "$", users, today)
            for index, document in enumerate(documents)
        ]
