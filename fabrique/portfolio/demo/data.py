"""The fixed data of the demo portfolio, apart from the projects themselves.

Seed, demo accounts, organisations and thematics, the `DemoProject` record each project is
written as (in `projects`), and the pools the loader draws from: names,
decision conditions, review comments, committee attendees.
"""

from dataclasses import dataclass
from decimal import Decimal

from ..vocabulary import Outcome, PhaseName

SEED = 2026
IMPORTED_FUNDING = Decimal(180_000)
INCUBATOR = "Fabrique des territoires"
MANAGER_EMAIL = "equipe@fabrique.localhost"
ADMIN_EMAIL = "admin@fabrique.localhost"
COACH_EMAIL = "coach@fabrique.localhost"
OWNER_EMAIL = "porteur@fabrique.localhost"

P = PhaseName
INV, BUILD, ACCEL, CONSOL = P.INVESTIGATION, P.CONSTRUCTION, P.ACCELERATION, P.CONSOLIDATION

MONTHS = (
    "janvier", "février", "mars", "avril", "mai", "juin",
    "juillet", "août", "septembre", "octobre", "novembre", "décembre",
)  # fmt: skip

ORGANISATIONS = {
    "anct": ("Agence nationale de la cohésion des territoires", "ANCT"),
    "dinum": ("Direction interministérielle du numérique", "DINUM"),
    "dgcl": ("Direction générale des collectivités locales", "DGCL"),
    "bdt": ("Banque des Territoires", ""),
    "ademe": ("Agence de la transition écologique", "ADEME"),
    "cnaf": ("Caisse nationale des allocations familiales", "CNAF"),
    "masa": ("Ministère de l'Agriculture et de la Souveraineté alimentaire", "MASA"),
    "mte": ("Ministère de la Transition écologique", "MTE"),
    "d12": ("Département de l'Aveyron", ""),
    "d35": ("Département d'Ille-et-Vilaine", ""),
    "d42": ("Département de la Loire", ""),
    "r53": ("Région Bretagne", ""),
    "r75": ("Région Nouvelle-Aquitaine", ""),
    "r84": ("Région Auvergne-Rhône-Alpes", ""),
}

THEMATICS = {
    "etat-civil-citoyennete": "État civil et citoyenneté",
    "services-municipaux": "Services municipaux",
    "mobilites": "Mobilités",
    "enfance-education": "Enfance et éducation",
    "transition-ecologique": "Transition écologique",
    "donnees-ouvertes": "Données ouvertes",
    "finances-locales": "Finances locales",
    "solidarites": "Solidarités",
    "espace-public": "Voirie et espace public",
    "participation-citoyenne": "Participation citoyenne",
    "urbanisme-logement": "Urbanisme et logement",
    "prevention-risques": "Prévention des risques",
    "vie-associative-sport": "Vie associative et sport",
    "alimentation": "Alimentation",
}


@dataclass(frozen=True)
class DemoProject:
    """One invented project and the story the dashboard should tell about it.

    `path` lists the phases before the current one with their length in days; the current
    phase started `since` days ago. `last_session` is the committee session (0 = the latest
    one, about a week ago; 7 = about seven months ago) at which the project was last reviewed.
    `runway_days` is how long the money left lasts at the current burn rate.
    """

    slug: str
    name: str
    kind: str
    mission: str
    description: str
    host: str  # the collectivité of the intrapreneur
    thematics: tuple[str, ...]
    sponsors: tuple[str, ...]
    partners: tuple[tuple[str, str], ...]
    current: str
    since: int
    path: tuple[tuple[str, int], ...] = ()
    last_session: int | None = None
    runway_days: int | None = None
    burn: int = 40_000  # monthly spending in construction, in euros
    coach: bool = False  # the demo coach account coaches the team
    owner: bool = False  # the demo service-owner account is the intrapreneur
    late_attestations: bool = False  # last month's services faits are not attested yet
    upcoming: bool = False  # on the agenda of the next committee
    pivot: bool = False  # one of the periodic committees decided to pivot
    imported: bool = False  # looks like a past import: phases only, no post-mortem
    phase_comment: str = ""
    postmortem: tuple[str, str] = ("", "")  # (learnings, reasons)
    service_url: str = ""
    licence: str = ""
    user_types: str = "Agents des collectivités, habitant·es"


def communes(*codes):
    return tuple(("commune", code) for code in codes)


# The other demo staff account follows a few projects, so that the manager filter means something.
ADMIN_MANAGED = frozenset(
    {"budget-citoyen", "navette-rurale", "goutte-a-goutte", "vigie-crues", "creneaux-sportifs"}
)

FIRST_NAMES = (
    "Amina", "Bastien", "Chloé", "Damien", "Élodie", "Farid", "Gaëlle", "Hugo", "Inès",
    "Julien", "Karima", "Léo", "Maëlle", "Nicolas", "Océane", "Pierre", "Quentin", "Rachida",
    "Sophie", "Thomas", "Valérie", "Yanis", "Zoé", "Mathis", "Nadia", "Romain", "Sarah",
    "Théo", "Laura", "Antoine",
)  # fmt: skip
LAST_NAMES = (
    "Aubert", "Benoît", "Caron", "Delmas", "Estève", "Fabre", "Garnier", "Hamon", "Imbert",
    "Joly", "Klein", "Lemoine", "Marchand", "Nguyen", "Olivier", "Perrin", "Renaud", "Sanchez",
    "Tessier", "Vidal", "Weber", "Barbier", "Colin", "Lacroix", "Mercier", "Roux", "Faure",
    "Gauthier", "Meyer", "Brun",
)  # fmt: skip
CONDITIONS = {
    Outcome.CONTINUE: (
        "Présenter au prochain comité le nombre de communes utilisatrices actives.",
        "Mesurer le temps gagné par les agents sur trois communes pilotes.",
        "Recruter un·e chargé·e de déploiement avant le prochain comité.",
        "Publier le code source et une documentation d'installation.",
        "",
    ),
    Outcome.ACCELERATE: (
        "Étendre le déploiement à un deuxième département.",
        "Préparer un modèle économique de reprise par les collectivités utilisatrices.",
    ),
    Outcome.PIVOT: (
        "Recentrer le service sur l'usage le plus fréquent constaté en construction.",
        "Abandonner la partie destinée aux habitant·es, concentrer l'effort sur les agents.",
    ),
    Outcome.STOP: ("Rédiger le post-mortem et archiver le code.",),
    Outcome.GO: (
        "Recruter l'équipe de construction et présenter les premiers usagers au prochain comité.",
        "",
    ),
    Outcome.NO_GO: ("Partager ce qui a été appris avec les collectivités concernées.",),
}
REVIEW_COMMENTS = (
    "Premiers usages réels, impact encore à mesurer.",
    "Bonne adoption par les agents ; le design doit suivre les retours des habitant·es.",
    "Code publié, documentation à compléter.",
    "Déploiement plus lent que prévu hors des communes pilotes.",
    "Indicateurs d'impact publiés sur la page de statistiques.",
    "Données ouvertes publiées, mises à jour encore manuelles.",
)
ATTENDEES = (
    "Camille Durand (incubateur), Alix Martin (incubateur), représentant·es des sponsors, "
    "coachs des équipes présentées"
)
