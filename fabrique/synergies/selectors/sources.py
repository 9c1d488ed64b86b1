"""Where the items of the index come from: projects, local initiatives, catalogue solutions,
and the kinds other apps register from their `AppConfig.ready()` (diagnostics needs,
« besoin » ; investigation problems, « probleme »).

Each source gives `Entry` objects: the engine's `Item` (id ``kind:pk``, text) plus what the
pages show (label, link, place) and what the filters need (département, région, the
collectivité or project the item belongs to). Texts are cut at `MAX_TEXT` characters so that a
huge description (1 Mo of Markdown) costs no more than a long one.
"""

from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass

from fabrique.catalogue.models import Solution
from fabrique.portfolio.models import Project, ProjectPartner

from ..models import LocalInitiative
from ..rules.items import Item
from ..vocabulary import EXTRA_KINDS, ItemKind, item_key

MAX_TEXT = 20_000


@dataclass(frozen=True)
class Entry:
    item: Item
    label: str
    url: str = ""
    place: str = ""
    owner: str = ""  # the collectivité or project it belongs to: groups must span ≥ 2
    departement_id: int | None = None
    region_id: int | None = None

    @property
    def key(self) -> str:
        return self.item.id

    @property
    def kind(self) -> str:
        return self.item.kind


def _text(*parts: str) -> str:
    return "\n".join(part.strip() for part in parts if part and part.strip())[:MAX_TEXT]


def project_entries() -> Iterator[Entry]:
    partners: dict[int, ProjectPartner] = {}
    links = ProjectPartner.objects.select_related(
        "commune__departement", "epci", "departement", "region"
    ).order_by("project_id", "pk")
    for partner in links:
        partners.setdefault(partner.project_id, partner)
    for project in Project.objects.order_by("pk").only(
        "pk", "name", "slug", "mission", "description"
    ):
        key = item_key(ItemKind.PROJET, project.pk)
        partner = partners.get(project.pk)
        departement = region_id = None
        place = ""
        if partner is not None:
            place = str(partner.territory)
            if partner.commune_id:
                departement = partner.commune.departement
            elif partner.departement_id:
                departement = partner.departement
            elif partner.region_id:
                region_id = partner.region_id
        if departement is not None:
            region_id = departement.region_id
        yield Entry(
            item=Item(
                key,
                ItemKind.PROJET,
                _text(project.name, project.mission, project.description),
                departement.code if departement else "",
            ),
            label=project.name,
            url=project.get_absolute_url(),
            place=place,
            owner=key,
            departement_id=departement.pk if departement else None,
            region_id=region_id,
        )


def initiative_entries() -> Iterator[Entry]:
    initiatives = LocalInitiative.objects.select_related("commune__departement").order_by("pk")
    for initiative in initiatives:
        commune = initiative.commune
        departement = commune.departement
        yield Entry(
            item=Item(
                item_key(ItemKind.INITIATIVE, initiative.pk),
                ItemKind.INITIATIVE,
                _text(initiative.title),
                departement.code if departement else "",
            ),
            label=initiative.title,
            url=commune.get_absolute_url(),
            place=f"{commune.name} ({departement.code})" if departement else commune.name,
            owner=f"commune:{commune.insee}",
            departement_id=departement.pk if departement else None,
            region_id=departement.region_id if departement else None,
        )


def solution_model():
    """The catalogue's solutions (kept as a function for the tests that create some)."""
    return Solution


def solution_entries() -> Iterator[Entry]:
    """Catalogue solutions. The one of an incubator project belongs to that project (same
    owner): it is never shown as a synergy of its own project."""
    solutions = Solution.objects.order_by("pk").only(
        "pk", "name", "slug", "summary", "description", "categories", "project"
    )
    for solution in solutions:
        key = item_key(ItemKind.SOLUTION, solution.pk)
        owner = item_key(ItemKind.PROJET, solution.project_id) if solution.project_id else key
        yield Entry(
            item=Item(
                key,
                ItemKind.SOLUTION,
                _text(
                    solution.name,
                    solution.summary,
                    solution.description,
                    ", ".join(solution.category_labels),  # « Gestion interne », not a slug
                ),
            ),
            label=solution.name,
            url=solution.get_absolute_url(),
            owner=owner,
        )


_REGISTERED: dict[str, Callable[[], Iterable[Entry]]] = {}
_MODELS: dict[str, Callable[[], type]] = {}


def register_source(
    kind: str,
    label: str,
    entries: Callable[[], Iterable[Entry]],
    *,
    public: bool = False,
    model: type | None = None,
) -> None:
    """Add a kind of items to the index (called from another app's `AppConfig.ready()`):
    diagnostics needs (« besoin »), investigation problems (« probleme »)… Their text is not
    public (`public=True` is refused: only the built-in kinds are public). ``model``: the model
    whose primary keys the items carry, to tell whether an item still exists."""
    if public:
        raise ValueError("Seuls les éléments intégrés au moteur peuvent être publics.")
    EXTRA_KINDS[kind] = label
    _REGISTERED[kind] = entries
    if model is not None:
        _MODELS[kind] = lambda: model


def item_model(kind: str) -> type | None:
    """The model of the items of `kind` (None for a kind registered without one)."""
    built_in = {
        ItemKind.PROJET: lambda: Project,
        ItemKind.INITIATIVE: lambda: LocalInitiative,
        ItemKind.SOLUTION: solution_model,
    }
    found = built_in.get(kind) or _MODELS.get(kind)
    return found() if found else None


def collect() -> list[Entry]:
    """Every item, in a stable order (kind, then primary key): the same data gives the same
    index, bit for bit."""
    registered = [entry for kind in sorted(_REGISTERED) for entry in _REGISTERED[kind]()]
    return [*project_entries(), *initiative_entries(), *solution_entries(), *registered]
