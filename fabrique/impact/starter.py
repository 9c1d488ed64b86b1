"""The starter set: the seven indicators every service of the incubator is expected to track.

One line of the impact matrix each (see DOMAIN: utilisable, utilisé, utile, impactant,
efficient). The team then sets baseline, target and data source, and may rename or unpublish.
Two of them are computed, never typed: market penetration (from the deployments declared on
the project) and cost per use (from the portfolio's expenses and the monthly active users).
"""

from dataclasses import asdict, dataclass

from .vocabulary import Computation, Direction, Frequency, IndicatorKind, Level, Unit

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
