"""The words of the investigation programme: statuses, the five phases, decisions, criteria."""

from django.db import models


class ProblemStatus(models.TextChoices):
    SUBMITTED = "soumis", "Soumis"
    SELECTED = "retenu", "Retenu"
    DECLINED = "non-retenu", "Non retenu"
    REDIRECTED = "redirige", "Redirigé vers un service existant"
    MERGED = "fusionne", "Fusionné"


class Step(models.IntegerChoices):
    REALITY = 1, "Réalité et ampleur du problème"
    LISTENING = 2, "Écoute des usagers"
    PROTOTYPE = 3, "Prototype"
    TESTS = 4, "Tests"
    EXIT = 5, "Sortie"


# Artefacts each phase must hold before it can be closed (field names of InvestigationPhase).
STEP_ARTEFACTS = {
    Step.REALITY: ("figures", "sources", "statement"),
    Step.LISTENING: ("interviews", "user_needs"),
    Step.PROTOTYPE: ("ideas", "chosen_idea"),
    Step.TESTS: ("tests", "results"),
    Step.EXIT: ("exit_route", "impact_hypothesis", "indicators"),
}
ARTEFACT_LABELS = {
    "figures": "chiffres",
    "sources": "sources",
    "statement": "énoncé du problème",
    "interviews": "entretiens et observations",
    "user_needs": "besoins des usagers",
    "ideas": "idées envisagées",
    "chosen_idea": "idée retenue",
    "links": "liens et fichiers",
    "tests": "ce qui a été testé, avec qui",
    "results": "résultats au regard des hypothèses",
    "exit_route": "voie de sortie",
    "impact_hypothesis": "hypothèse d'impact",
    "indicators": "premiers indicateurs",
}


class ExitRoute(models.TextChoices):
    NEW_SERVICE = "nouveau-service", "Nouveau service"
    EXISTING = "solution-existante", "Solution existante"
    NO_DIGITAL = "pas-de-numerique", "Pas de solution numérique"
    STOP = "arret", "Arrêt"


class Decision(models.TextChoices):
    GO = "go", "Go"
    NO_GO = "no-go", "No-go"
    EXISTING = "solution-existante", "Solution existante"


class StaffRole(models.TextChoices):
    COACH = "coach", "Coach"
    DESIGNER = "designer", "Designer"
    AGENT = "agent", "Agent de la collectivité"


# Days funded per role for one investigation (issue 14).
FUNDED_DAYS = {StaffRole.COACH: 10, StaffRole.DESIGNER: 6}
MIN_WEEKS, MAX_WEEKS = 9, 12

# Default scoring grid of a call: (key, label); each criterion scored 0 to GRID_MAX.
DEFAULT_GRID = [
    ("realite", "Réalité et ampleur du problème"),
    ("collectivites", "Nombre de collectivités concernées"),
    ("engagement", "Engagement de l'équipe"),
    ("reutilisation", "Potentiel de réutilisation ailleurs"),
    ("diversite", "Diversité du territoire"),
]
GRID_MAX = 5
MAX_GRID_CRITERIA = 10
MAX_GRID_LABEL = 200

# The go/no-go grid, scored by the committee, 0 to GRID_MAX each.
GO_GRID = [
    ("ampleur", "Problème : ampleur"),
    ("criticite", "Problème : criticité"),
    ("preuves", "Problème : preuves"),
    ("cout", "Problème : vaut le coût d'un service"),
    ("temps", "Équipe : temps réellement donné"),
    ("autonomie", "Équipe : autonomie"),
    ("critere", "Stratégie à 6 mois : critère de succès"),
    ("usagers", "Stratégie à 6 mois : premiers usagers"),
]


class CollectiviteKind(models.TextChoices):
    COMMUNE = "commune", "Commune"
    EPCI = "epci", "EPCI"
    DEPARTEMENT = "departement", "Département"
    REGION = "region", "Région"


# Anti-spam, as for recruitment applications: at most this many problems per account per hour.
MAX_PROBLEMS_PER_ACCOUNT_PER_HOUR = 10

# Each free text of a problem (statement, who suffers, what is done, tried, team): a few
# paragraphs, read by reviewers and indexed by the synergy engine.
MAX_PROBLEM_TEXT = 10_000

# « Combien de personnes » souffrent d'un problème : au plus la population de la France.
MAX_SUFFERERS = 70_000_000


# The values of the problem list's « Notation » filter (what « Mon espace » links to): scoring
# open today (call closed, or no call yet), or at the closing of a call still open.
SCORING_OPEN = "ouverte"
SCORING_LATER = "a-la-cloture"
