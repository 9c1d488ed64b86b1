"""The words of the catalogue: origins, the taxonomy of needs, costs, funding vocabularies.

Multi-valued fields (a solution's categories and hosting, a scheme's aid types, beneficiaries and
themes) hold values of these choices, stored in one column as " value value " (`encode`,
`decode`, `has`, at the end of this module).
"""

from collections.abc import Iterable

from django.db import models
from django.db.models import Q


class Origin(models.TextChoices):
    INCUBATOR = "incubateur", "Service de l'incubateur"
    FREE_SOFTWARE = "logiciel-libre", "Logiciel libre"
    MARKET = "marche", "Offre du marché"


class Category(models.TextChoices):
    """The needs of a collectivité that a solution answers (one solution, one or more needs)."""

    USERS = "relation-usagers", "Relation aux usagers"
    INTERNAL = "gestion-interne", "Gestion interne"
    COLLABORATION = "travail-collaboratif", "Travail collaboratif et bureautique"
    DATA = "donnees", "Données"
    ONLINE = "presence-en-ligne", "Présence en ligne"
    SECURITY = "securite", "Sécurité"
    PARTICIPATION = "democratie-participative", "Démocratie participative"
    TERRITORY = "amenagement-cartographie", "Aménagement et cartographie"
    SOCIAL = "action-sociale", "Action sociale et solidarités"
    INCLUSION = "inclusion-numerique", "Inclusion numérique"
    ECONOMY = "developpement-economique", "Développement économique"
    EDUCATION = "education", "Éducation et jeunesse"
    INFRASTRUCTURE = "infrastructure", "Infrastructure et exploitation"


CATEGORY_HELP = {
    Category.USERS: "démarches en ligne, prise de rendez-vous, guichet, signalements",
    Category.INTERNAL: "courrier, actes, finances, ressources humaines, services techniques",
    Category.COLLABORATION: "bureautique, messagerie, agenda, fichiers partagés, visioconférence",
    Category.DATA: "tableurs et bases de données, données ouvertes, statistiques",
    Category.ONLINE: "site internet, nom de domaine, réseaux, lettre d'information",
    Category.SECURITY: "cybersécurité, sauvegardes, identité numérique, mots de passe",
    Category.PARTICIPATION: "consultations, budgets participatifs, pétitions, votes",
    Category.TERRITORY: "adresses, cadastre, urbanisme, cartes et SIG",
    Category.SOCIAL: "CCAS, suivi social, aides, santé",
    Category.INCLUSION: "médiation et aidants numériques, accès aux droits",
    Category.ECONOMY: "entreprises, commerces, emploi, tourisme",
    Category.EDUCATION: "écoles, enfance, jeunesse, formation",
    Category.INFRASTRUCTURE: "serveurs, réseaux, supervision, postes de travail",
}


class CostModel(models.TextChoices):
    FREE = "gratuit", "Gratuit"
    SUBSCRIPTION = "abonnement", "Abonnement"
    LICENCE = "licence", "Licence"
    QUOTE = "sur-devis", "Sur devis"


class Hosting(models.TextChoices):
    SAAS = "saas", "SaaS (hébergé par le fournisseur)"
    SELF = "auto-heberge", "Auto-hébergé"
    OPSN = "opsn", "Via un OPSN"


class Maturity(models.TextChoices):
    ALPHA = "alpha", "Expérimentation"
    BETA = "beta", "Bêta"
    STABLE = "stable", "Stable"
    RETIRED = "retiree", "Retirée"


class ReferenceSource(models.TextChoices):
    SILL = "sill", "SILL"
    SUITE_TERRITORIALE = "suite-territoriale", "Suite territoriale"


class OperatorStatus(models.TextChoices):
    PARTNER = "partenaire", "Partenaire"
    PARTNER_WITH_SERVICES = "partenaire-avec-services", "Partenaire avec services"
    INTENTION = "intention", "Partenariat envisagé"
    UNKNOWN = "", "Non renseigné"


class SuggestionStatus(models.TextChoices):
    PENDING = "en-attente", "En attente de modération"
    ACCEPTED = "acceptee", "Acceptée"
    REFUSED = "refusee", "Refusée"


# --- Funding ------------------------------------------------------------------------------


class AidType(models.TextChoices):
    GRANT = "subvention", "Subvention"
    LOAN = "pret", "Prêt"
    ADVANCE = "avance-remboursable", "Avance remboursable"
    TECHNICAL = "ingenierie-technique", "Ingénierie technique"
    FINANCIAL = "ingenierie-financiere", "Ingénierie financière"
    LEGAL = "ingenierie-juridique", "Ingénierie juridique / administrative"
    OTHER_FINANCIAL = "autre-financiere", "Autre aide financière"
    CEE = "cee", "Certificats d'économies d'énergie"


class Beneficiary(models.TextChoices):
    COMMUNE = "commune", "Communes"
    EPCI = "epci", "Intercommunalités (EPCI, pays)"
    DEPARTEMENT = "departement", "Départements"
    REGION = "region", "Régions"
    OVERSEAS = "outre-mer", "Collectivités d'outre-mer à statut particulier"
    LOCAL_COMPANY = "epl", "Entreprises publiques locales"
    PUBLIC_BODY = "etablissement-public", "Établissements publics, services de l'État"
    ASSOCIATION = "association", "Associations"
    COMPANY = "entreprise", "Entreprises privées"
    PERSON = "particulier", "Particuliers"
    FARMER = "agriculteur", "Agriculteurs"
    RESEARCH = "recherche", "Recherche"


# How a reason names the kind of collectivité: "ouvert aux communes".
BENEFICIARY_PLURAL = {
    Beneficiary.COMMUNE: "communes",
    Beneficiary.EPCI: "intercommunalités",
    Beneficiary.DEPARTEMENT: "départements",
    Beneficiary.REGION: "régions",
}


class Theme(models.TextChoices):
    DIGITAL = "numerique", "Numérique"
    GENERAL = "generaliste", "Tous projets (aide généraliste)"
    PLANNING = "amenagement", "Aménagement et urbanisme"
    MOBILITY = "mobilite", "Mobilité"
    ENERGY = "energie", "Énergie et climat"
    ENVIRONMENT = "environnement", "Environnement et biodiversité"
    WATER = "eau", "Eau et assainissement"
    HOUSING = "habitat", "Habitat et logement"
    CULTURE = "culture", "Culture et patrimoine"
    TOURISM = "tourisme", "Tourisme"
    ECONOMY = "economie", "Économie et commerce"
    SOCIAL = "social", "Solidarités et santé"
    EDUCATION = "education", "Éducation et jeunesse"
    SPORT = "sport", "Sport"
    CITIZENSHIP = "citoyennete", "Citoyenneté et participation"


class Recurrence(models.TextChoices):
    PERMANENT = "permanente", "Permanente"
    ONE_OFF = "ponctuelle", "Ponctuelle"
    RECURRING = "recurrente", "Récurrente"


class SchemeSource(models.TextChoices):
    MANUAL = "manuel", "Saisie par l'équipe"
    AIDES_TERRITOIRES = "aides-territoires", "Aides-territoires"


# Funding themes that serve each need: every need of the catalogue is a digital project, some
# are also something else (a participatory budget is citizenship, a GIS is planning…).
CATEGORY_THEMES = {
    Category.USERS: (Theme.DIGITAL,),
    Category.INTERNAL: (Theme.DIGITAL,),
    Category.COLLABORATION: (Theme.DIGITAL,),
    Category.DATA: (Theme.DIGITAL,),
    Category.ONLINE: (Theme.DIGITAL,),
    Category.SECURITY: (Theme.DIGITAL,),
    Category.PARTICIPATION: (Theme.DIGITAL, Theme.CITIZENSHIP),
    Category.TERRITORY: (Theme.DIGITAL, Theme.PLANNING),
    Category.SOCIAL: (Theme.DIGITAL, Theme.SOCIAL),
    Category.INCLUSION: (Theme.DIGITAL, Theme.SOCIAL),
    Category.ECONOMY: (Theme.DIGITAL, Theme.ECONOMY),
    Category.EDUCATION: (Theme.DIGITAL, Theme.EDUCATION),
    Category.INFRASTRUCTURE: (Theme.DIGITAL,),
}


# Multi-valued choices stored in one column: " value value " (spaces around every value).
#
# `Q(categories__contains=" donnees ")` then finds a value with a plain `LIKE`, the same on SQLite
# and PostgreSQL, without a join: facets stay one aggregate query over the solutions.


def encode(values: Iterable[str], choices=None) -> str:
    """Values without duplicates, in the order of `choices` when given (else sorted)."""
    unique = {value for value in values if value}
    if choices is not None:
        ordered = [value for value in choices.values if value in unique]
    else:
        ordered = sorted(unique)
    return f" {' '.join(ordered)} " if ordered else ""


def decode(text: str) -> list[str]:
    return (text or "").split()


def has(field: str, value: str) -> Q:
    return Q(**{f"{field}__contains": f" {value} "})


def has_any(field: str, values: Iterable[str]) -> Q:
    query = Q()
    for value in values:
        query |= has(field, value)
    return query


def labels(text: str, choices) -> list[str]:
    names = dict(choices.choices)
    return [names.get(value, value) for value in decode(text)]
