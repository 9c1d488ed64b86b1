"""The words of the portfolio: kinds, phases and their order, committee outcomes, roles."""

from django.db import models


class ProjectKind(models.TextChoices):
    INVESTIGATION = "investigation", "Investigation"
    STARTUP_ETAT = "startup-etat", "Startup d'État"
    STARTUP_TERRITOIRE = "startup-territoire", "Startup de territoire"
    FUNDED = "projet-finance", "Projet financé"
    COMMON = "commun-numerique", "Commun numérique"


class PhaseName(models.TextChoices):
    INVESTIGATION = "investigation", "Investigation"
    CONSTRUCTION = "construction", "Construction"
    ACCELERATION = "acceleration", "Accélération"
    CONSOLIDATION = "consolidation", "Consolidation"
    TRANSFERRED = "transfere", "Transféré"
    OPERATED = "opere", "Opéré"
    INVESTIGATION_ABANDONED = "abandon-investigation", "Investigation non concluante"
    ABANDONED = "abandon", "Abandon"


PHASE_ORDER = {name: index for index, name in enumerate(PhaseName.values)}
TERMINAL_PHASES = frozenset(
    {
        PhaseName.TRANSFERRED,
        PhaseName.OPERATED,
        PhaseName.INVESTIGATION_ABANDONED,
        PhaseName.ABANDONED,
    }
)
# Names found in beta.gouv.fr files over the years, read as today's vocabulary.
LEGACY_PHASE_NAMES = {
    "investigation": PhaseName.INVESTIGATION,
    "construction": PhaseName.CONSTRUCTION,
    "acceleration": PhaseName.ACCELERATION,
    "accélération": PhaseName.ACCELERATION,
    "consolidation": PhaseName.CONSOLIDATION,
    "transfer": PhaseName.TRANSFERRED,
    "transfere": PhaseName.TRANSFERRED,
    "transferred": PhaseName.TRANSFERRED,
    "success": PhaseName.OPERATED,
    "alumni": PhaseName.TRANSFERRED,
    "perennisation": PhaseName.OPERATED,
    "pérennisation": PhaseName.OPERATED,
    "opere": PhaseName.OPERATED,
    "abandon-investigation": PhaseName.INVESTIGATION_ABANDONED,
    "abandon": PhaseName.ABANDONED,
}
# Typical length of each phase at the incubator, in days (DOMAIN: 6-9 weeks, 12, 12, 6 months).
TYPICAL_DAYS = {
    PhaseName.INVESTIGATION: 63,
    PhaseName.CONSTRUCTION: 365,
    PhaseName.ACCELERATION: 365,
    PhaseName.CONSOLIDATION: 183,
}


class CommitteeKind(models.TextChoices):
    INVESTMENT = "investissement", "Comité d'investissement"
    GO_NO_GO = "go-no-go", "Go/no-go d'investigation"
    PERENNISATION = "perennisation", "Comité de pérennisation"


class Outcome(models.TextChoices):
    CONTINUE = "continuer", "Continuer"
    PIVOT = "pivoter", "Pivoter"
    ACCELERATE = "accelerer", "Accélérer"
    STOP = "arreter", "Arrêter"
    # The go/no-go committee at the end of an investigation: a go opens the project in
    # construction, a no-go closes it (`abandon-investigation`).
    GO = "go", "Go : passage en construction"
    NO_GO = "no-go", "No-go : arrêt après l'investigation"


# The outcomes only a go/no-go committee takes (`rules.outcome_committee_problem`).
GO_NO_GO_OUTCOMES = (Outcome.GO, Outcome.NO_GO)


class TeamRole(models.TextChoices):
    INTRAPRENEUR = "intrapreneur", "Intrapreneur·e"
    COACH = "coach", "Coach"
    PRODUCT_MANAGER = "product-manager", "Product manager"
    DEVELOPER = "developpeur", "Développeur·se"
    DESIGNER = "designer", "Designer"
    DEPLOYMENT = "deploiement", "Chargé·e de déploiement"
    BIZDEV = "bizdev", "Business developer"
    DATA = "data", "Data scientist"
    OTHER = "autre", "Autre"


class MaturityAxis(models.TextChoices):
    IMPACT = "impact", "Impact"
    DEPLOYMENT = "deployment", "Déploiement"
    DESIGN = "design", "Design"
    OPEN_SOURCE = "open_source", "Open source"
    OPEN_DATA = "open_data", "Open data"


# A committee at least every 6 months; 30-45 days before the budget runs out.
COMMITTEE_MAX_INTERVAL_MONTHS = 6  # as headings say it
COMMITTEE_MAX_INTERVAL_DAYS = 183  # as the rule counts it: 6 months of 30.5 days
COMMITTEE_BEFORE_RUNOUT_DAYS = 45
DUE_SOON_DAYS = 60
# An attested service fait goes to payment: the team may withdraw the attestation (a mistake on
# the period or the person) for as long as the payment is not due, the 30 days of the legal
# payment delay of public buyers.
ATTESTATION_WITHDRAWAL_DAYS = 30
# The reason of a withdrawal is kept in the history (its change reason: 100 characters).
WITHDRAWAL_REASON_MAX_LENGTH = 100
