"""The demo projects, in the order the loader creates them (committees are shared between
projects by date and kind, so the order matters)."""

from ..vocabulary import ProjectKind
from .data import ACCEL, BUILD, CONSOL, INV, DemoProject, P, communes

PROJECTS = (
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
        path=((INV, 49),),
        current=BUILD,
        since=200,
        last_session=5,
        burn=38_000,
        owner=True,
        licence="EUPL-1.2",
        user_types="Associations, agents d'accueil, habitant·es",
    ),
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
        slug="navette-rurale",
        name="Navette rurale",
        kind=ProjectKind.FUNDED,
        mission=(
            "Un transport à la demande pour les communes rurales : réservation par téléphone "
            "ou en ligne, tournées regroupées, suivi de la fréquentation."
        ),
        description=(
            "Les personnes âgées et les jeunes sans permis des communes rurales dépendent "
            "d'un service de transport à la demande souvent géré sur papier. Navette rurale "
            "outille les régies et les transporteurs."
        ),
        host="Communauté d'agglomération du Grand Guéret",
        thematics=("mobilites", "solidarites"),
        sponsors=("bdt", "r75"),
        partners=communes("23096", "23245", "23045", "24152"),
        path=((INV, 56), (BUILD, 340)),
        current=ACCEL,
        since=130,
        last_session=4,
        burn=39_000,
        user_types="Habitant·es sans voiture, régies de transport",
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
        slug="budget-lisible",
        name="Budget lisible",
        kind=ProjectKind.FUNDED,
        mission=(
            "Publier les budgets et comptes administratifs des collectivités en données "
            "ouvertes, avec des visualisations que les habitant·es comprennent."
        ),
        description=(
            "Les documents budgétaires sont publiés en PDF de plusieurs centaines de pages. "
            "Budget lisible les transforme en jeux de données ouverts et en pages "
            "explicatives : d'où vient l'argent, où il va, ce qui change d'une année à l'autre."
        ),
        host="Ville de Dijon",
        thematics=("finances-locales", "donnees-ouvertes"),
        sponsors=("dgcl", "bdt"),
        partners=communes("21231", "25056", "71270"),
        path=((INV, 56), (BUILD, 360), (ACCEL, 365)),
        current=CONSOL,
        since=150,
        last_session=5,
        burn=35_000,
        licence="AGPL-3.0-or-later",
        user_types="Habitant·es, élu·es, services financiers",
    ),
    DemoProject(
        slug="permis-de-louer",
        name="Permis de louer",
        kind=ProjectKind.INVESTIGATION,
        mission=(
            "Comprendre comment les communes instruisent les autorisations préalables de mise "
            "en location dans les quartiers d'habitat dégradé, et ce qu'un service en ligne "
            "pourrait changer."
        ),
        description=(
            "Investigation menée avec trois villes moyennes : entretiens avec les services "
            "habitat, les propriétaires bailleurs et les locataires, observation des visites."
        ),
        host="Ville d'Arras",
        thematics=("urbanisme-logement",),
        sponsors=("anct",),
        partners=communes("62041", "02691", "80021"),
        current=INV,
        since=30,
        runway_days=45,
    ),
    DemoProject(
        slug="registre-des-actes",
        name="Registre des actes",
        kind=ProjectKind.INVESTIGATION,
        mission=(
            "Explorer comment les petites communes publient leurs arrêtés et délibérations "
            "sous forme électronique, comme la loi l'exige désormais."
        ),
        description=(
            "Depuis la réforme de la publicité des actes, les communes doivent publier leurs "
            "actes en ligne. Beaucoup n'ont pas de site adapté. L'investigation mesure le "
            "besoin et recense les solutions existantes avant le go/no-go."
        ),
        host="Ville de Mende",
        thematics=("etat-civil-citoyennete", "services-municipaux"),
        sponsors=("dgcl",),
        partners=communes("48095", "46042", "09122"),
        current=INV,
        since=50,
        runway_days=30,
        upcoming=True,
    ),
    DemoProject(
        slug="etals-du-coin",
        name="Étals du coin",
        kind=ProjectKind.INVESTIGATION,
        mission=(
            "Simplifier le placement des commerçant·es sur les marchés de plein vent et la "
            "perception des droits de place."
        ),
        description=(
            "Investigation non concluante : les placiers disposent déjà d'outils simples qui "
            "leur conviennent, et le besoin restant ne justifiait pas une startup."
        ),
        host="Ville d'Auch",
        thematics=("services-municipaux", "alimentation"),
        sponsors=("anct",),
        partners=communes("32013", "47001"),
        path=((INV, 56),),
        current=P.INVESTIGATION_ABANDONED,
        since=300,
        phase_comment="Go/no-go : les outils existants des placiers suffisent.",
    ),
    DemoProject(
        slug="pret-de-materiel",
        name="Prêt de matériel entre communes",
        kind=ProjectKind.INVESTIGATION,
        mission=(
            "Permettre aux communes voisines de se prêter tables, barnums, podiums et "
            "matériel technique."
        ),
        description=(
            "L'investigation a montré que les prêts se font déjà de gré à gré entre "
            "secrétaires de mairie et que le frein est l'assurance, pas l'outil."
        ),
        host="Communauté de communes du Pays d'Urfé",
        thematics=("services-municipaux",),
        sponsors=("d42",),
        partners=(("epci", "244200820"), ("commune", "42339")),
        path=((INV, 60),),
        current=P.INVESTIGATION_ABANDONED,
        since=700,
        phase_comment="Go/no-go : le frein est juridique (assurance), pas numérique.",
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
        partners=communes("34172", "30189", "66136", "11069"),
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
        partners=communes("24322", "47001", "24152"),
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
        partners=communes("86194", "79191", "17300"),
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
        partners=communes("15014", "43157", "03190", "63113"),
        path=((INV, 56),),
        current=BUILD,
        since=330,
        last_session=6,
        burn=35_000,
        upcoming=True,
        user_types="Services techniques, élu·es, habitant·es",
    ),
)
