"""The demo projects, in the order the loader creates them (committees are shared between
projects by date and kind, so the order matters): one module per kind of project (`startups`,
`commons`, `funded`, `investigations`), put back in the loader's order by `ORDER`."""

from .commons import COMMONS
from .funded import FUNDED
from .investigations import INVESTIGATIONS
from .startups import STARTUPS

ORDER = (
    "actes-en-ligne",
    "salles-ouvertes",
    "concessions-claires",
    "budget-citoyen",
    "signal-voirie",
    "menu-local",
    "navette-rurale",
    "adresses-du-village",
    "budget-lisible",
    "permis-de-louer",
    "registre-des-actes",
    "etals-du-coin",
    "pret-de-materiel",
    "trajets-d-ecole",
    "guichet-des-associations",
    "inscriptions-enfance",
    "canopee-communale",
    "goutte-a-goutte",
    "renov-ecoles",
    "conseil-facile",
    "guichet-solidaire",
    "dossier-travaux",
    "achats-de-proximite",
    "encombrants-sur-rendez-vous",
    "creneaux-sportifs",
    "registres-anciens",
    "vigie-crues",
    "toits-solaires",
)

_BY_SLUG = {project.slug: project for project in (*STARTUPS, *COMMONS, *FUNDED, *INVESTIGATIONS)}
PROJECTS = tuple(_BY_SLUG[slug] for slug in ORDER)
