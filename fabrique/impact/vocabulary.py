"""The words of impact measurement: matrix levels, units, frequencies, sources, statuses."""

from django.db import models


class Level(models.TextChoices):
    """The five levels of the impact matrix, from the service that works to the one worth it."""

    USABLE = "utilisable", "Utilisable"
    USED = "utilise", "Utilisé"
    USEFUL = "utile", "Utile"
    IMPACTFUL = "impactant", "Impactant"
    EFFICIENT = "efficient", "Efficient"


class IndicatorKind(models.TextChoices):
    IMPACT = "impact", "Indicateur d'impact"
    INTERMEDIATE = "intermediaire", "Indicateur intermédiaire"


class Unit(models.TextChoices):
    NUMBER = "nombre", "Nombre"
    PERCENT = "pourcentage", "Pourcentage (%)"
    EUROS = "euros", "Euros (€)"
    SCORE = "score", "Score"
    MINUTES = "minutes", "Minutes"
    HOURS = "heures", "Heures"
    DAYS = "jours", "Jours"


UNIT_SYMBOLS = {
    Unit.NUMBER: "",
    Unit.PERCENT: "%",
    Unit.EUROS: "€",
    Unit.SCORE: "",
    Unit.MINUTES: "min",
    Unit.HOURS: "h",
    Unit.DAYS: "j",
}


class Direction(models.TextChoices):
    UP = "hausse", "Plus c'est haut, mieux c'est"
    DOWN = "baisse", "Plus c'est bas, mieux c'est"


class Frequency(models.TextChoices):
    WEEKLY = "hebdomadaire", "Hebdomadaire"
    MONTHLY = "mensuelle", "Mensuelle"
    QUARTERLY = "trimestrielle", "Trimestrielle"
    YEARLY = "annuelle", "Annuelle"


class Source(models.TextChoices):
    FORM = "formulaire", "Formulaire"
    FILE = "fichier", "Import de fichier"
    API = "api", "API"
    COMPUTED = "calcul", "Calcul automatique"


class Computation(models.TextChoices):
    """Indicators whose values are computed by Fabrique, never typed."""

    NONE = "", "Saisi par l'équipe"
    COST_PER_USE = "cout-par-usage", "Calculé : budget du portefeuille ÷ usagers actifs"
    PENETRATION = "penetration", "Calculé : collectivités de la cible qui utilisent le service"


class Status(models.TextChoices):
    ON_TRACK = "en-bonne-voie", "En bonne voie"
    OFF_TRACK = "hors-trajectoire", "Hors trajectoire"
    STALE = "sans-nouvelles", "Sans nouvelles"
    NO_TARGET = "sans-cible", "Cible à définir"
    PENDING = "a-renseigner", "À renseigner"


# DSFR badge modifier of each status (the text always says the status: colour is a help only).
STATUS_BADGES = {
    Status.ON_TRACK: "success",
    Status.OFF_TRACK: "error",
    Status.STALE: "warning",
    Status.NO_TARGET: "info",
    Status.PENDING: "new",
}


class Trend(models.TextChoices):
    UP = "hausse", "En hausse"
    DOWN = "baisse", "En baisse"
    FLAT = "stable", "Stable"


class TargetKind(models.TextChoices):
    COMMUNES = "communes", "Communes"
    EPCI = "epci", "EPCI (intercommunalités)"
