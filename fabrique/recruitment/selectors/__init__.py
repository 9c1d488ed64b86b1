"""Reads of recruitment: the board, the pipeline, the statistics, the Mon espace block."""

from collections import Counter, defaultdict
from dataclasses import dataclass
from datetime import date

from django.db.models import Case, Count, IntegerField, QuerySet, Value, When
from django.urls import reverse
from django.utils import timezone
from django.utils.http import urlencode

from fabrique.core.dates import quarter as quarter_of
from fabrique.core.espace import Block, Line

from ..access import (
    can_manage_recruitment,
    managed_offers,
    visible_applications,
    visible_offers,
)
from ..filters import OPEN_TO_APPLICATIONS, ManagedOfferFilter, OfferFilter, open_condition
from ..models import Application, JobOffer, StageChange
from ..rules import closing_date, effective_status, stage_durations
from ..vocabulary import PIPELINE, OfferStatus, Stage

BOARD_FIELDS = (
    "slug", "title", "team_name", "contract", "contract_raw", "junior", "place", "remote",
    "opens_on", "closes_on", "status", "days_per_week",
)  # fmt: skip


def board(user, params, *, today: date | None = None) -> tuple[OfferFilter, QuerySet[JobOffer]]:
    """The job board: offers the user may read, filtered, open ones first then newest."""
    today = today or timezone.localdate()
    base = visible_offers(user).only(*BOARD_FIELDS)
    filterset = OfferFilter(params, queryset=base)
    offers = filterset.qs if filterset.is_valid() else base.none()
    offers = offers.annotate(
        is_open=Case(When(open_condition(today), then=Value(1)), default=Value(0),
                     output_field=IntegerField())
    ).order_by("-is_open", "-opens_on", "title")  # fmt: skip
    return filterset, offers


def open_offers(*, today: date | None = None) -> QuerySet[JobOffer]:
    today = today or timezone.localdate()
    return JobOffer.objects.filter(open_condition(today)).order_by("-opens_on", "title")


def team_names() -> list[str]:
    return list(
        JobOffer.objects.exclude(team_name="")
        .values_list("team_name", flat=True)
        .distinct()
        .order_by("team_name")
    )


@dataclass
class Column:
    stage: str
    label: str
    applications: list


def mark_repeats(applications: list[Application], user) -> None:
    """Set `duplicate` on each application: a French note when the same address applied again,
    to the same offer or to other offers `user` may see (a project's hiring team does not learn
    of applications to other teams' offers); '' otherwise. One query."""
    same_address = Counter(
        visible_applications(user)
        .filter(email__in={a.email for a in applications})
        .values_list("email", "offer_id")
    )
    by_email = Counter()
    for (email, _), count in same_address.items():
        by_email[email] += count
    for application in applications:
        here = same_address[application.email, application.offer_id]
        elsewhere = by_email[application.email] - here
        here -= 1  # the application itself
        notes = ["a déjà candidaté à cette offre"] if here > 0 else []
        if elsewhere:
            plural = "s" if elsewhere > 1 else ""
            notes.append(f"a candidaté à {elsewhere} autre{plural} offre{plural}")
        application.duplicate = " ; ".join(notes)


def pipeline(offer: JobOffer, user) -> list[Column]:
    """The board of an offer's applications, one column per stage (two queries). Each card says
    when the same address applied again (`mark_repeats`)."""
    applications = list(
        offer.applications.annotate(
            reviews_count=Count("reviews"),
        ).order_by("stage_changed_at")
    )
    mark_repeats(applications, user)
    by_stage = defaultdict(list)
    for application in applications:
        by_stage[application.stage].append(application)
    return [
        Column(stage, Stage(stage).label, by_stage.get(stage, []))
        for stage in [*PIPELINE, Stage.REJECTED]
    ]


def managed_offers_title(user) -> str:
    """What the list of managed offers is for this user: every offer for the team, the offers
    of their projects for a project's members."""
    return "Toutes les offres" if can_manage_recruitment(user) else "Les offres de mes projets"


# The status filter of the managed offers: « open to applications » (what Mon espace counts)
# first, then each status as the public board says it.
def managed_offers_with_status(user, params=None) -> tuple[ManagedOfferFilter, QuerySet[JobOffer]]:
    """The offers a user manages, filtered by `ManagedOfferFilter` (unknown status: all)."""
    filterset = ManagedOfferFilter(params or None, queryset=managed_offers(user))
    return filterset, filterset.qs


def manage_link_label(user) -> str:
    """The link to that list, from the job board."""
    return "Gérer les offres" if can_manage_recruitment(user) else "Gérer les offres de mes projets"


def team_pipeline(user, *, stage: str | list[str] = "", limit: int = 50):
    """Applications across the offers a user manages, newest first, with counts per stage
    (`stage`: one stage or several)."""
    applications = visible_applications(user)
    counts = dict(applications.values_list("stage").annotate(n=Count("pk")).order_by())
    listed = applications.select_related("offer").only(
        "pk", "name", "email", "stage", "created_at", "stage_changed_at", "offer__title",
        "offer__slug",
    )  # fmt: skip
    if stage:
        listed = listed.filter(stage__in=[stage] if isinstance(stage, str) else stage)
    listed = list(listed.order_by("-created_at")[:limit])
    mark_repeats(listed, user)
    return counts, listed


def application_details(application: Application, *, user):
    """Moves, time per stage, the same person's other applications that `user` may see (a
    project's hiring team does not learn of applications to other teams' offers), reviews."""
    moves = list(application.moves.order_by("at", "pk"))
    steps = [(m.stage, m.at) for m in moves] or [(application.stage, application.stage_changed_at)]
    durations = stage_durations(steps, timezone.now())
    others = (
        visible_applications(user)
        .filter(email=application.email)
        .exclude(pk=application.pk)
        .select_related("offer")
        .only("pk", "stage", "created_at", "offer_id", "offer__title")
        .order_by("created_at")
    )
    reviews = application.reviews.select_related("reviewer").order_by("-updated_at")
    return moves, durations, list(others), list(reviews)


@dataclass
class QuarterRow:
    quarter: str
    published: int
    applications: int
    applications_per_offer: float | None
    filled: int
    share_filled: int | None
    days_to_hire: int | None


def statistics(*, today: date | None = None) -> list[QuarterRow]:
    """Offers per quarter of opening, applications, filled share, time to hire (2 queries)."""
    today = today or timezone.localdate()
    offers = list(
        JobOffer.objects.exclude(status=OfferStatus.DRAFT)
        .filter(opens_on__isnull=False)
        .annotate(n_applications=Count("applications"))
        .values_list("pk", "opens_on", "status", "n_applications")
    )
    hire_dates: dict[int, date] = {}
    hires = StageChange.objects.filter(stage=Stage.HIRED).order_by("at")
    for offer_id, at in hires.values_list("application__offer_id", "at"):
        hire_dates.setdefault(offer_id, timezone.localdate(at))
    rows: dict[str, list] = {}
    for pk, opens_on, status, n_applications in offers:
        row = rows.setdefault(quarter_of(opens_on), [0, 0, 0, []])
        row[0] += 1
        row[1] += n_applications
        if status == OfferStatus.FILLED or pk in hire_dates:
            row[2] += 1
        if pk in hire_dates:
            row[3].append((hire_dates[pk] - opens_on).days)
    result = []
    for quarter in sorted(rows, reverse=True):
        published, applications, filled, delays = rows[quarter]
        result.append(
            QuarterRow(
                quarter,
                published,
                applications,
                round(applications / published, 1) if published else None,
                filled,
                # Half up, as in school (5 of 8: 63 %, not Python's 62 %).
                (200 * filled + published) // (2 * published) if published else None,
                round(sum(delays) / len(delays)) if delays else None,
            )
        )
    return result


def project_link(user, project) -> tuple[str, str] | None:
    """The portfolio project's page: its offers this user may read, on the board (1 query)."""
    count = visible_offers(user).filter(project=project).count()
    if not count:
        return None
    label = "Offre d'emploi du projet" if count == 1 else f"Offres d'emploi du projet ({count})"
    return label, reverse("recruitment:board") + "?" + urlencode({"team": project.slug})


def espace_block(user) -> Block | None:
    """Mon espace: applications waiting in the offers the user manages (2 queries)."""
    if not (user and user.is_authenticated):
        return None
    offers = managed_offers(user)
    counts = dict(
        Application.objects.filter(offer__in=offers)
        .values_list("stage")
        .annotate(n=Count("pk"))
        .order_by()
    )
    open_count = offers.filter(open_condition(timezone.localdate())).count()
    if not counts and not open_count:
        return None
    mine = "" if can_manage_recruitment(user) else " de mes projets"
    lines = [
        Line(
            f"Offres ouvertes{mine}",
            reverse("recruitment:manage") + f"?statut={OPEN_TO_APPLICATIONS}",
            open_count,
            singular=f"Offre ouverte{mine}",
        ),
        Line(
            "Candidatures reçues à examiner",
            reverse("recruitment:applications") + "?etape=recue",
            counts.get(Stage.RECEIVED, 0),
            level="warning" if counts.get(Stage.RECEIVED) else "",
            singular="Candidature reçue à examiner",
        ),
        Line(
            "Candidatures en entretien ou en proposition",
            reverse("recruitment:applications") + f"?etape={Stage.INTERVIEW}&etape={Stage.OFFER}",
            counts.get(Stage.INTERVIEW, 0) + counts.get(Stage.OFFER, 0),
            singular="Candidature en entretien ou en proposition",
        ),
    ]
    return Block("Recrutement", lines)


def offer_effective_status(offer: JobOffer, today: date | None = None) -> str:
    today = today or timezone.localdate()
    return effective_status(offer.status, offer.opens_on, offer.closes_on, today)


def offer_status_label(offer: JobOffer, today: date | None = None) -> str:
    """The status of an offer as every page says it: the word of `OfferStatus` for its effective
    status (a published offer past its closing day is « Fermée »)."""
    return OfferStatus(offer_effective_status(offer, today)).label


def offer_closing(offer: JobOffer) -> date | None:
    return closing_date(offer.opens_on, offer.closes_on)
