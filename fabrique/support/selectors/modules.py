"""Reads of the expert modules: the team's board of orders (by supplier and quarter, late
deliveries), the list of modules and of suppliers."""

from django.db.models import Count, F, Q, QuerySet, Sum
from django.utils import timezone

from fabrique.accounts.access import is_incubator_staff
from fabrique.core.dates import quarter as quarter_of

from .. import access
from ..filters import ModuleFilter
from ..models import ExpertModule, Supplier
from ..vocabulary import ModuleStatus
from .sessions import PAGE_SIZE


def late_delivery(today) -> Q:
    """SQL twin of `rules.is_late`: delivered after the planned date, or still not delivered
    when it is past."""
    undelivered = Q(
        delivered_on__isnull=True,
        due_on__lt=today,
        status__in=[ModuleStatus.ORDERED, ModuleStatus.IN_PROGRESS],
    )
    return undelivered | Q(due_on__isnull=False, delivered_on__gt=F("due_on"))


def modules_board(*, today=None) -> dict:
    """The team's view of orders: by supplier and quarter, committed and paid, late (3 queries)."""
    today = today or timezone.localdate()
    ordered = ExpertModule.objects.filter(amount_incl_vat__isnull=False)
    by_supplier = list(
        ordered.values("supplier__name")
        .annotate(n=Count("pk"), committed=Sum("amount_incl_vat"), paid=Sum("paid_incl_vat"))
        .order_by("supplier__name")
    )
    quarters: dict[str, dict] = {}
    for day, committed, paid in ordered.values_list(
        "ordered_on", "amount_incl_vat", "paid_incl_vat"
    ):
        row = quarters.setdefault(quarter_of(day), {"n": 0, "committed": 0, "paid": 0})
        row["n"] += 1
        row["committed"] += committed or 0
        row["paid"] += paid or 0
    late = list(
        ExpertModule.objects.filter(late_delivery(today))
        .select_related("project", "supplier")
        .order_by(F("delivered_on").asc(nulls_first=True), "due_on", "pk")[:PAGE_SIZE]
    )
    for module in late:
        module.days_late = ((module.delivered_on or today) - module.due_on).days
    return {
        "by_supplier": by_supplier,
        "by_quarter": sorted(quarters.items()),
        "late": late,
    }


def suppliers_list() -> QuerySet[Supplier]:
    """The suppliers with how many modules each has (one that has some cannot be deleted)."""
    return Supplier.objects.annotate(modules_count=Count("modules")).order_by("name")


def modules_list(user, params=None) -> tuple[list[ExpertModule], ModuleFilter]:
    """The modules a user may see, filtered (status, theme, supplier): one query, 200 at most."""
    visible = access.visible_modules(user)
    modules = visible.select_related("project", "supplier", "follower")
    filterset = ModuleFilter(params or None, queryset=modules)
    if not is_incubator_staff(user):
        # Only the suppliers of the modules this person may see: the others are none of theirs.
        suppliers = Supplier.objects.filter(pk__in=visible.values("supplier")).order_by("name")
        filterset.filters["supplier"].queryset = suppliers
    rows = filterset.qs if filterset.is_valid() else modules
    return list(rows[:200]), filterset
