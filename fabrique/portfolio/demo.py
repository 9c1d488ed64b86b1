"""The demo portfolio loaded by `load_demo`: 28 invented projects of an incubator for collectivités.

Everything is written through the services where one exists (they validate), dates are relative
to `today` so that the dashboard always has something to show (committees due soon or overdue,
budgets running out, a post-mortem to write, services faits to attest), and the content is
deterministic: each project draws from its own `random.Random` seeded with its slug.

Idempotent and never destructive: a project whose slug already exists is left exactly as it is
(nothing of it is updated or deleted), organisations and thematics are looked up before being
created, and committees are shared between projects by (date, kind, title).
"""

import contextlib
import math
import random
from dataclasses import dataclass, field
from datetime import date, timedelta
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Q
from django.utils import timezone

from fabrique.accounts.models import User

from . import services
from .models import (
    Committee,
    Decision,
    Expense,
    FundingLine,
    MaturityReview,
    Organisation,
    Phase,
    Project,
    ProjectPartner,
    ServiceFait,
    TeamMember,
    Thematic,
)
from .vocabulary import (
    TERMINAL_PHASES,
    CommitteeKind,
    MaturityAxis,
    Outcome,
    PhaseName,
    ProjectKind,
    TeamRole,
)

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


def _communes(*codes):
    return tuple(("commune", code) for code in codes)


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
            *_communes("42248", "42282", "42255", "42276"),
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
        partners=_communes("35288", "22016", "56260"),
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
        partners=_communes("12033", "12157", "12202", "42248"),
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
        partners=_communes("69123", "38185", "26114", "42218"),
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
        partners=(*_communes("42218", "42005", "42095"), ("epci", "244200770")),
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
        partners=_communes("44176", "49007", "53130"),
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
        partners=_communes("23096", "23245", "23045", "24152"),
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
        partners=_communes("42047", "42061", "42076", "07058", "07101"),
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
        partners=_communes("21231", "25056", "71270"),
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
        partners=_communes("62041", "02691", "80021"),
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
        partners=_communes("48095", "46042", "09122"),
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
        partners=_communes("32013", "47001"),
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
        partners=_communes("42005", "42279", "42095"),
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
        partners=_communes("13055"),
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
SLUGS = tuple(spec.slug for spec in PROJECTS)
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


# --- Dates --------------------------------------------------------------------------------


def long_date(day: date) -> str:
    return f"{'1er' if day.day == 1 else day.day} {MONTHS[day.month - 1]} {day.year}"


def month_start(day: date, months_back: int = 0) -> date:
    index = day.year * 12 + day.month - 1 - months_back
    return date(index // 12, index % 12 + 1, 1)


class Calendar:
    """Committee sessions: about every 30 days, on a Thursday, counted back from today.

    Session 0 is 7 to 13 days ago, session k about 30·k days before it; session -1 is the
    next one, 17 to 23 days ahead.
    """

    def __init__(self, today: date):
        self.today = today

    def session(self, index: int) -> date:
        day = self.today - timedelta(days=7 + 30 * index)
        return day - timedelta(days=(day.weekday() - 3) % 7)

    def nearest_session(self, day: date) -> date:
        index = round(((self.today - day).days - 10) / 30)
        sessions = [self.session(k) for k in (index - 1, index, index + 1) if k >= 0]
        return min(sessions, key=lambda session: abs((session - day).days))


@dataclass
class Event:
    """A committee where the project is on the agenda (and, unless upcoming, decided on)."""

    day: date
    kind: str
    outcome: str | None
    weight: float  # share of the project's funding granted at this committee
    amount: Decimal = Decimal(0)


@dataclass
class Timeline:
    phases: list[tuple[str, date, date | None]]
    events: list[Event] = field(default_factory=list)

    @property
    def start(self) -> date:
        return self.phases[0][1]

    @property
    def closed_on(self) -> date | None:
        name, start, _ = self.phases[-1]
        return start if name in TERMINAL_PHASES else None

    def phase_on(self, day: date) -> str:
        for name, start, end in self.phases:
            if start <= day and (end is None or day < end):
                return name
        return self.phases[0][0]

    def start_of(self, name: str) -> date | None:
        return next((start for phase, start, _ in self.phases if phase == name), None)


def _transition(before: str, after: str) -> tuple[str, str, float]:
    """(committee kind, outcome, funding weight) of the committee that moves a project on."""
    if before == INV:
        if after == P.INVESTIGATION_ABANDONED:
            return CommitteeKind.GO_NO_GO, Outcome.STOP, 0
        return CommitteeKind.GO_NO_GO, Outcome.CONTINUE, 1.0
    if after == ACCEL:
        return CommitteeKind.INVESTMENT, Outcome.ACCELERATE, 1.5
    if after == CONSOL:
        return CommitteeKind.INVESTMENT, Outcome.CONTINUE, 0.8
    if after in (P.TRANSFERRED, P.OPERATED):
        return CommitteeKind.PERENNISATION, Outcome.CONTINUE, 0
    return CommitteeKind.INVESTMENT, Outcome.STOP, 0


def build_timeline(spec: DemoProject, calendar: Calendar) -> Timeline:
    today = calendar.today
    names = [name for name, _ in spec.path] + [spec.current]
    starts = [today - timedelta(days=spec.since)]
    if spec.path:
        # A phase starts on the Monday after the committee that decided it.
        starts = [calendar.nearest_session(starts[0]) + timedelta(days=4)]
        for _name, days in reversed(spec.path[1:]):
            target = starts[0] - timedelta(days=days)
            starts.insert(0, calendar.nearest_session(target) + timedelta(days=4))
        starts.insert(0, starts[0] - timedelta(days=spec.path[0][1]))
    ends = [*starts[1:], None]
    timeline = Timeline(list(zip(names, starts, ends, strict=True)))
    if spec.imported:
        return timeline

    events = timeline.events
    for (before, _, _), (after, start, _) in zip(
        timeline.phases, timeline.phases[1:], strict=False
    ):
        kind, outcome, weight = _transition(before, after)
        events.append(Event(start - timedelta(days=4), kind, outcome, weight))

    def add_periodic(start: date, limit: date) -> None:
        day = start + timedelta(days=182)
        while day < limit - timedelta(days=60):
            session = calendar.nearest_session(day)
            if all(abs((session - event.day).days) > 45 for event in events):
                outcome = Outcome.CONTINUE
                if spec.pivot and not any(event.outcome == Outcome.PIVOT for event in events):
                    outcome = Outcome.PIVOT
                events.append(Event(session, CommitteeKind.INVESTMENT, outcome, 1.0))
            day += timedelta(days=182)

    for name, start, end in timeline.phases:
        if name not in (BUILD, ACCEL, CONSOL):
            continue
        if end is not None:
            add_periodic(start, end)
            continue
        last = calendar.session(spec.last_session or 0)
        add_periodic(start, last)
        if last > start + timedelta(days=20) and all(event.day != last for event in events):
            outcome = Outcome.CONTINUE
            if spec.pivot and not any(event.outcome == Outcome.PIVOT for event in events):
                outcome = Outcome.PIVOT
            events.append(Event(last, CommitteeKind.INVESTMENT, outcome, 1.0))
    if spec.upcoming:
        kind = CommitteeKind.GO_NO_GO if spec.current == INV else CommitteeKind.INVESTMENT
        events.append(Event(calendar.session(-1), kind, None, 0))
    events.sort(key=lambda event: event.day)
    return timeline


# --- Money --------------------------------------------------------------------------------

BURN_FACTOR = {INV: 0.35, BUILD: 1.0, ACCEL: 1.3, CONSOL: 0.7}
LAUNCH_WEIGHT = 0.6  # the launch line, against 1 for a committee decision
MONTHLY_DETAIL = 12  # months of detailed spending; older spending is recorded by quarter


def _money(value: float) -> Decimal:
    return Decimal(str(round(value, 2)))


def build_expenses(spec, timeline, today, rng) -> list[tuple[date, Decimal, str]]:
    """Spending until today or the closing phase: the team every month (by quarter beyond the
    last twelve months, as an older ledger would have it) and hosting every quarter."""
    if spec.imported:
        return []
    stop = timeline.closed_on or today + timedelta(days=1)
    expenses, quarter, index = [], [], 0

    def close_quarter():
        if quarter:
            last_day = quarter[0][0]
            total = sum((amount for _, amount in quarter), Decimal(0))
            label = f"{MONTHS[last_day.month - 1]} {last_day.year}"
            if len(quarter) > 1:
                label = f"{len(quarter)} mois jusqu'à {label}"
            expenses.append((last_day, total, f"Prestations de l'équipe — {label}"))
            quarter.clear()

    while (day := today - timedelta(days=4 + 30 * index)) >= timeline.start:
        if day < stop:
            phase = timeline.phase_on(day)
            amount = _money(spec.burn * BURN_FACTOR.get(phase, 1.0) * rng.uniform(0.92, 1.08))
            month = f"{MONTHS[day.month - 1]} {day.year}"
            if index >= MONTHLY_DETAIL:
                quarter.append((day, amount))
                if len(quarter) == 3:
                    close_quarter()
            else:
                expenses.append((day, amount, f"Prestations de l'équipe — {month}"))
                if phase != INV and index % 3 == 1:
                    hosting = _money(rng.uniform(900, 2400))
                    expenses.append((day, hosting, f"Hébergement et outils — {month}"))
        index += 1
    close_quarter()
    return expenses


def plan_funding(spec, timeline, expenses, today, rng) -> Decimal:
    """Spread what the project is granted over its launch line and its committee decisions.

    Active projects are granted what they spent plus `runway_days` of their current burn
    rate (90 days, as the dashboard computes it); closed ones a little more than they spent.
    Returns the amount of the launch funding line.
    """
    spent = sum((amount for _, amount, _ in expenses), Decimal(0))
    recent = sum(
        (amount for day, amount, _ in expenses if today - timedelta(days=90) < day <= today),
        Decimal(0),
    )
    if timeline.closed_on:
        total = spent + rng.choice((0, 2_000, 4_500, 8_000))
    else:
        runway = spec.runway_days if spec.runway_days is not None else rng.randint(240, 420)
        total = spent + recent * runway / 90
    if spec.imported:
        return IMPORTED_FUNDING
    granting = [event for event in timeline.events if event.weight and event.outcome]
    weights = LAUNCH_WEIGHT + sum(event.weight for event in granting)
    for event in granting:
        event.amount = Decimal(round(total * Decimal(event.weight / weights) / 1_000) * 1_000)
    # The launch line takes what rounding left, up to the next thousand euros.
    rest = total - sum((event.amount for event in granting), Decimal(0))
    return Decimal(max(1, math.ceil(rest / 1_000)) * 1_000)


# --- Loading ------------------------------------------------------------------------------


@dataclass
class Context:
    today: date
    calendar: Calendar
    users: dict[str, User | None]
    organisations: dict[str, Organisation]
    thematics: dict[str, Thematic]


def _organisation(name: str, acronym: str) -> Organisation:
    organisation = Organisation.objects.filter(name=name).first()
    return organisation or Organisation.objects.create(name=name, acronym=acronym)


def _thematic(slug: str, name: str) -> Thematic:
    thematic = Thematic.objects.filter(Q(slug=slug) | Q(name=name)).first()
    return thematic or Thematic.objects.create(slug=slug, name=name)


def _committee_for(event: Event, project: Project) -> Committee:
    """The shared committee of that day and kind, with the project added to its agenda."""
    label = CommitteeKind(event.kind).label
    title = f"{label} du {long_date(event.day)}"
    committee = Committee.objects.filter(date=event.day, kind=event.kind, title=title).first()
    if committee is None:
        past = event.outcome is not None
        return services.committee_save(
            Committee(
                date=event.day,
                kind=event.kind,
                title=title,
                attendees=ATTENDEES if past else "",
                minutes=(
                    "Revue des projets inscrits à l'ordre du jour : indicateurs d'usage, "
                    "budget consommé, recrutements.\n\nLes décisions par projet sont "
                    "consignées ci-dessous."
                    if past
                    else "Ordre du jour en préparation."
                ),
            ),
            projects=[project],
        )
    agenda = list(committee.projects.all())
    if project not in agenda:
        committee = services.committee_save(committee, projects=[*agenda, project])
    return committee


def _funding_source(spec: DemoProject, context: Context, day: date, index: int) -> str:
    if day.year <= 2022:
        return "France Relance"
    organisation = context.organisations[spec.sponsors[index % len(spec.sponsors)]]
    return organisation.name


def _person(rng: random.Random) -> str:
    return f"{rng.choice(FIRST_NAMES)} {rng.choice(LAST_NAMES)}"


def _team(spec, timeline, context, rng) -> list[TeamMember]:
    """Intrapreneur and coach from the start, then makers as the project grows."""
    closed = timeline.closed_on
    coach_user = context.users.get(COACH_EMAIL) if spec.coach else None
    owner_user = context.users.get(OWNER_EMAIL) if spec.owner else None
    members = [
        TeamMember(
            full_name=owner_user.get_full_name() if owner_user else _person(rng),
            user=owner_user,
            role=TeamRole.INTRAPRENEUR,
            start=timeline.start,
            end=closed,
            company=spec.host,
        ),
        TeamMember(
            full_name=coach_user.get_full_name() if coach_user else _person(rng),
            user=coach_user,
            role=TeamRole.COACH,
            start=timeline.start,
            end=closed,
            is_freelance=True,
        ),
    ]
    if spec.current == INV and not spec.path:
        members.append(
            TeamMember(role=TeamRole.DESIGNER, start=timeline.start, end=closed, is_freelance=True)
        )
    build, accel = timeline.start_of(BUILD), timeline.start_of(ACCEL)
    if build:
        members.append(TeamMember(role=TeamRole.DEVELOPER, start=build, end=closed))
        members.append(TeamMember(role=TeamRole.DESIGNER, start=build, end=accel or closed))
        members.append(TeamMember(role=TeamRole.PRODUCT_MANAGER, start=build, end=closed))
    if accel:
        members.append(TeamMember(role=TeamRole.DEVELOPER, start=accel, end=closed))
        members.append(TeamMember(role=TeamRole.DEPLOYMENT, start=accel, end=closed))
    for member in members:
        if member.role not in (TeamRole.INTRAPRENEUR, TeamRole.COACH):
            member.is_freelance = member.role != TeamRole.PRODUCT_MANAGER or rng.random() < 0.5
        if not member.full_name:
            member.full_name = _person(rng)
        if member.is_freelance and not member.company:
            member.company = f"EI {member.full_name}"
        if not member.company:
            member.company = INCUBATOR
    return members


def _attestations(spec, members, context) -> None:
    """Monthly services faits of the freelancers still on an active project: the last months
    attested, last month pending on some projects (late) and this month pending (due)."""
    today = context.today
    by = context.users.get(MANAGER_EMAIL)
    for member in members:
        if not member.is_freelance or member.end is not None:
            continue
        for months_back in (2, 1, 0):
            first = month_start(today, months_back)
            last = month_start(today, months_back - 1) - timedelta(days=1)
            if last < member.start:
                continue
            period = services.service_fait_add(
                member, period_start=max(first, member.start), period_end=last
            )
            if months_back == 2 or (months_back == 1 and not spec.late_attestations):
                services.service_fait_attest(period, by=by)


def _reviews(project, spec, timeline, context, rng) -> None:
    """A maturity review every six months from three months into construction."""
    build = timeline.start_of(BUILD)
    if not build or spec.imported:
        return
    stop = min(timeline.closed_on or context.today, context.today - timedelta(days=10))
    base = {axis: rng.uniform(0, 1) for axis in MaturityAxis.values}
    slope = {axis: rng.uniform(0.7, 1.5) for axis in MaturityAxis.values}
    reviewer = context.users.get(COACH_EMAIL if spec.coach else MANAGER_EMAIL)
    day = build + timedelta(days=90)
    while day <= stop:
        years = (day - build).days / 365
        scores = {
            axis: max(0, min(3, round(base[axis] + slope[axis] * years + rng.uniform(-0.4, 0.4))))
            for axis in MaturityAxis.values
        }
        comment = rng.choice(REVIEW_COMMENTS)
        services.maturity_review_add(
            MaturityReview(project=project, date=day, comment=comment, reviewer=reviewer, **scores)
        )
        day += timedelta(days=182)


def _phases(project, spec, timeline) -> None:
    if spec.imported:
        for name, start, end in timeline.phases:
            Phase.objects.create(project=project, name=name, start=start, end=end)
        return
    for name, start, _ in timeline.phases:
        is_last = name == spec.current
        services.phase_save(
            project,
            name=name,
            start=start,
            comment=spec.phase_comment if is_last else "",
            postmortem_learnings=spec.postmortem[0] if name == P.ABANDONED else "",
            postmortem_reasons=spec.postmortem[1] if name == P.ABANDONED else "",
        )


@transaction.atomic
def create_project(spec: DemoProject, context: Context) -> Project:
    rng = random.Random(f"{SEED}-{spec.slug}")
    timeline = build_timeline(spec, context.calendar)
    expenses = build_expenses(spec, timeline, context.today, rng)
    launch = plan_funding(spec, timeline, expenses, context.today, rng)

    project = services.project_save(
        Project(
            name=spec.name,
            slug=spec.slug,
            kind=spec.kind,
            mission=spec.mission,
            description=spec.description,
            manager=context.users.get(ADMIN_EMAIL if spec.slug in ADMIN_MANAGED else MANAGER_EMAIL),
            incubator=INCUBATOR,
            user_types=spec.user_types,
            contact=f"contact@{spec.slug}.example.org",
            service_url=spec.service_url,
            repository_url=(
                f"https://forge.example.org/fabrique/{spec.slug}" if spec.licence else ""
            ),
            licence=spec.licence,
            review_notes=(
                "Post-mortem à rédiger : abandon repris d'un ancien tableau de suivi, sans "
                "post-mortem ni décision de comité."
                if spec.imported
                else ""
            ),
        ),
        thematics=[context.thematics[slug] for slug in spec.thematics],
        sponsors=[context.organisations[key] for key in spec.sponsors],
    )
    _phases(project, spec, timeline)
    for kind, code in spec.partners:
        # Without the reference (or with a small test one), partners that do not exist are left
        # out.
        with contextlib.suppress(ValidationError):
            services.partner_add(project, kind=kind, code=code)

    sponsor = context.organisations[spec.sponsors[0]]
    services.funding_add(
        FundingLine(
            project=project,
            source=(
                "Reprise de l'ancien suivi (montant global)"
                if spec.imported
                else f"{sponsor.name} — convention de lancement"
            ),
            amount=launch,
            start=timeline.start,
            end=timeline.start + timedelta(days=730),
        )
    )
    for index, event in enumerate(timeline.events):
        committee = _committee_for(event, project)
        if event.outcome is None:
            continue
        services.decision_record(
            committee,
            project=project,
            outcome=event.outcome,
            amount=event.amount,
            conditions=rng.choice(CONDITIONS[event.outcome]),
            funding_source=_funding_source(spec, context, event.day, index),
        )
    for day, amount, label in expenses:
        services.expense_add(Expense(project=project, date=day, amount=amount, label=label))

    members = _team(spec, timeline, context, rng)
    for member in members:
        member.project = project
        services.team_member_save(member)
    if not timeline.closed_on:
        _attestations(spec, members, context)
    _reviews(project, spec, timeline, context, rng)
    return project


def demo_counts() -> dict[str, int]:
    """What the demo projects hold in the database (user-made additions to them included)."""
    projects = Project.objects.filter(slug__in=SLUGS)
    return {
        "projects": projects.count(),
        "phases": Phase.objects.filter(project__in=projects).count(),
        "partners": ProjectPartner.objects.filter(project__in=projects).count(),
        "committees": Committee.objects.filter(projects__in=projects).distinct().count(),
        "decisions": Decision.objects.filter(project__in=projects).count(),
        "funding_lines": FundingLine.objects.filter(project__in=projects).count(),
        "expenses": Expense.objects.filter(project__in=projects).count(),
        "team_members": TeamMember.objects.filter(project__in=projects).count(),
        "attestations": ServiceFait.objects.filter(member__project__in=projects).count(),
        "maturity_reviews": MaturityReview.objects.filter(project__in=projects).count(),
    }


def load_demo_portfolio(today: date | None = None) -> dict[str, int]:
    """Create the demo projects that do not exist yet; return the counts and how many were
    created (`created`) or already there (`existing`)."""
    today = today or timezone.localdate()
    emails = (MANAGER_EMAIL, ADMIN_EMAIL, COACH_EMAIL, OWNER_EMAIL)
    users = {user.email: user for user in User.objects.filter(email__in=emails)}
    existing = set(Project.objects.filter(slug__in=SLUGS).values_list("slug", flat=True))
    missing = [spec for spec in PROJECTS if spec.slug not in existing]
    created = 0
    if missing:
        with transaction.atomic():
            context = Context(
                today=today,
                calendar=Calendar(today),
                users=users,
                organisations={
                    key: _organisation(name, acronym)
                    for key, (name, acronym) in ORGANISATIONS.items()
                },
                thematics={slug: _thematic(slug, name) for slug, name in THEMATICS.items()},
            )
        for spec in missing:
            create_project(spec, context)
            created += 1
    return {**demo_counts(), "created": created, "existing": len(existing)}
