"""The demo digital commons (« commun numérique »)."""

from ..vocabulary import ProjectKind
from .data import ACCEL, BUILD, CONSOL, INV, DemoProject, P, communes

COMMONS = (
    DemoProject(
        slug="concessions-claires",
        name="Concessions claires",
        kind=ProjectKind.COMMON,
        mission=(
            "Tenir le registre des cimetières communaux : plan des emplacements, concessions, "
            "échéances et procédures de reprise, partagé entre communes."
        ),
        description=(
            "Beaucoup de communes gèrent leurs cimetières sur des registres papier ou des "
            "tableurs hérités. Les échéances de concessions passent inaperçues et les "
            "familles attendent des réponses.\n\nCommun numérique maintenu par une "
            "communauté de communes utilisatrices et ouvert à toutes."
        ),
        host="Mairie de Bozouls",
        thematics=("services-municipaux", "etat-civil-citoyennete"),
        sponsors=("anct", "d12"),
        partners=communes("12033", "12157", "12202", "42248"),
        path=((INV, 60), (BUILD, 372), (ACCEL, 351)),
        current=CONSOL,
        since=90,
        last_session=3,
        burn=34_000,
        licence="AGPL-3.0-or-later",
        user_types="Agents funéraires, élu·es, familles",
    ),
    DemoProject(
        slug="budget-citoyen",
        name="Budget citoyen",
        kind=ProjectKind.COMMON,
        mission=(
            "Organiser un budget participatif de bout en bout : dépôt des idées, instruction "
            "par les services, vote des habitant·es et suivi des réalisations."
        ),
        description=(
            "Outil libre utilisé par une trentaine de collectivités, de la commune de 3 000 "
            "habitant·es à la métropole. Opéré depuis la fin de l'incubation par un "
            "groupement de collectivités utilisatrices."
        ),
        host="Ville de Grenoble",
        thematics=("participation-citoyenne", "finances-locales"),
        sponsors=("dinum", "r84"),
        partners=communes("69123", "38185", "26114", "42218"),
        path=((INV, 56), (BUILD, 365), (ACCEL, 380), (CONSOL, 190)),
        current=P.OPERATED,
        since=400,
        burn=42_000,
        phase_comment="Opéré par un groupement de collectivités utilisatrices.",
        service_url="https://budget-citoyen.example.org",
        licence="AGPL-3.0-or-later",
    ),
    DemoProject(
        slug="adresses-du-village",
        name="Adresses du village",
        kind=ProjectKind.COMMON,
        mission=(
            "Aider les petites communes à créer, corriger et publier leur base adresse locale, "
            "sans compétence géomatique."
        ),
        description=(
            "Une adresse précise, c'est un colis livré, une ambulance qui arrive, une fibre "
            "raccordée. L'outil guide l'agent rue par rue et publie les adresses dans la base "
            "nationale.\n\nTransféré à un opérateur public de la donnée adresse."
        ),
        host="Mairie de Champoly",
        thematics=("donnees-ouvertes", "services-municipaux"),
        sponsors=("anct", "dinum"),
        partners=communes("42047", "42061", "42076", "07058", "07101"),
        path=((INV, 42), (BUILD, 365), (ACCEL, 340), (CONSOL, 180)),
        current=P.TRANSFERRED,
        since=240,
        burn=36_000,
        phase_comment="Service repris par un opérateur public de la donnée adresse.",
        service_url="https://adresses-du-village.example.org",
        licence="MIT",
        user_types="Secrétaires de mairie, élu·es",
    ),
    DemoProject(
        slug="canopee-communale",
        name="Canopée communale",
        kind=ProjectKind.COMMON,
        mission=(
            "Inventorier les arbres de la commune, planifier les plantations et repérer les "
            "îlots de fraîcheur à créer."
        ),
        description=(
            "Commun numérique construit avec les services espaces verts : saisie sur le "
            "terrain, fiche par arbre, carte des zones les plus chaudes en été."
        ),
        host="Ville de Clermont-Ferrand",
        thematics=("transition-ecologique", "espace-public"),
        sponsors=("ademe", "r84"),
        partners=communes("63113", "69123", "42218"),
        path=((INV, 56),),
        current=BUILD,
        since=330,
        last_session=8,
        burn=36_000,
        licence="AGPL-3.0-or-later",
        user_types="Agents des espaces verts, élu·es",
    ),
    DemoProject(
        slug="registres-anciens",
        name="Registres anciens",
        kind=ProjectKind.COMMON,
        mission=(
            "Numériser et indexer, avec des bénévoles, les registres paroissiaux et d'état "
            "civil anciens conservés en mairie."
        ),
        description=(
            "Les registres anciens s'abîment dans les armoires des mairies. Le commun "
            "outille les campagnes de numérisation et l'indexation collaborative ; il est "
            "opéré par les archives départementales partenaires."
        ),
        host="Département du Finistère",
        thematics=("etat-civil-citoyennete", "donnees-ouvertes"),
        sponsors=("anct", "r53"),
        partners=(*communes("29019", "56260"), ("departement", "29")),
        path=((INV, 56), (BUILD, 365), (ACCEL, 365), (CONSOL, 180)),
        current=P.OPERATED,
        since=1100,
        burn=30_000,
        phase_comment="Opéré par les archives départementales partenaires.",
        service_url="https://registres-anciens.example.org",
        licence="AGPL-3.0-or-later",
        user_types="Bénévoles, généalogistes, archivistes",
    ),
)
