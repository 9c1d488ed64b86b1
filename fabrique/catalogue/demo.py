"""The demo catalogue loaded by `load_demo`: solutions of every origin and need, the real communes
that use them, funding schemes (open and closed), local operators and a suggestion to moderate.

Written for the demo (the schemes and the market offers are invented and say so); communes,
départements and operators are real. Everything goes through the services (they validate).
Idempotent and never destructive: a solution, scheme or operator whose slug exists is left as it
is (the team may have changed it); communes absent from the reference are skipped. Deadlines are
relative to `today`, so that the open schemes stay open.
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

from . import services
from .models import FundingScheme, Operator, Solution, SolutionSuggestion
from .vocabulary import (
    AidType,
    Beneficiary,
    Category,
    CostModel,
    Hosting,
    Maturity,
    OperatorStatus,
    Origin,
    Recurrence,
    Theme,
)

# Short names for the tables below.
A, B, C, T = AidType, Beneficiary, Category, Theme

AGENT_EMAIL = "agent@fabrique.localhost"
# The 11 communes of the CC du Pays d'Urfé.
URFE = "42248 42282 42255 42276 42047 42061 42076 42116 42295 42314 42339".split()
SAINT_ETIENNE = ("42218", "42005", "42095", "42207", "42186", "42330")


@dataclass(frozen=True)
class DemoSolution:
    slug: str
    name: str
    origin: str
    categories: tuple[str, ...]
    summary: str
    cost_model: str = CostModel.FREE
    yearly_cost: int | None = None
    hosting: tuple[str, ...] = (Hosting.SAAS,)
    licence: str = ""
    maturity: str = Maturity.STABLE
    website: str = ""
    project: str = ""
    description: str = ""
    communes: tuple[str, ...] = ()
    epcis: tuple[str, ...] = ()
    departements: tuple[str, ...] = ()
    similar: tuple[str, ...] = ()
    since_year: int = 2022


INC, FREE, MARKET = Origin.INCUBATOR, Origin.FREE_SOFTWARE, Origin.MARKET
SAAS, SELF, OPSN = Hosting.SAAS, Hosting.SELF, Hosting.OPSN

SOLUTIONS = (
    # --- Services of the incubator (their projects are in the demo portfolio) ---------------
    DemoSolution(
        "actes-en-ligne", "Actes en ligne", INC, (C.USERS, C.INTERNAL),
        "Demander un acte d'état civil en ligne ; la mairie le délivre en quelques clics.",
        licence="AGPL-3.0-or-later", project="actes-en-ligne", hosting=(SAAS, OPSN),
        description="Une seule file pour les demandes reçues par courrier, téléphone et "
        "guichet ; l'acte est pré-rempli depuis le registre numérisé.",
        communes=(*URFE[:4], "35288", "22001"), epcis=("244200820",), since_year=2024,
        similar=("demarches-simplifiees",),
    ),
    DemoSolution(
        "salles-ouvertes", "Salles ouvertes", INC, (C.INTERNAL, C.USERS),
        "Réserver une salle communale ou du matériel municipal en ligne.",
        licence="EUPL-1.2", maturity=Maturity.BETA, project="salles-ouvertes",
        communes=("35288", "22016", "35002", "35005", "56260"), since_year=2025,
        similar=("reservation-salles-pro",),
    ),
    DemoSolution(
        "concessions-claires", "Concessions claires", INC, (C.INTERNAL,),
        "Tenir le registre des cimetières : plan, concessions, échéances, reprises.",
        licence="AGPL-3.0-or-later", hosting=(SAAS, OPSN), project="concessions-claires",
        communes=("12033", "12157", "42248", "42061", "12002"), since_year=2023,
        similar=("cimetiere-facile",),
    ),
    DemoSolution(
        "budget-citoyen", "Budget citoyen", INC, (C.PARTICIPATION,),
        "Organiser un budget participatif : idées, instruction, vote, suivi des réalisations.",
        cost_model=CostModel.SUBSCRIPTION, yearly_cost=600, licence="AGPL-3.0-or-later",
        project="budget-citoyen", communes=("69123", "38185", "42218", "35238", "33063"),
        since_year=2021, similar=("decidim",),
    ),
    DemoSolution(
        "signal-voirie", "Signal voirie", INC, (C.USERS, C.TERRITORY),
        "Signaler un nid-de-poule ou un dépôt sauvage et suivre son traitement.",
        licence="MIT", project="signal-voirie", communes=SAINT_ETIENNE,
        epcis=("244200770",), since_year=2024,
    ),
    DemoSolution(
        "menu-local", "Menu local", INC, (C.EDUCATION,),
        "Composer les menus des cantines avec des produits locaux et suivre la loi EGalim.",
        licence="AGPL-3.0-or-later", maturity=Maturity.ALPHA, project="menu-local",
        communes=("44176", "44109"), since_year=2025,
    ),
    DemoSolution(
        "adresses-du-village", "Adresses du village", INC, (C.TERRITORY, C.DATA),
        "Nommer les voies, numéroter les maisons et publier la base adresse locale.",
        licence="MIT", project="adresses-du-village",
        communes=(*URFE[4:], "12003", "12004", "69001", "69002"), since_year=2023,
    ),
    DemoSolution(
        "guichet-solidaire", "Guichet solidaire", INC, (C.SOCIAL, C.USERS),
        "Instruire les demandes d'aide du CCAS et suivre les personnes accompagnées.",
        licence="AGPL-3.0-or-later", project="guichet-solidaire",
        communes=("42218", "13055", "29019"), since_year=2024,
    ),
    DemoSolution(
        "conseil-facile", "Conseil facile", INC, (C.INTERNAL, C.PARTICIPATION),
        "Préparer le conseil municipal, convoquer les élus, publier les délibérations.",
        licence="EUPL-1.2", project="conseil-facile", hosting=(SAAS, OPSN),
        communes=("42248", "42047", "42116", "35003", "29001"), since_year=2024,
    ),
    DemoSolution(
        "deveco", "Deveco", INC, (C.ECONOMY, C.DATA),
        "Suivre les entreprises et les commerces du territoire, et les échanges avec eux.",
        website="https://deveco.incubateur.anct.gouv.fr/",
        epcis=("244200770", "244200820", "200065886"), communes=("42218",), since_year=2023,
    ),
    # --- Free software recommended to administrations ---------------------------------------
    DemoSolution(
        "nextcloud", "Nextcloud", FREE, (C.COLLABORATION,),
        "Fichiers partagés, agendas et contacts, hébergés chez soi ou par son OPSN.",
        licence="AGPL-3.0-or-later", hosting=(SELF, OPSN), website="https://nextcloud.com/",
        communes=("35238", "35047", "42218", "69266", "29232"), epcis=("244200820",),
    ),
    DemoSolution(
        "libreoffice", "LibreOffice", FREE, (C.COLLABORATION,),
        "Suite bureautique : traitement de texte, tableur, présentations, au format ouvert ODF.",
        licence="MPL-2.0", hosting=(SELF,), website="https://www.libreoffice.org/",
        communes=(*URFE, "35238", "31555", "69123", "12202", "2A004"), since_year=2018,
    ),
    DemoSolution(
        "decidim", "Decidim", FREE, (C.PARTICIPATION,),
        "Plateforme de participation citoyenne : concertations, budgets participatifs, pétitions.",
        licence="AGPL-3.0-only", hosting=(SELF, SAAS), website="https://decidim.org/",
        communes=("67482", "38185", "59350"), since_year=2020,
    ),
    DemoSolution(
        "matomo", "Matomo", FREE, (C.ONLINE, C.DATA),
        "Mesure d'audience des sites internet, respectueuse de la vie privée.",
        licence="GPL-3.0-or-later", hosting=(SELF, OPSN), website="https://matomo.org/",
        communes=("33063", "35238", "42218", "64445"),
    ),
    DemoSolution(
        "qgis", "QGIS", FREE, (C.TERRITORY, C.DATA),
        "Système d'information géographique : cartes, cadastre, réseaux, urbanisme.",
        licence="GPL-2.0-or-later", hosting=(SELF,), website="https://qgis.org/",
        communes=("42218", "63113", "21231", "87085"), departements=("42",),
    ),
    DemoSolution(
        "umap", "uMap", FREE, (C.TERRITORY, C.ONLINE),
        "Créer une carte personnalisée sur fond OpenStreetMap et l'intégrer à son site.",
        licence="WTFPL", website="https://umap.openstreetmap.fr/",
        communes=("42248", "42282", "12033", "56260"),
    ),
    DemoSolution(
        "grist", "Grist", FREE, (C.DATA, C.COLLABORATION),
        "Tableur et base de données relationnelle en ligne, pour remplacer les fichiers épars.",
        licence="Apache-2.0", hosting=(SAAS, SELF), website="https://www.getgrist.com/",
        communes=("42248", "35288", "26362", "73065"),
    ),
    DemoSolution(
        "keycloak", "Keycloak", FREE, (C.SECURITY, C.INFRASTRUCTURE),
        "Authentification unique des agents sur les applications de la collectivité.",
        licence="Apache-2.0", hosting=(SELF,), website="https://www.keycloak.org/",
        communes=("35238", "44109"),
    ),
    DemoSolution(
        "keepassxc", "KeePassXC", FREE, (C.SECURITY,),
        "Coffre-fort de mots de passe chiffré, pour ne plus les noter sur un carnet.",
        licence="GPL-3.0-or-later", hosting=(SELF,), website="https://keepassxc.org/",
        communes=("42248", "42218", "12202", "81004"),
    ),
    DemoSolution(
        "wordpress", "WordPress", FREE, (C.ONLINE,),
        "Le site internet de la mairie, simple à mettre à jour par les agents.",
        licence="GPL-2.0-or-later", hosting=(SELF, SAAS, OPSN), website="https://wordpress.org/",
        communes=("42282", "42276", "22002", "29002", "35002", "56002", "69003", "12001"),
        similar=("site-mairie-cle-en-main",),
    ),
    DemoSolution(
        "jitsi-meet", "Jitsi Meet", FREE, (C.COLLABORATION,),
        "Visioconférence dans le navigateur, sans compte ni installation.",
        licence="Apache-2.0", hosting=(SELF, SAAS), website="https://jitsi.org/",
        communes=("42218", "76575", "13055"),
    ),
    DemoSolution(
        "moodle", "Moodle", FREE, (C.EDUCATION,),
        "Plateforme de formation en ligne, pour les agents comme pour les écoles.",
        licence="GPL-3.0-or-later", hosting=(SELF,), website="https://moodle.org/",
        departements=("35",),
    ),
    DemoSolution(
        "glpi", "GLPI", FREE, (C.INFRASTRUCTURE, C.INTERNAL),
        "Inventaire du parc informatique et gestion des demandes d'assistance.",
        licence="GPL-3.0-or-later", hosting=(SELF, OPSN), website="https://glpi-project.org/",
        communes=("42218", "45234", "86194"), epcis=("244200770",),
    ),
    DemoSolution(
        "demarches-simplifiees", "Démarches simplifiées", FREE, (C.USERS,),
        "Créer ses formulaires de démarches en ligne et instruire les dossiers reçus.",
        licence="AGPL-3.0-or-later", hosting=(SAAS,),
        website="https://www.demarches-simplifiees.fr/",
        communes=("42218", "35238", "17300", "2A004", "42248"),
    ),
    DemoSolution(
        "zammad", "Zammad", FREE, (C.USERS,),
        "Suivre les demandes des habitants reçues par courriel, téléphone ou formulaire.",
        licence="AGPL-3.0-only", hosting=(SELF,), website="https://zammad.org/",
        communes=("69123",),
    ),
    DemoSolution(
        "openfisca", "OpenFisca", FREE, (C.SOCIAL, C.DATA),
        "Moteur de calcul des aides et prestations, pour simuler les droits d'un foyer.",
        licence="AGPL-3.0-or-later", hosting=(SELF,), website="https://openfisca.org/",
        maturity=Maturity.STABLE,
    ),
    DemoSolution(
        "proxmox-ve", "Proxmox VE", FREE, (C.INFRASTRUCTURE,),
        "Virtualisation des serveurs de la collectivité, avec sauvegardes intégrées.",
        licence="AGPL-3.0-or-later", hosting=(SELF,), website="https://www.proxmox.com/",
        communes=("42218",), departements=("42",),
    ),
    DemoSolution(
        "mobilite-inclusion-atelier", "Ateliers numériques en médiathèque", FREE,
        (C.INCLUSION,),
        "Kit libre d'ateliers d'initiation au numérique animés par les médiathèques.",
        licence="CC-BY-SA-4.0", hosting=(SELF,), maturity=Maturity.BETA,
        communes=("42248", "22001", "29001"),
    ),
    # --- Market offers (invented for the demo) --------------------------------------------
    DemoSolution(
        "portail-famille-plus", "Portail Famille Plus (offre de démonstration)", MARKET,
        (C.EDUCATION, C.USERS),
        "Inscriptions à la cantine et au périscolaire, facturation et paiement en ligne.",
        cost_model=CostModel.SUBSCRIPTION, yearly_cost=1200,
        communes=("42005", "42095", "35001"),
    ),
    DemoSolution(
        "gesticommune-finances", "GestiCommune Finances (offre de démonstration)", MARKET,
        (C.INTERNAL,), "Comptabilité, budget et paie des petites communes.",
        cost_model=CostModel.LICENCE, yearly_cost=2400, hosting=(SAAS, OPSN),
        communes=(*URFE[:6], "12003", "22003"),
    ),
    DemoSolution(
        "cimetiere-facile", "Cimetière Facile (offre de démonstration)", MARKET, (C.INTERNAL,),
        "Gestion des concessions funéraires avec plan interactif.",
        cost_model=CostModel.SUBSCRIPTION, yearly_cost=450, communes=("69001", "69002"),
    ),
    DemoSolution(
        "panneau-citoyen-pro", "Panneau Citoyen Pro (offre de démonstration)", MARKET,
        (C.ONLINE, C.USERS), "Alertes et actualités de la mairie sur le téléphone des habitants.",
        cost_model=CostModel.SUBSCRIPTION, yearly_cost=180,
        communes=("42248", "42255", "42314", "12004", "35005", "56001"),
    ),
    DemoSolution(
        "site-mairie-cle-en-main", "Site Mairie clé en main (offre de démonstration)", MARKET,
        (C.ONLINE,), "Site internet accessible (RGAA) hébergé, avec nom de domaine en .fr.",
        cost_model=CostModel.SUBSCRIPTION, yearly_cost=600, communes=("42061", "29003"),
    ),
    DemoSolution(
        "sauvegarde-externalisee", "Sauvegarde externalisée (offre de démonstration)", MARKET,
        (C.SECURITY, C.INFRASTRUCTURE),
        "Sauvegarde chiffrée quotidienne des postes et serveurs de la mairie, hors site.",
        cost_model=CostModel.SUBSCRIPTION, yearly_cost=360, hosting=(SAAS, OPSN),
        communes=("42248", "42076", "42218", "35004"),
    ),
    DemoSolution(
        "parapheur-electronique", "Parapheur électronique (offre de démonstration)", MARKET,
        (C.INTERNAL, C.SECURITY), "Signature électronique des actes et des bons de commande.",
        cost_model=CostModel.QUOTE, hosting=(SAAS, OPSN), communes=("42218", "35238"),
    ),
    DemoSolution(
        "reservation-salles-pro", "Réservation Salles Pro (offre de démonstration)", MARKET,
        (C.INTERNAL,), "Planning des salles et du matériel, avec paiement des locations.",
        cost_model=CostModel.SUBSCRIPTION, yearly_cost=480, maturity=Maturity.RETIRED,
        communes=("44176",),
    ),
    DemoSolution(
        "telephonie-ip-mutualisee", "Téléphonie IP mutualisée (offre de démonstration)", MARKET,
        (C.INFRASTRUCTURE,), "Standard téléphonique en ligne partagé entre mairie et écoles.",
        cost_model=CostModel.QUOTE, communes=("42095",), epcis=("244200770",),
    ),
)  # fmt: skip
SOLUTION_SLUGS = tuple(spec.slug for spec in SOLUTIONS)


@dataclass(frozen=True)
class DemoScheme:
    slug: str
    name: str
    funders: tuple[str, ...]
    aid_types: tuple[str, ...]
    beneficiaries: tuple[str, ...]
    themes: tuple[str, ...]
    description: str
    recurrence: str = Recurrence.PERMANENT
    days_left: int | None = None  # deadline relative to today
    closed_on: date | None = None  # a scheme that is over
    population_max: int | None = None
    population_min: int | None = None
    call: bool = False
    departements: tuple[str, ...] = ()
    regions: tuple[str, ...] = ()
    url: str = ""


SCHEMES = (
    DemoScheme(
        "detr", "Dotation d'équipement des territoires ruraux (DETR)",
        ("Préfecture de département (État)",), (A.GRANT,), (B.COMMUNE, B.EPCI),
        (T.GENERAL, T.DIGITAL),
        "Subvention de l'État pour les investissements des communes et EPCI ruraux, y compris "
        "l'équipement numérique. Dossiers au-delà de 100 000 € : avis de la commission des élus. "
        "Fiche de démonstration.", recurrence=Recurrence.RECURRING, days_left=75,
        population_max=20_000,
    ),
    DemoScheme(
        "dsil", "Dotation de soutien à l'investissement local (DSIL)",
        ("Préfecture de région (État)",), (A.GRANT,), (B.COMMUNE, B.EPCI), (T.GENERAL,),
        "Soutien de l'État aux grandes priorités d'investissement des communes et "
        "intercommunalités. Fiche de démonstration.",
        recurrence=Recurrence.RECURRING, days_left=110,
    ),
    DemoScheme(
        "ingenierie-numerique-petites-collectivites",
        "Accompagnement numérique sur mesure des petites collectivités",
        ("Agence nationale de la cohésion des territoires (ANCT)",), (A.TECHNICAL,),
        (B.COMMUNE, B.EPCI), (T.DIGITAL,),
        "Dix jours d'un consultant pour diagnostiquer les besoins numériques d'une commune de "
        "moins de 3 500 habitants et choisir ses solutions. Fiche de démonstration.",
        population_max=3_500,
    ),
    DemoScheme(
        "loire-numerique-communes-rurales",
        "Département de la Loire : équipement numérique des communes rurales",
        ("Conseil départemental de la Loire",), (A.GRANT,), (B.COMMUNE,), (T.DIGITAL,),
        "Aide à l'achat de logiciels et de matériel informatique pour les communes de moins de "
        "3 500 habitants. Fiche de démonstration.", recurrence=Recurrence.RECURRING,
        days_left=200, population_max=3_500, departements=("42",),
    ),
    DemoScheme(
        "aura-territoires-numeriques",
        "Région Auvergne-Rhône-Alpes : appel à projets territoires numériques",
        ("Conseil régional Auvergne-Rhône-Alpes",), (A.GRANT, A.TECHNICAL),
        (B.COMMUNE, B.EPCI), (T.DIGITAL, T.CITIZENSHIP),
        "Projets numériques mutualisés entre communes (services en ligne, participation "
        "citoyenne, données). Fiche de démonstration.", recurrence=Recurrence.ONE_OFF,
        days_left=60, call=True, regions=("84",),
    ),
    DemoScheme(
        "bretagne-democratie-participative",
        "Région Bretagne : outils de démocratie participative",
        ("Conseil régional de Bretagne",), (A.GRANT,), (B.COMMUNE, B.EPCI, B.ASSOCIATION),
        (T.CITIZENSHIP, T.DIGITAL),
        "Budgets participatifs, concertations en ligne et conseils citoyens. Fiche de "
        "démonstration.", recurrence=Recurrence.ONE_OFF, days_left=45, call=True,
        regions=("53",),
    ),
    DemoScheme(
        "pret-transformation-numerique",
        "Prêt pour la transformation numérique des collectivités",
        ("Banque des Territoires",), (A.LOAN, A.FINANCIAL),
        (B.COMMUNE, B.EPCI, B.DEPARTEMENT, B.REGION), (T.DIGITAL,),
        "Prêt à long terme pour les infrastructures et services numériques. Fiche de "
        "démonstration.",
    ),
    DemoScheme(
        "conseiller-numerique", "Conseiller numérique : poste cofinancé",
        ("Agence nationale de la cohésion des territoires (ANCT)",), (A.GRANT,),
        (B.COMMUNE, B.EPCI, B.ASSOCIATION), (T.DIGITAL, T.SOCIAL),
        "Cofinancement d'un poste de médiateur numérique pour accompagner les habitants. "
        "Fiche de démonstration.", recurrence=Recurrence.ONE_OFF, days_left=150,
    ),
    DemoScheme(
        "fnadt", "Fonds national d'aménagement et de développement du territoire (FNADT)",
        ("Préfecture de région (État)",), (A.GRANT,), (B.COMMUNE, B.EPCI, B.ASSOCIATION),
        (T.PLANNING, T.GENERAL),
        "Projets d'aménagement et de développement des territoires. Fiche de démonstration.",
    ),
    DemoScheme(
        "petites-villes-de-demain", "Petites villes de demain",
        ("Agence nationale de la cohésion des territoires (ANCT)",),
        (A.TECHNICAL, A.FINANCIAL), (B.COMMUNE,), (T.PLANNING,),
        "Ingénierie pour revitaliser les centres des communes de moins de 20 000 habitants qui "
        "jouent un rôle de centralité. Fiche de démonstration.", population_max=20_000,
        population_min=2_500,
    ),
    DemoScheme(
        "ille-et-vilaine-ingenierie", "Ille-et-Vilaine : ingénierie pour les petites communes",
        ("Conseil départemental d'Ille-et-Vilaine",), (A.TECHNICAL, A.LEGAL),
        (B.COMMUNE, B.EPCI), (T.GENERAL,),
        "Conseil technique et juridique gratuit aux communes de moins de 5 000 habitants. "
        "Fiche de démonstration.", population_max=5_000, departements=("35",),
    ),
    DemoScheme(
        "france-relance-transformation-numerique",
        "France Relance : transformation numérique des collectivités territoriales",
        ("Agence nationale de la cohésion des territoires (ANCT)",), (A.GRANT,),
        (B.COMMUNE, B.EPCI, B.DEPARTEMENT, B.REGION), (T.DIGITAL,),
        "Guichet clos : projets numériques des collectivités financés par le plan de relance "
        "en 2021. Fiche de démonstration.", recurrence=Recurrence.ONE_OFF,
        closed_on=date(2021, 12, 31), call=True,
    ),
    DemoScheme(
        "fonds-vert-2023", "Fonds vert 2023",
        ("Ministère de la Transition écologique et de la Cohésion des territoires",),
        (A.GRANT,), (B.COMMUNE, B.EPCI), (T.ENERGY, T.ENVIRONMENT, T.PLANNING),
        "Accélération de la transition écologique dans les territoires, édition 2023 (close). "
        "Fiche de démonstration.", recurrence=Recurrence.ONE_OFF,
        closed_on=date(2023, 12, 31),
    ),
    DemoScheme(
        "parcours-cybersecurite", "Parcours de cybersécurité des collectivités",
        ("Agence nationale de la sécurité des systèmes d'information (ANSSI)",),
        (A.TECHNICAL, A.GRANT), (B.COMMUNE, B.EPCI, B.DEPARTEMENT), (T.DIGITAL,),
        "Diagnostic et plan de sécurisation financés (édition close). Fiche de démonstration.",
        recurrence=Recurrence.ONE_OFF, closed_on=date(2022, 12, 31),
    ),
)  # fmt: skip
SCHEME_SLUGS = tuple(spec.slug for spec in SCHEMES)

OPERATORS = (
    ("sitiv", "SITIV", "le SITIV", OperatorStatus.PARTNER, "https://www.sitiv.fr/",
     ("42", "69"), ("nextcloud", "glpi", "sauvegarde-externalisee", "conseil-facile")),
    ("megalis-bretagne", "Mégalis Bretagne", "Mégalis Bretagne", OperatorStatus.PARTNER,
     "https://www.megalis.bretagne.bzh/", ("22", "29", "35", "56"),
     ("salles-ouvertes", "parapheur-electronique", "wordpress")),
    ("gironde-numerique", "Gironde Numérique", "Gironde Numérique", OperatorStatus.PARTNER,
     "https://www.girondenumerique.fr/", ("33",), ("matomo", "gesticommune-finances")),
    ("smica", "SMICA", "le SMICA", OperatorStatus.PARTNER, "https://www.smica.fr/", ("12",),
     ("concessions-claires", "actes-en-ligne")),
)  # fmt: skip


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
            Solution(
                slug=spec.slug, name=spec.name, origin=spec.origin, summary=spec.summary,
                description=spec.description, licence=spec.licence, website=spec.website,
                cost_model=spec.cost_model,
                yearly_cost=Decimal(spec.yearly_cost) if spec.yearly_cost is not None else None,
                maturity=spec.maturity, project=projects.get(spec.project),
            ),
            categories=spec.categories, hosting=spec.hosting,
        )  # fmt: skip
        since = min(date(spec.since_year, 1, 1), today)
        for index, territory in enumerate(_territories(spec, counts)):
            services.solution_use_add(
                solution, territory, since=min(since + timedelta(days=45 * index), today)
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
        services.funding_save(
            FundingScheme(
                slug=spec.slug, name=spec.name, funders="\n".join(spec.funders),
                description=spec.description, population_min=spec.population_min,
                population_max=spec.population_max, recurrence=spec.recurrence,
                is_call_for_projects=spec.call, deadline=deadline,
                is_closed=spec.closed_on is not None, url=spec.url,
            ),
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
            Operator(slug=slug, name=name, name_with_article=article, status=status,
                     website=website),
            departements=Departement.objects.filter(code__in=departements),
            solutions=Solution.objects.filter(slug__in=solutions),
        )  # fmt: skip
    counts.operators = Operator.objects.filter(slug__in=[row[0] for row in OPERATORS]).count()


def _load_suggestion(counts: Counts):
    agent = User.objects.filter(email=AGENT_EMAIL).first()
    name = "Mobilizon"
    if agent and not SolutionSuggestion.objects.filter(name=name).exists():
        services.suggestion_submit(
            SolutionSuggestion(
                name=name,
                website="https://mobilizon.org/",
                origin=Origin.FREE_SOFTWARE,
                description="Publier les événements de la commune et des associations, sans "
                "passer par un réseau social commercial.",
                comment="Nous l'utilisons pour l'agenda des fêtes du village depuis un an.",
            ),
            by=agent,
            categories=[C.ONLINE, C.PARTICIPATION],
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
