"""Words of the accompagnement sur-mesure: statuses, activities, need themes, criteria."""

from decimal import Decimal

from django.db import models


class MissionStatus(models.TextChoices):
    REQUESTED = "demandee", "Demandée"
    OUT_OF_CRITERIA = "hors-criteres", "Hors critères"
    ACCEPTED = "acceptee", "Acceptée"
    IN_PROGRESS = "en-cours", "En cours"
    DELIVERED = "livree", "Livrée"
    FOLLOWED = "suivie", "Suivie"
    CLOSED = "close", "Close"
    DECLINED = "refusee", "Refusée"
    ABANDONED = "abandonnee", "Abandonnée"


NEED_KIND = "besoin"  # needs in the synergy engine: `besoin:<pk>`


class ActivityKind(models.TextChoices):
    INTERVIEWS = "entretiens", "Entretiens"
    ANALYSIS = "analyse", "Analyse"
    BENCHMARK = "benchmark", "Benchmark"
    WORKSHOP = "atelier", "Atelier / formation"
    WRITING = "redaction", "Rédaction"
    RESTITUTION = "restitution", "Restitution"
    TRAVEL = "deplacement", "Déplacement"


class NeedTheme(models.TextChoices):
    WEBSITE = "site-internet", "Site internet"
    EMAIL = "messagerie", "Messagerie"
    ONLINE_PROCEDURES = "demarches-en-ligne", "Démarches en ligne"
    OPEN_DATA = "donnees-ouvertes", "Données ouvertes"
    EQUIPMENT = "equipement", "Équipement"
    CYBERSECURITY = "cybersecurite", "Cybersécurité"
    OTHER = "autre", "Autre"


# Transitions of a mission: status -> statuses it may move to (each one a service).
TRANSITIONS = {
    MissionStatus.REQUESTED: {MissionStatus.ACCEPTED, MissionStatus.DECLINED},
    MissionStatus.OUT_OF_CRITERIA: {MissionStatus.ACCEPTED, MissionStatus.DECLINED},
    MissionStatus.ACCEPTED: {MissionStatus.IN_PROGRESS, MissionStatus.ABANDONED},
    MissionStatus.IN_PROGRESS: {MissionStatus.DELIVERED, MissionStatus.ABANDONED},
    MissionStatus.DELIVERED: {MissionStatus.FOLLOWED, MissionStatus.CLOSED},
    MissionStatus.FOLLOWED: {MissionStatus.CLOSED},
    MissionStatus.CLOSED: set(),
    MissionStatus.DECLINED: set(),
    MissionStatus.ABANDONED: set(),
}
OPEN_STATUSES = (MissionStatus.ACCEPTED, MissionStatus.IN_PROGRESS)

MISSION_DAYS = Decimal(10)
WARNING_DAYS = Decimal(8)
HALF_DAY = Decimal("0.5")
MISSION_MONTHS = 2
SCORE_MAX = 3

# The default criteria grid: key -> (label, weight, lower is better).
DEFAULT_GRID = {
    "importance": {"label": "Importance pour les usagers", "weight": 3, "lower_is_better": False},
    "population": {
        "label": "Nombre de personnes concernées",
        "weight": 2,
        "lower_is_better": False,
    },
    "urgence": {"label": "Urgence", "weight": 2, "lower_is_better": False},
    "faisabilite": {"label": "Faisabilité", "weight": 2, "lower_is_better": False},
    "cout": {"label": "Coût (plus bas, mieux c'est)", "weight": 1, "lower_is_better": True},
}


# --- Découverte (diaga) ---
class PersonRole(models.TextChoices):
    AGENT = "agent", "Agent"
    ELECTED = "elu", "Élu·e"
    RESIDENT = "habitant", "Habitant·e"
    PARTNER = "partenaire", "Partenaire"


class InterviewMode(models.TextChoices):
    ON_SITE = "sur-place", "Sur place"
    VIDEO = "visio", "Visio"
    PHONE = "telephone", "Téléphone"


class ToolKind(models.TextChoices):
    SOFTWARE = "logiciel", "Logiciel"
    EQUIPMENT = "materiel", "Matériel"
    WEBSITE = "site-internet", "Site internet"
    EMAIL = "messagerie", "Messagerie"
    SUBSCRIPTION = "abonnement", "Abonnement"


class TrainingTopic(models.TextChoices):
    OPEN_DATA = "donnees-ouvertes", "Données ouvertes"
    OPEN_SOURCE = "logiciel-libre", "Logiciel libre"
    ALGORITHMS = "algorithmes", "Algorithmes"
    DESIGN = "design", "Méthodes de design"
    OTHER = "autre", "Autre"


class QuestionKind(models.TextChoices):
    TEXT = "texte", "Texte libre"
    CHOICE = "choix", "Choix"
    YES_NO = "oui-non", "Oui / non"


# Theme of a question -> kind of tool it pre-fills in the inventory.
TOOL_KIND_BY_THEME = {
    NeedTheme.WEBSITE: ToolKind.WEBSITE,
    NeedTheme.EMAIL: ToolKind.EMAIL,
    NeedTheme.EQUIPMENT: ToolKind.EQUIPMENT,
    NeedTheme.ONLINE_PROCEDURES: ToolKind.SOFTWARE,
    NeedTheme.CYBERSECURITY: ToolKind.SOFTWARE,
}
SATISFACTION_LABELS = {0: "Pas satisfait", 1: "Peu satisfait", 2: "Satisfait", 3: "Très satisfait"}


# --- Suivi après livraison ------------------------------------------------------------------


class FollowUpState(models.TextChoices):
    ADOPTED = "adoptee", "Adoptée"
    IN_PROGRESS = "en-cours", "En cours"
    ABANDONED = "abandonnee", "Abandonnée"
    BLOCKED = "bloquee", "Bloquée"


# States that need a note: why it was abandoned, what blocks it.
FOLLOW_UP_NOTE_REQUIRED = {
    FollowUpState.ABANDONED: "Dites pourquoi la solution a été abandonnée.",
    FollowUpState.BLOCKED: "Dites ce qui bloque.",
}
FOLLOW_UP_MONTHS = (3, 6)  # after delivery
FOLLOW_UP_STATUSES = ("livree", "suivie")  # missions still followed (not closed)


# --- Benchmark, recommandations, financements et partenaires -------------------------------


class Feasibility(models.TextChoices):
    """The three feasibilities a candidate solution is compared on (each scored 0 to 3)."""

    TECHNICAL = "technique", "Faisabilité technique"
    ECONOMIC = "economique", "Faisabilité économique"
    HUMAN = "humaine", "Faisabilité humaine"


class LeadKind(models.TextChoices):
    FUNDING = "financement", "Financement"
    PARTNER = "partenaire", "Partenaire local"


# Theme of a need -> catalogue categories of the solutions and funding that serve it.
THEME_CATEGORIES = {
    NeedTheme.WEBSITE: ("presence-en-ligne",),
    NeedTheme.EMAIL: ("travail-collaboratif",),
    NeedTheme.ONLINE_PROCEDURES: ("relation-usagers",),
    NeedTheme.OPEN_DATA: ("donnees",),
    NeedTheme.EQUIPMENT: ("infrastructure",),
    NeedTheme.CYBERSECURITY: ("securite",),
    NeedTheme.OTHER: (),
}
LEAD_LIMIT = 8  # funding schemes proposed per recommendation
