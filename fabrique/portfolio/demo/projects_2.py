"""The demo projects, part 2 of 2 (split only to keep files short).

`PROJECTS` in `fabrique.portfolio.demo` is part 1 then part 2, in this order: the loader
creates them in that order and committees are shared between projects by date and kind.
"""

from ..vocabulary import ProjectKind
from .data import ACCEL, BUILD, CONSOL, INV, DemoProject, P, _communes

PROJECTS_2 = (
    DemoProject(
        slug="inscriptions-enfance",
        name="Inscriptions enfance",
        kind=ProjectKind.STARTUP_TERRITOIRE,
        mission=(
            "Inscrire ses enfants au périscolaire et au centre de loisirs en ligne, et "
            "recevoir une seule facture claire."
        ),
        description=(
            "Les familles remplissent chaque année les mêmes dossiers pour la cantine, "
            "l'accueil du matin et du soir et les mercredis. Inscriptions enfance garde le "
            "dossier d'une année sur l'autre et calcule le quotient familial."
        ),
        host="Ville d'Ajaccio",
        thematics=("enfance-education", "services-municipaux"),
        sponsors=("cnaf",),
        partners=_communes("2A004", "97611", "97608"),
        path=((INV, 49),),
        current=BUILD,
        since=60,
        last_session=2,
        burn=37_000,
        user_types="Familles, agents des services enfance",
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
        partners=_communes("63113", "69123", "42218"),
        path=((INV, 56),),
        current=BUILD,
        since=330,
        last_session=8,
        burn=36_000,
        licence="AGPL-3.0-or-later",
        user_types="Agents des espaces verts, élu·es",
    ),
    DemoProject(
        slug="goutte-a-goutte",
        name="Goutte à goutte",
        kind=ProjectKind.FUNDED,
        mission=(
            "Suivre les consommations d'eau des bâtiments communaux et repérer les fuites "
            "avant la facture."
        ),
        description=(
            "Relevés automatiques des compteurs, alertes en cas de consommation anormale la "
            "nuit, tableau de bord par bâtiment. Opéré par une société publique locale."
        ),
        host="Ville de Nîmes",
        thematics=("transition-ecologique",),
        sponsors=("ademe", "bdt"),
        partners=_communes("34172", "30189", "66136", "11069"),
        path=((INV, 56), (BUILD, 365), (ACCEL, 360), (CONSOL, 185)),
        current=P.OPERATED,
        since=700,
        burn=40_000,
        phase_comment="Opéré par une société publique locale.",
        service_url="https://goutte-a-goutte.example.org",
        licence="EUPL-1.2",
        user_types="Services techniques, gestionnaires de bâtiments",
    ),
    DemoProject(
        slug="renov-ecoles",
        name="Rénov'écoles",
        kind=ProjectKind.STARTUP_ETAT,
        mission=(
            "Piloter la rénovation énergétique des écoles : consommations, travaux, aides et "
            "obligations du décret tertiaire, école par école."
        ),
        description=(
            "Les communes doivent réduire la consommation de leurs bâtiments scolaires. "
            "Rénov'écoles rassemble factures, diagnostics et devis, et aide à monter les "
            "dossiers de financement."
        ),
        host="Ville de Saint-Étienne",
        thematics=("transition-ecologique", "enfance-education"),
        sponsors=("dinum", "ademe", "bdt"),
        partners=(*_communes("42218", "42279", "69123"), ("departement", "42")),
        path=((INV, 63), (BUILD, 355)),
        current=ACCEL,
        since=40,
        last_session=1,
        burn=52_000,
        coach=True,
        licence="AGPL-3.0-or-later",
        user_types="Services bâtiments, élu·es, directions d'école",
    ),
    DemoProject(
        slug="conseil-facile",
        name="Conseil facile",
        kind=ProjectKind.STARTUP_TERRITOIRE,
        mission=(
            "Préparer le conseil municipal sans papier : convocations, ordre du jour, "
            "délibérations et registre signés en ligne."
        ),
        description=(
            "Transféré à un syndicat mixte de services numériques qui le propose à ses "
            "communes adhérentes."
        ),
        host="Mairie d'Île-de-Bréhat",
        thematics=("etat-civil-citoyennete", "services-municipaux"),
        sponsors=("anct", "d35"),
        partners=(*_communes("35288", "35238", "22016"), ("region", "53")),
        path=((INV, 56), (BUILD, 365), (ACCEL, 370), (CONSOL, 180)),
        current=P.TRANSFERRED,
        since=800,
        burn=38_000,
        phase_comment="Transféré à un syndicat mixte de services numériques.",
        service_url="https://conseil-facile.example.org",
        licence="AGPL-3.0-or-later",
        user_types="Secrétaires de mairie, élu·es",
    ),
    DemoProject(
        slug="guichet-solidaire",
        name="Guichet solidaire",
        kind=ProjectKind.STARTUP_TERRITOIRE,
        mission=(
            "Un dossier unique de la personne accompagnée, partagé entre le CCAS, le "
            "département et les associations, pour ne plus raconter dix fois sa situation."
        ),
        description=(
            "Les travailleurs sociaux ressaisissent les mêmes informations dans plusieurs "
            "outils. Guichet solidaire partage, avec l'accord de la personne, ce qui est "
            "utile à chacun."
        ),
        host="CCAS de Rodez",
        thematics=("solidarites",),
        sponsors=("cnaf", "d12"),
        partners=(*_communes("12202", "12033", "12286"), ("departement", "12")),
        path=((INV, 56), (BUILD, 360), (ACCEL, 365)),
        current=CONSOL,
        since=30,
        last_session=0,
        burn=40_000,
        owner=True,
        user_types="Travailleurs sociaux, personnes accompagnées",
    ),
    DemoProject(
        slug="dossier-travaux",
        name="Dossier travaux",
        kind=ProjectKind.STARTUP_ETAT,
        mission=(
            "Accompagner les habitant·es dans leur déclaration préalable de travaux, et les "
            "mairies dans son instruction."
        ),
        description=(
            "Un dossier sur deux arrive incomplet. Dossier travaux pose les bonnes questions "
            "selon le projet et la parcelle, et transmet à la mairie un dossier complet.\n\n"
            "Le budget est dépassé : le prochain comité doit décider de la suite."
        ),
        host="Ville de Pau",
        thematics=("urbanisme-logement",),
        sponsors=("dinum", "anct"),
        partners=_communes("64445", "40192", "32013", "65440"),
        path=((INV, 56), (BUILD, 380)),
        current=ACCEL,
        since=200,
        last_session=3,
        runway_days=-20,
        burn=50_000,
        late_attestations=True,
        service_url="https://dossier-travaux.example.org",
        licence="MIT",
    ),
    DemoProject(
        slug="achats-de-proximite",
        name="Achats de proximité",
        kind=ProjectKind.FUNDED,
        mission=(
            "Aider les petites collectivités à trouver des entreprises locales pour leurs "
            "marchés publics, et les entreprises à y répondre."
        ),
        description=(
            "Sourcing des entreprises du territoire, modèles de cahiers des charges allégés, "
            "calendrier des consultations à venir."
        ),
        host="Ville de Périgueux",
        thematics=("finances-locales",),
        sponsors=("bdt", "r75"),
        partners=_communes("24322", "47001", "24152"),
        path=((INV, 49),),
        current=BUILD,
        since=150,
        last_session=1,
        burn=32_000,
        pivot=True,
        user_types="Acheteurs publics, entreprises locales",
    ),
    DemoProject(
        slug="encombrants-sur-rendez-vous",
        name="Encombrants sur rendez-vous",
        kind=ProjectKind.STARTUP_TERRITOIRE,
        mission=(
            "Prendre rendez-vous pour la collecte des encombrants et des déchets verts, et "
            "organiser les tournées des agents."
        ),
        description=(
            "Parti d'un service de signalement des dépôts sauvages, le projet a pivoté vers "
            "la prise de rendez-vous, qui fait baisser ces dépôts à la source."
        ),
        host="Métropole Rouen Normandie",
        thematics=("transition-ecologique", "espace-public"),
        sponsors=("ademe",),
        partners=_communes("76540", "76575", "27229", "14118"),
        path=((INV, 56), (BUILD, 345)),
        current=ACCEL,
        since=100,
        last_session=3,
        burn=43_000,
        pivot=True,
        licence="AGPL-3.0-or-later",
    ),
    DemoProject(
        slug="creneaux-sportifs",
        name="Créneaux sportifs",
        kind=ProjectKind.INVESTIGATION,
        mission=(
            "Comprendre comment se répartissent les créneaux des gymnases et des terrains "
            "entre clubs, écoles et associations."
        ),
        description="Investigation lancée avec trois villes de la région.",
        host="Ville de Poitiers",
        thematics=("vie-associative-sport",),
        sponsors=("anct",),
        partners=_communes("86194", "79191", "17300"),
        current=INV,
        since=15,
        runway_days=80,
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
        partners=(*_communes("29019", "56260"), ("departement", "29")),
        path=((INV, 56), (BUILD, 365), (ACCEL, 365), (CONSOL, 180)),
        current=P.OPERATED,
        since=1100,
        burn=30_000,
        phase_comment="Opéré par les archives départementales partenaires.",
        service_url="https://registres-anciens.example.org",
        licence="AGPL-3.0-or-later",
        user_types="Bénévoles, généalogistes, archivistes",
    ),
    DemoProject(
        slug="vigie-crues",
        name="Vigie crues",
        kind=ProjectKind.STARTUP_ETAT,
        mission=(
            "Tenir à jour le plan communal de sauvegarde et alerter les habitant·es en cas "
            "de crue, rue par rue."
        ),
        description=(
            "Le plan communal de sauvegarde dort souvent dans un classeur. Vigie crues le "
            "rend vivant : annuaire de crise, moyens disponibles, zones inondables et "
            "messages d'alerte préparés."
        ),
        host="Ville de Privas",
        thematics=("prevention-risques",),
        sponsors=("mte", "dinum"),
        partners=_communes("07186", "26362", "26011", "07058"),
        path=((INV, 56), (BUILD, 365), (ACCEL, 360)),
        current=CONSOL,
        since=160,
        last_session=4,
        burn=45_000,
        licence="EUPL-1.2",
        user_types="Maires, services de sécurité civile, habitant·es",
    ),
    DemoProject(
        slug="toits-solaires",
        name="Toits solaires communaux",
        kind=ProjectKind.FUNDED,
        mission=(
            "Évaluer le potentiel solaire des toitures communales et monter les projets "
            "d'autoconsommation collective avec les habitant·es."
        ),
        description=(
            "Cadastre solaire des bâtiments publics, simulation de rentabilité, modèles de "
            "conventions pour les projets citoyens. Inscrit au prochain comité."
        ),
        host="Ville d'Aurillac",
        thematics=("transition-ecologique",),
        sponsors=("ademe", "r84"),
        partners=_communes("15014", "43157", "03190", "63113"),
        path=((INV, 56),),
        current=BUILD,
        since=330,
        last_session=6,
        burn=35_000,
        upcoming=True,
        user_types="Services techniques, élu·es, habitant·es",
    ),
)
