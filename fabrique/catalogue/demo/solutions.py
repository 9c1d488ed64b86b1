"""The solutions of the demo catalogue: services of the incubator, free software and market offers
(invented, and they say so), with the real communes, EPCI and départements that use them."""

from dataclasses import dataclass

from ..vocabulary import Category, CostModel, Hosting, Maturity, Origin

# Short names for the table below.
C = Category

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
