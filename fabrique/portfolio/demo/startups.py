"""The demo startups, « startup de territoire » and « startup d'État »."""

from ..vocabulary import ProjectKind
from .data import ACCEL, BUILD, CONSOL, INV, DemoProject, P, communes

STARTUPS = (
    DemoProject(
        slug="actes-en-ligne",
        name="Actes en ligne",
        kind=ProjectKind.STARTUP_TERRITOIRE,
        mission=(
            "Permettre aux habitant·es de demander un acte d'état civil en ligne, et aux "
            "secrétaires de mairie de le délivrer en quelques clics, même dans une commune de "
            "500 habitant·es."
        ),
        description=(
            "Dans les petites communes, la secrétaire de mairie traite les demandes d'actes "
            "par courrier, par téléphone et au guichet, souvent à temps partiel.\n\n"
            "**Actes en ligne** regroupe ces demandes dans une seule file, pré-remplit l'acte "
            "à partir du registre numérisé et prévient le demandeur quand il est prêt.\n\n"
            "- 40 communes utilisatrices dans la Loire\n- délai moyen de délivrance : 2 jours"
        ),
        host="Mairie de Saint-Just-en-Chevalet",
        thematics=("etat-civil-citoyennete", "services-municipaux"),
        sponsors=("anct", "d42"),
        partners=(
            *communes("42248", "42282", "42255", "42276"),
            ("epci", "244200820"),
        ),
        path=((INV, 56), (BUILD, 360)),
        current=ACCEL,
        since=150,
        last_session=2,
        burn=46_000,
        coach=True,
        service_url="https://actes-en-ligne.example.org",
        licence="AGPL-3.0-or-later",
        user_types="Secrétaires de mairie, habitant·es",
    ),
    DemoProject(
        slug="salles-ouvertes",
        name="Salles ouvertes",
        kind=ProjectKind.STARTUP_TERRITOIRE,
        mission=(
            "Réserver une salle communale, un gymnase ou du matériel municipal en ligne, avec "
            "un calendrier à jour que les associations et les agents partagent."
        ),
        description=(
            "Les demandes de prêt de salles arrivent par mail, au guichet ou par un cahier "
            "posé à l'accueil. Les doubles réservations sont fréquentes.\n\n"
            "Salles ouvertes publie les disponibilités, prend les demandes, applique le "
            "règlement d'utilisation voté par le conseil et édite les conventions."
        ),
        host="Mairie de Saint-Malo",
        thematics=("services-municipaux", "vie-associative-sport"),
        sponsors=("bdt", "r53"),
        partners=communes("35288", "22016", "56260"),
        # Built straight from Saint-Malo's need, without an investigation: none is recorded,
        # so the portfolio shows no investigation phase either.
        current=BUILD,
        since=200,
        last_session=5,
        burn=38_000,
        owner=True,
        licence="EUPL-1.2",
        user_types="Associations, agents d'accueil, habitant·es",
    ),
    DemoProject(
        slug="signal-voirie",
        name="Signal voirie",
        kind=ProjectKind.STARTUP_TERRITOIRE,
        mission=(
            "Signaler un nid-de-poule, un lampadaire éteint ou un dépôt sauvage en trente "
            "secondes, et suivre son traitement par les services techniques."
        ),
        description=(
            "Les signalements arrivaient par tous les canaux et se perdaient entre l'accueil "
            "et les ateliers. Signal voirie les géolocalise, les affecte à la bonne équipe et "
            "informe l'habitant·e de la suite donnée."
        ),
        host="Saint-Étienne Métropole",
        thematics=("espace-public", "services-municipaux"),
        sponsors=("anct", "d42"),
        partners=(*communes("42218", "42005", "42095"), ("epci", "244200770")),
        path=((INV, 63), (BUILD, 350)),
        current=ACCEL,
        since=300,
        last_session=7,
        burn=44_000,
        late_attestations=True,
        service_url="https://signal-voirie.example.org",
        licence="MIT",
    ),
    DemoProject(
        slug="menu-local",
        name="Menu local",
        kind=ProjectKind.STARTUP_ETAT,
        mission=(
            "Aider les cantines scolaires à composer des menus avec des produits locaux et "
            "durables, et à suivre leurs achats au regard de la loi EGalim."
        ),
        description=(
            "Les gestionnaires de restauration scolaire doivent rendre compte de la part de "
            "produits durables et bio. Menu local relie les menus, les commandes et les "
            "fournisseurs du territoire, et produit le bilan annuel."
        ),
        host="Mairie de Saint-Malo-de-Guersac",
        thematics=("alimentation", "enfance-education"),
        sponsors=("masa", "dinum"),
        partners=communes("44176", "49007", "53130"),
        path=((INV, 45),),
        current=BUILD,
        since=250,
        last_session=2,
        runway_days=55,
        burn=41_000,
        coach=True,
        licence="EUPL-1.2",
        user_types="Gestionnaires de cantine, cuisinier·es, familles",
    ),
    DemoProject(
        slug="trajets-d-ecole",
        name="Trajets d'école",
        kind=ProjectKind.STARTUP_TERRITOIRE,
        mission=(
            "Organiser le covoiturage et le pédibus entre familles pour les trajets "
            "domicile-école en zone périurbaine."
        ),
        description=(
            "Arrêté après deux rentrées scolaires. Le code et la documentation restent "
            "disponibles ; le post-mortem explique ce qui a été appris."
        ),
        host="Mairie d'Andrézieux-Bouthéon",
        thematics=("mobilites", "enfance-education"),
        sponsors=("ademe", "d42"),
        partners=communes("42005", "42279", "42095"),
        path=((INV, 56), (BUILD, 420)),
        current=P.ABANDONED,
        since=150,
        burn=33_000,
        postmortem=(
            "Les familles étaient prêtes à partager des trajets, mais les écoles ne pouvaient "
            "pas porter la mise en relation. Le pédibus fonctionne mieux animé par les "
            "associations de parents, sans outil dédié.",
            "Moins de 40 familles actives après deux rentrées sur les trois communes pilotes, "
            "et aucune collectivité prête à reprendre le service : le comité a décidé l'arrêt.",
        ),
        licence="MIT",
    ),
    DemoProject(
        slug="guichet-des-associations",
        name="Guichet des associations",
        kind=ProjectKind.STARTUP_TERRITOIRE,
        mission=(
            "Déposer et suivre en ligne les demandes de subvention des associations auprès "
            "de leur commune."
        ),
        description="Historique repris d'un ancien tableau de suivi.",
        host="Ville de Marseille",
        thematics=("vie-associative-sport",),
        sponsors=("anct",),
        partners=communes("13055"),
        path=((INV, 60), (BUILD, 400)),
        current=P.ABANDONED,
        since=1000,
        imported=True,
    ),
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
        partners=communes("2A004", "97611", "97608"),
        path=((INV, 49),),
        current=BUILD,
        since=60,
        last_session=2,
        burn=37_000,
        user_types="Familles, agents des services enfance",
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
        partners=(*communes("42218", "42279", "69123"), ("departement", "42")),
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
        partners=(*communes("35288", "35238", "22016"), ("region", "53")),
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
        partners=(*communes("12202", "12033", "12286"), ("departement", "12")),
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
        partners=communes("64445", "40192", "32013", "65440"),
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
        partners=communes("76540", "76575", "27229", "14118"),
        path=((INV, 56), (BUILD, 345)),
        current=ACCEL,
        since=100,
        last_session=3,
        burn=43_000,
        pivot=True,
        licence="AGPL-3.0-or-later",
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
        partners=communes("07186", "26362", "26011", "07058"),
        path=((INV, 56), (BUILD, 365), (ACCEL, 360)),
        current=CONSOL,
        since=160,
        last_session=4,
        burn=45_000,
        licence="EUPL-1.2",
        user_types="Maires, services de sécurité civile, habitant·es",
    ),
)
