"""Reads of the benchmark: candidates by need, recommendations, and for a recommendation the
funding schemes (catalogue matching, with its reasons) and local partners (OPSN and
département) to keep or discard. A constant number of queries whatever the counts."""

from dataclasses import dataclass, field

from django.db.models import Prefetch
from django.utils import formats

from fabrique.catalogue.selectors.collectivites import collectivite_from
from fabrique.catalogue.selectors.funding import funding_for
from fabrique.catalogue.selectors.operators import operators_for_departement
from fabrique.core.numbers import euros
from fabrique.core.reversing import url_pattern
from fabrique.territories.models import Departement

from .. import rules
from ..models import Candidate, Lead, Mission
from ..vocabulary import LEAD_LIMIT, THEME_CATEGORIES, LeadKind


def departement_of(mission: Mission) -> Departement | None:
    """A commune's département; an EPCI's: that of its most populated commune."""
    if mission.commune_id:
        return mission.commune.departement
    return (
        Departement.objects.filter(communes__epci=mission.epci_id)
        .select_related("region")
        .order_by("-communes__population")
        .first()
    )


def recommendations_prefetch() -> Prefetch:
    """The recommended candidates of needs, as `need.recommendations` (one query)."""
    return Prefetch(
        "candidates",
        queryset=Candidate.objects.filter(recommended=True).order_by("name", "pk"),
        to_attr="recommendations",
    )


def _facts(solution) -> str:
    """« Offre du marché · libre (MIT) · SaaS »: the catalogue facts shown beside a candidate."""
    if solution is None:
        return "hors catalogue"
    licence = f"libre ({solution.licence})" if solution.licence else "propriétaire"
    return " · ".join(
        filter(None, [solution.get_origin_display(), licence, ", ".join(solution.hosting_labels)])
    )


def score_text(score) -> str:
    """A score as its table cell shows it, « – » when not scored yet: written here rather than
    localised by the template (a 40-need mission shows some 600 of them)."""
    if score is None:
        return "–"
    return str(score) if isinstance(score, int) else formats.localize(score)


def _costs(candidate) -> str:
    parts = []
    if candidate.cost_once is not None:
        parts.append(f"{euros(candidate.cost_once)} une fois")
    if candidate.cost_per_year is not None:
        parts.append(f"{euros(candidate.cost_per_year)} par an")
    return " · ".join(parts)


def mission_benchmark(mission: Mission, needs: list) -> dict:
    """The candidates of each need (ranked needs given), and the recommendations with the
    funding and partners kept (two queries). Each candidate carries what its row shows
    (`facts`, `costs`, `edit_url`, `delete_url`, `leads_url`, `solution_url`, `lead_count`),
    computed here once: a page of 40 needs and 120 candidates renders in a few milliseconds."""
    edit_url = url_pattern("diagnostics:candidate-edit")
    delete_url = url_pattern("diagnostics:candidate-delete")
    leads_url = url_pattern("diagnostics:leads")
    solution_url = url_pattern("catalogue:solution")
    candidates = list(
        Candidate.objects.filter(need__mission=mission)
        .select_related("solution", "suggestion")
        .prefetch_related(Prefetch("leads", queryset=Lead.objects.order_by("kind", "name")))
    )
    by_need: dict[int, list[Candidate]] = {}
    for candidate in candidates:
        candidate.total = rules.feasibility_total(candidate)
        candidate.facts, candidate.costs = _facts(candidate.solution), _costs(candidate)
        candidate.edit_url, candidate.delete_url = edit_url(candidate.pk), delete_url(candidate.pk)
        candidate.leads_url = leads_url(candidate.pk)
        candidate.solution_url = solution_url(candidate.solution.slug) if candidate.solution else ""
        candidate.lead_count = len(candidate.leads.all())
        candidate.scores_text = [
            score_text(candidate.technical),
            score_text(candidate.economic),
            score_text(candidate.human),
        ]
        candidate.kept_leads = [lead for lead in candidate.leads.all() if lead.kept]
        by_need.setdefault(candidate.need_id, []).append(candidate)
    for items in by_need.values():
        items.sort(key=lambda c: (not c.recommended, -(c.total or -1), c.name.casefold()))
    for need in needs:  # a recommendation is named with its need (the same solution may serve two)
        for candidate in by_need.get(need.pk, []):
            candidate.need_title = need.title
    return {
        "benchmark": [(need, by_need.get(need.pk, [])) for need in needs],
        "recommendations": [
            candidate
            for need in needs
            for candidate in by_need.get(need.pk, [])
            if candidate.recommended
        ],
    }


@dataclass
class LeadOption:
    """A funding scheme or partner proposed for a recommendation, with the decision if any."""

    kind: str
    key: str
    name: str
    url: str = ""
    reasons: list[str] = field(default_factory=list)
    scheme: object = None
    operator: object = None
    decision: Lead | None = None

    @property
    def kind_label(self) -> str:
        return LeadKind(self.kind).label


def lead_options(candidate: Candidate) -> list[LeadOption]:
    """The funding schemes the collectivité is eligible for, for the need's theme and the
    solution's categories (catalogue matching, first `LEAD_LIMIT`), then the OPSN of its
    département and the département itself; decisions already taken are attached, and a
    decision on a scheme no longer proposed (closed since) is still listed."""
    mission = candidate.need.mission
    territory = mission.collectivite
    categories = [*THEME_CATEGORIES.get(candidate.need.theme, ())]
    if candidate.solution:
        categories += candidate.solution.category_list
    options = [
        LeadOption(
            LeadKind.FUNDING,
            f"aide:{match.scheme.slug}",
            match.scheme.name,
            match.scheme.get_absolute_url(),
            list(match.reasons),
            scheme=match.scheme,
        )
        for match in funding_for(collectivite_from(territory), categories=categories)[:LEAD_LIMIT]
    ]
    departement = departement_of(mission)
    if departement:
        options += [
            LeadOption(
                LeadKind.PARTNER,
                f"opsn:{operator.slug}",
                operator.name,
                operator.get_absolute_url(),
                [f"OPSN du département {departement.name}"],
                operator=operator,
            )
            for operator in operators_for_departement(departement.pk)
        ]
        options.append(
            LeadOption(
                LeadKind.PARTNER,
                f"departement:{departement.code}",
                f"Département : {departement.name}",
                departement.get_absolute_url(),
                ["collectivité de rattachement (solidarité territoriale)"],
            )
        )
    decisions = {(lead.kind, lead.key): lead for lead in candidate.leads.all()}
    for option in options:
        option.decision = decisions.pop((option.kind, option.key), None)
    options += [
        LeadOption(lead.kind, lead.key, lead.name, reasons=lead.reasons, decision=lead)
        for lead in decisions.values()
    ]
    return options
