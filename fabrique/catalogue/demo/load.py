"""Loading the demo catalogue: what is missing is created through the services (they validate).

Idempotent and never destructive: a solution, scheme or operator whose slug exists is left as it
is (the team may have changed it); communes absent from the reference are skipped.
"""

from dataclasses import dataclass, field
from datetime import date, timedelta
from decimal import Decimal

from django.db import transaction
from django.db.models import Q
from django.utils import timezone

from fabrique.accounts.models import User
from fabrique.portfolio.models import Project
from fabrique.territories.models import EPCI, Commune, Departement, Region

from .. import services
from ..models import FundingScheme, Operator, Solution, SolutionSuggestion
from ..vocabulary import Category, Origin
from .operators import OPERATORS
from .schemes import SCHEME_SLUGS, SCHEMES
from .solutions import SOLUTION_SLUGS, SOLUTIONS, DemoSolution

AGENT_EMAIL = "agent@fabrique.localhost"


@dataclass
class Counts:
    solutions: int = 0
    created: int = 0
    existing: int = 0
    uses: int = 0
    schemes: int = 0
    operators: int = 0
    suggestions: int = 0
    skipped_communes: set = field(default_factory=set)

    def as_dict(self) -> dict:
        return {
            "solutions": self.solutions,
            "created": self.created,
            "existing": self.existing,
            "uses": self.uses,
            "schemes": self.schemes,
            "operators": self.operators,
            "suggestions": self.suggestions,
        }


def _territories(spec: DemoSolution, counts: Counts):
    communes = Commune.objects.in_bulk(spec.communes, field_name="insee")
    counts.skipped_communes |= set(spec.communes) - set(communes)
    yield from communes.values()
    yield from EPCI.objects.filter(siren__in=spec.epcis)
    yield from Departement.objects.filter(code__in=spec.departements)


def _load_solutions(counts: Counts, today: date):
    projects = Project.objects.in_bulk(
        [spec.project for spec in SOLUTIONS if spec.project], field_name="slug"
    )
    existing = set(Solution.objects.filter(slug__in=SOLUTION_SLUGS).values_list("slug", flat=True))
    created = []
    for spec in SOLUTIONS:
        if spec.slug in existing:
            counts.existing += 1
            continue
        solution = services.solution_save(
            slug=spec.slug, name=spec.name, origin=spec.origin, summary=spec.summary,
            description=spec.description, licence=spec.licence, website=spec.website,
            cost_model=spec.cost_model,
            yearly_cost=Decimal(spec.yearly_cost) if spec.yearly_cost is not None else None,
            maturity=spec.maturity, project=projects.get(spec.project),
            categories=spec.categories, hosting=spec.hosting,
        )  # fmt: skip
        since = min(date(spec.since_year, 1, 1), today)
        for index, territory in enumerate(_territories(spec, counts)):
            services.solution_use_add(
                solution=solution,
                territory=territory,
                since=min(since + timedelta(days=45 * index), today),
            )
        created.append((spec, solution))
        counts.created += 1
    by_slug = Solution.objects.in_bulk(SOLUTION_SLUGS, field_name="slug")
    for spec, solution in created:
        solution.similar.add(*(by_slug[slug] for slug in spec.similar if slug in by_slug))
    counts.solutions = len(by_slug)


def _load_schemes(counts: Counts, today: date):
    existing = set(
        FundingScheme.objects.filter(slug__in=SCHEME_SLUGS).values_list("slug", flat=True)
    )
    for spec in SCHEMES:
        if spec.slug in existing:
            continue
        deadline = spec.closed_on
        if deadline is None and spec.days_left:
            deadline = today + timedelta(days=spec.days_left)
        services.scheme_save(
            slug=spec.slug, name=spec.name, funders="\n".join(spec.funders),
            description=spec.description, population_min=spec.population_min,
            population_max=spec.population_max, recurrence=spec.recurrence,
            is_call_for_projects=spec.call, deadline=deadline,
            is_closed=spec.closed_on is not None, url=spec.url,
            aid_types=spec.aid_types, beneficiaries=spec.beneficiaries, themes=spec.themes,
            departements=Departement.objects.filter(code__in=spec.departements),
            regions=Region.objects.filter(code__in=spec.regions), today=today,
        )  # fmt: skip
    counts.schemes = FundingScheme.objects.filter(slug__in=SCHEME_SLUGS).count()


def _load_operators(counts: Counts):
    for slug, name, article, status, website, departements, solutions in OPERATORS:
        if Operator.objects.filter(Q(slug=slug) | Q(name=name)).exists():
            continue
        services.operator_save(
            slug=slug, name=name, name_with_article=article, status=status, website=website,
            departements=Departement.objects.filter(code__in=departements),
            solutions=Solution.objects.filter(slug__in=solutions),
        )  # fmt: skip
    counts.operators = Operator.objects.filter(slug__in=[row[0] for row in OPERATORS]).count()


def _load_suggestion(counts: Counts):
    agent = User.objects.filter(email=AGENT_EMAIL).first()
    name = "Mobilizon"
    if agent and not SolutionSuggestion.objects.filter(name=name).exists():
        services.suggestion_submit(
            name=name,
            website="https://mobilizon.org/",
            origin=Origin.FREE_SOFTWARE,
            description="Publier les événements de la commune et des associations, sans "
            "passer par un réseau social commercial.",
            comment="Nous l'utilisons pour l'agenda des fêtes du village depuis un an.",
            by=agent,
            categories=[Category.ONLINE, Category.PARTICIPATION],
        )
    counts.suggestions = SolutionSuggestion.objects.filter(name=name).count()


@transaction.atomic
def load_demo_catalogue(today: date | None = None) -> dict:
    """Create what is missing of the demo catalogue; return the counts (see `Counts`)."""
    today = today or timezone.localdate()
    counts = Counts()
    _load_solutions(counts, today)
    _load_schemes(counts, today)
    _load_operators(counts)
    _load_suggestion(counts)
    result = counts.as_dict()
    result["uses"] = sum(
        Solution.objects.filter(slug__in=SOLUTION_SLUGS).values_list("user_count", flat=True)
    )
    return result


def demo_summary(counts: dict) -> str:
    """The line `load_demo` prints."""
    created = f"{counts['created']} créée{'s' if counts['created'] > 1 else ''}"
    if counts["existing"]:
        created += f", {counts['existing']} déjà présente{'s' if counts['existing'] > 1 else ''}"
    return (
        f"Catalogue de démonstration : {counts['solutions']} solutions ({created}), "
        f"{counts['uses']} collectivités utilisatrices, {counts['schemes']} dispositifs de "
        f"financement, {counts['operators']} opérateurs publics, "
        f"{counts['suggestions']} suggestion à modérer."
    )
