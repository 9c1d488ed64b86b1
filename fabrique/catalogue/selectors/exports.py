"""The public catalogue as open data: every solution, use, funding scheme and operator as flat
rows (dictionaries), streamed to the CSV and JSON files of `views.open_data_files`."""

from datetime import date

from django.db.models import Prefetch
from django.utils import timezone

from fabrique.territories.models import Departement, Region

from .. import vocabulary
from ..models import FundingScheme, Operator, Solution, SolutionUse
from .operators import operators_list


def export_solutions():
    """Every solution as a flat row: the public catalogue as open data."""
    queryset = (
        Solution.objects.select_related("project")
        .prefetch_related(
            Prefetch("similar", queryset=Solution.objects.only("pk", "slug")),
            Prefetch("operators", queryset=Operator.objects.only("pk", "slug")),
        )
        .order_by("slug")
    )
    for solution in queryset:
        yield {
            "identifiant": solution.slug,
            "nom": solution.name,
            "origine": solution.origin,
            "resume": solution.summary,
            "description": solution.description,
            "categories": solution.category_list,
            "licence": solution.licence,
            "site": solution.website,
            "code_source": solution.repository_url,
            "modele_de_cout": solution.cost_model,
            "cout_annuel_indicatif": (
                float(solution.yearly_cost) if solution.yearly_cost is not None else None
            ),
            "hebergement": solution.hosting_list,
            "maturite": solution.maturity,
            "projet": solution.project.slug if solution.project else "",
            "similaires": sorted(other.slug for other in solution.similar.all()),
            "operateurs": sorted(operator.slug for operator in solution.operators.all()),
            "collectivites_utilisatrices": solution.user_count,
        }


def export_uses():
    """Who uses what: one row per (solution, collectivité), streamed."""
    rows = (
        SolutionUse.objects.order_by("solution__slug", "pk")
        .values_list(
            "solution__slug",
            "commune__insee",
            "commune__name",
            "epci__siren",
            "epci__name",
            "departement__code",
            "departement__name",
            "region__code",
            "region__name",
            "since",
        )
        .iterator(chunk_size=5000)
    )
    for slug, insee, commune, siren, epci, dep_code, dep, reg_code, reg, since in rows:
        kind, code, name = (
            ("commune", insee, commune) if insee else
            ("epci", siren, epci) if siren else
            ("departement", dep_code, dep) if dep_code else
            ("region", reg_code, reg)
        )  # fmt: skip
        yield {
            "solution": slug,
            "type": kind,
            "code": code,
            "nom": name,
            "depuis": since.isoformat() if since else "",
        }


def export_schemes(today: date | None = None):
    today = today or timezone.localdate()
    queryset = FundingScheme.objects.prefetch_related(
        Prefetch("departements", queryset=Departement.objects.order_by("code")),
        Prefetch("regions", queryset=Region.objects.order_by("code")),
    ).order_by("slug")
    for scheme in queryset:
        yield {
            "identifiant": scheme.slug,
            "nom": scheme.name,
            "lien": scheme.url,
            "financeurs": scheme.funder_list,
            "types_d_aide": vocabulary.decode(scheme.aid_types),
            "beneficiaires": vocabulary.decode(scheme.beneficiaries),
            "population_min": scheme.population_min,
            "population_max": scheme.population_max,
            "themes": vocabulary.decode(scheme.themes),
            "recurrence": scheme.recurrence,
            "appel_a_projets": scheme.is_call_for_projects,
            "date_cloture": scheme.deadline.isoformat() if scheme.deadline else "",
            "ouvert": scheme.is_open(today),
            "departements": [d.code for d in scheme.departements.all()],
            "regions": [r.code for r in scheme.regions.all()],
        }


def export_operators():
    for operator in operators_list():
        yield {
            "identifiant": operator.slug,
            "nom": operator.name,
            "statut": operator.status,
            "site": operator.website,
            "siret": operator.siret,
            "departements": [d.code for d in operator.departements.all()],
            "solutions": sorted(solution.slug for solution in operator.solutions.all()),
        }
