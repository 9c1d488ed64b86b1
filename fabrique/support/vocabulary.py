"""Controlled vocabularies of the support offer."""

from django.db import models


class FormatKind(models.TextChoices):
    WORKSHOP = "atelier", "Atelier"
    TRAINING = "formation", "Formation"
    COACHING = "suivi", "Suivi individuel"
    EXPERT = "expertise", "Module d'expertise"


SESSION_KINDS = (FormatKind.WORKSHOP, FormatKind.TRAINING)


class Theme(models.TextChoices):
    DESIGN = "design", "Conception centrée utilisateurs"
    IMPACT = "impact", "Mesure d'impact"
    PRODUCT = "produit", "Gestion de produit"
    OPEN_SOURCE = "logiciel-libre", "Logiciel libre"
    OPEN_DATA = "donnees-ouvertes", "Données ouvertes"
    ACCESSIBILITY = "accessibilite", "Accessibilité"
    SECURITY = "securite", "Sécurité"
    DEPLOYMENT = "deploiement", "Déploiement"


class Audience(models.TextChoices):
    TEAMS = "equipes", "Équipes projet"
    AGENTS = "agents", "Agents"
    ELECTED = "elus", "Élu·es"
    ALL = "tous", "Tous publics"


class RegistrationStatus(models.TextChoices):
    REGISTERED = "inscrit", "Inscrit·e"
    WAITING = "attente", "Liste d'attente"
    CANCELLED = "annule", "Annulée"


class ModuleStatus(models.TextChoices):
    IDENTIFIED = "identifie", "Identifié"
    QUOTE = "devis", "Devis"
    ORDERED = "commande", "Commandé"
    IN_PROGRESS = "en-cours", "En cours"
    DELIVERED = "livre", "Livré"
    SERVICE_FAIT = "service-fait", "Service fait"
    CLOSED = "clos", "Clos"


MODULE_FLOW = [choice.value for choice in ModuleStatus]


class RequestStatus(models.TextChoices):
    NEW = "nouvelle", "Nouvelle"
    SESSION = "session", "Acceptée dans une session"
    FOLLOW_UP = "suivi", "Suivi individuel ouvert"
    MODULE = "module", "Module d'expertise ouvert"
    DECLINED = "refusee", "Refusée"


# Anti-spam (each registration sends an e-mail): at most this many registrations made by one
# account per hour.
MAX_REGISTRATIONS_PER_ACCOUNT_PER_HOUR = 20
