"""The words of impact measurement: matrix levels, units, frequencies, sources, statuses, and the
starter set of indicators (`STARTER_SET`, at the end of this module)."""

from dataclasses import asdict, dataclass

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


# The starter set: the seven indicators every service of the incubator is expected to track.
#
# One line of the impact matrix each (see DOMAIN: utilisable, utilisé, utile, impactant,
# efficient). The team then sets baseline, target and data source, and may rename or unpublish.
# Two of them are computed, never typed: market penetration (from the deployments declared on
# the project) and cost per use (from the portfolio's expenses and the monthly active users).


ACTIVE_USERS = "usagers-actifs-mensuels"
PENETRATION = "penetration"
COST_PER_USE = "cout-par-usage"


@dataclass(frozen=True)
class StarterIndicator:
    key: str
    name: str
    definition: str
    level: str
    kind: str
    unit: str
    direction: str
    frequency: str
    data_source: str
    computed: str = Computation.NONE

    def fields(self) -> dict:
        """The indicator's fields as this line gives them (the service that adds the starter
        set and the benchmark build their indicators from it)."""
        return asdict(self)


STARTER_SET = (
    StarterIndicator(
        key="facilite-utilisation",
        name="Score de facilité d'utilisation",
        definition=(
            "Score moyen, sur 100, obtenu au questionnaire System Usability Scale (SUS, dix "
            "questions) par les usagers qui ont accompli une démarche dans le trimestre. Au moins "
            "dix réponses par mesure ; en dessous, ne pas publier de valeur. Au-delà de 68, le "
            "service est jugé plus facile que la moyenne des services numériques."
        ),
        level=Level.USABLE,
        kind=IndicatorKind.INTERMEDIATE,
        unit=Unit.SCORE,
        direction=Direction.UP,
        frequency=Frequency.QUARTERLY,
        data_source="Questionnaire SUS proposé en fin de démarche",
    ),
    StarterIndicator(
        key=ACTIVE_USERS,
        name="Usagers actifs mensuels",
        definition=(
            "Nombre de personnes distinctes (agents ou habitant·es) qui ont utilisé le service "
            "au moins une fois dans le mois : une connexion suivie d'une action (consultation "
            "d'un dossier, dépôt, validation). Les comptes de l'équipe et de test sont exclus."
        ),
        level=Level.USED,
        kind=IndicatorKind.INTERMEDIATE,
        unit=Unit.NUMBER,
        direction=Direction.UP,
        frequency=Frequency.MONTHLY,
        data_source="Base de données du service (comptes actifs dans le mois)",
    ),
    StarterIndicator(
        key="transactions-mensuelles",
        name="Transactions par mois",
        definition=(
            "Nombre de démarches menées à leur terme dans le service au cours du mois (demande "
            "déposée, réservation confirmée, acte délivré…), qu'elles soient faites par un "
            "usager ou par un agent pour son compte."
        ),
        level=Level.USED,
        kind=IndicatorKind.INTERMEDIATE,
        unit=Unit.NUMBER,
        direction=Direction.UP,
        frequency=Frequency.MONTHLY,
        data_source="Base de données du service (démarches terminées)",
    ),
    StarterIndicator(
        key=PENETRATION,
        name="Pénétration du marché",
        definition=(
            "Part des collectivités de la cible déclarée (par exemple les communes de moins de "
            "3 500 habitant·es de trois départements) qui utilisent le service, en pourcentage "
            "de leur nombre. Calculée par Fabrique à partir du référentiel des territoires et des "
            "collectivités utilisatrices déclarées sur le projet : ne se saisit pas."
        ),
        level=Level.USED,
        kind=IndicatorKind.INTERMEDIATE,
        unit=Unit.PERCENT,
        direction=Direction.UP,
        frequency=Frequency.MONTHLY,
        data_source="Fabrique : cible de déploiement et collectivités utilisatrices",
        computed=Computation.PENETRATION,
    ),
    StarterIndicator(
        key="satisfaction",
        name="Satisfaction des usagers",
        definition=(
            "Part des usagers interrogés dans le trimestre qui se disent satisfaits ou très "
            "satisfaits du service (question « Êtes-vous satisfait·e de ce service ? », échelle "
            "à cinq niveaux), en pourcentage des réponses."
        ),
        level=Level.USEFUL,
        kind=IndicatorKind.INTERMEDIATE,
        unit=Unit.PERCENT,
        direction=Direction.UP,
        frequency=Frequency.QUARTERLY,
        data_source="Questionnaire de satisfaction en fin de démarche",
    ),
    StarterIndicator(
        key="impact-genere",
        name="Impact généré",
        definition=(
            "L'effet mesurable du service sur le problème public qu'il traite, à préciser par "
            "l'équipe : heures de travail d'agents économisées, délai de traitement évité, "
            "démarches qui n'auraient pas abouti sans lui… Dire dans la source comment la valeur "
            "est estimée, et garder la même méthode d'une mesure à l'autre."
        ),
        level=Level.IMPACTFUL,
        kind=IndicatorKind.IMPACT,
        unit=Unit.HOURS,
        direction=Direction.UP,
        frequency=Frequency.QUARTERLY,
        data_source="Estimation de l'équipe (méthode à décrire)",
    ),
    StarterIndicator(
        key=COST_PER_USE,
        name="Coût par usage",
        definition=(
            "Ce que coûte le service pour chacun de ses usagers : dépenses du projet enregistrées "
            "au portefeuille sur les douze mois qui finissent avec le mois de la mesure, divisées "
            "par le nombre d'usagers actifs de ce mois (en euros par usager actif et par an). "
            "Calculé par Fabrique : ne se saisit pas."
        ),
        level=Level.EFFICIENT,
        kind=IndicatorKind.IMPACT,
        unit=Unit.EUROS,
        direction=Direction.DOWN,
        frequency=Frequency.MONTHLY,
        data_source="Fabrique : dépenses du portefeuille ÷ usagers actifs mensuels",
        computed=Computation.COST_PER_USE,
    ),
)
STARTER_KEYS = tuple(item.key for item in STARTER_SET)
