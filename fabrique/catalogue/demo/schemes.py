"""The funding schemes of the demo catalogue, open and closed (invented, and they say so);
deadlines are relative to the day of loading so that the open schemes stay open."""

from dataclasses import dataclass
from datetime import date

from fabrique.territories.rules import COMMUNE_ELIGIBILITY_THRESHOLD, EPCI_ELIGIBILITY_THRESHOLD

from ..rules import population_below
from ..vocabulary import AidType, Beneficiary, Recurrence, Theme

# Short names for the table below.
A, B, T = AidType, Beneficiary, Theme


@dataclass(frozen=True)
class DemoScheme:
    slug: str
    name: str
    funders: tuple[str, ...]
    aid_types: tuple[str, ...]
    beneficiaries: tuple[str, ...]
    themes: tuple[str, ...]
    description: str
    recurrence: str = Recurrence.PERMANENT
    days_left: int | None = None  # deadline relative to today
    closed_on: date | None = None  # a scheme that is over
    population_max: int | None = None
    population_min: int | None = None
    call: bool = False
    departements: tuple[str, ...] = ()
    regions: tuple[str, ...] = ()
    url: str = ""


SCHEMES = (
    DemoScheme(
        "detr", "Dotation d'équipement des territoires ruraux (DETR)",
        ("Préfecture de département (État)",), (A.GRANT,), (B.COMMUNE, B.EPCI),
        (T.GENERAL, T.DIGITAL),
        "Subvention de l'État pour les investissements des communes et EPCI ruraux, y compris "
        "l'équipement numérique. Dossiers au-delà de 100 000 € : avis de la commission des élus. "
        "Fiche de démonstration.", recurrence=Recurrence.RECURRING, days_left=75,
        population_max=20_000,
    ),
    DemoScheme(
        "dsil", "Dotation de soutien à l'investissement local (DSIL)",
        ("Préfecture de région (État)",), (A.GRANT,), (B.COMMUNE, B.EPCI), (T.GENERAL,),
        "Soutien de l'État aux grandes priorités d'investissement des communes et "
        "intercommunalités. Fiche de démonstration.",
        recurrence=Recurrence.RECURRING, days_left=110,
    ),
    DemoScheme(
        "ingenierie-numerique-petites-collectivites",
        "Accompagnement numérique sur mesure des petites collectivités",
        ("Agence nationale de la cohésion des territoires (ANCT)",), (A.TECHNICAL,),
        (B.COMMUNE,), (T.DIGITAL,),
        "Dix jours d'un consultant pour diagnostiquer les besoins numériques d'une commune de "
        "moins de 3 500 habitants et choisir ses solutions. Fiche de démonstration.",
        # « Moins de 3 500 » is strict: the programme's own threshold, one rule for both.
        population_max=population_below(COMMUNE_ELIGIBILITY_THRESHOLD),
    ),
    # The same programme for intercommunalités has its own threshold (15 000 inhabitants): one
    # scheme has one population range, so a single entry would refuse the eligible EPCI.
    DemoScheme(
        "ingenierie-numerique-petites-intercommunalites",
        "Accompagnement numérique sur mesure des petites intercommunalités",
        ("Agence nationale de la cohésion des territoires (ANCT)",), (A.TECHNICAL,),
        (B.EPCI,), (T.DIGITAL,),
        "Dix jours d'un consultant pour diagnostiquer les besoins numériques d'une "
        "intercommunalité de moins de 15 000 habitants et choisir ses solutions. "
        "Fiche de démonstration.",
        population_max=population_below(EPCI_ELIGIBILITY_THRESHOLD),
    ),
    DemoScheme(
        "loire-numerique-communes-rurales",
        "Département de la Loire : équipement numérique des communes rurales",
        ("Conseil départemental de la Loire",), (A.GRANT,), (B.COMMUNE,), (T.DIGITAL,),
        "Aide à l'achat de logiciels et de matériel informatique pour les communes de moins de "
        "3 500 habitants. Fiche de démonstration.", recurrence=Recurrence.RECURRING,
        days_left=200, population_max=population_below(3_500), departements=("42",),
    ),
    DemoScheme(
        "aura-territoires-numeriques",
        "Région Auvergne-Rhône-Alpes : appel à projets territoires numériques",
        ("Conseil régional Auvergne-Rhône-Alpes",), (A.GRANT, A.TECHNICAL),
        (B.COMMUNE, B.EPCI), (T.DIGITAL, T.CITIZENSHIP),
        "Projets numériques mutualisés entre communes (services en ligne, participation "
        "citoyenne, données). Fiche de démonstration.", recurrence=Recurrence.ONE_OFF,
        days_left=60, call=True, regions=("84",),
    ),
    DemoScheme(
        "bretagne-democratie-participative",
        "Région Bretagne : outils de démocratie participative",
        ("Conseil régional de Bretagne",), (A.GRANT,), (B.COMMUNE, B.EPCI, B.ASSOCIATION),
        (T.CITIZENSHIP, T.DIGITAL),
        "Budgets participatifs, concertations en ligne et conseils citoyens. Fiche de "
        "démonstration.", recurrence=Recurrence.ONE_OFF, days_left=45, call=True,
        regions=("53",),
    ),
    DemoScheme(
        "pret-transformation-numerique",
        "Prêt pour la transformation numérique des collectivités",
        ("Banque des Territoires",), (A.LOAN, A.FINANCIAL),
        (B.COMMUNE, B.EPCI, B.DEPARTEMENT, B.REGION), (T.DIGITAL,),
        "Prêt à long terme pour les infrastructures et services numériques. Fiche de "
        "démonstration.",
    ),
    DemoScheme(
        "conseiller-numerique", "Conseiller numérique : poste cofinancé",
        ("Agence nationale de la cohésion des territoires (ANCT)",), (A.GRANT,),
        (B.COMMUNE, B.EPCI, B.ASSOCIATION), (T.DIGITAL, T.SOCIAL),
        "Cofinancement d'un poste de médiateur numérique pour accompagner les habitants. "
        "Fiche de démonstration.", recurrence=Recurrence.ONE_OFF, days_left=150,
    ),
    DemoScheme(
        "fnadt", "Fonds national d'aménagement et de développement du territoire (FNADT)",
        ("Préfecture de région (État)",), (A.GRANT,), (B.COMMUNE, B.EPCI, B.ASSOCIATION),
        (T.PLANNING, T.GENERAL),
        "Projets d'aménagement et de développement des territoires. Fiche de démonstration.",
    ),
    DemoScheme(
        "petites-villes-de-demain", "Petites villes de demain",
        ("Agence nationale de la cohésion des territoires (ANCT)",),
        (A.TECHNICAL, A.FINANCIAL), (B.COMMUNE,), (T.PLANNING,),
        "Ingénierie pour revitaliser les centres des communes de moins de 20 000 habitants qui "
        "jouent un rôle de centralité. Fiche de démonstration.",
        population_max=population_below(20_000),
        population_min=2_500,
    ),
    DemoScheme(
        "ille-et-vilaine-ingenierie", "Ille-et-Vilaine : ingénierie pour les petites communes",
        ("Conseil départemental d'Ille-et-Vilaine",), (A.TECHNICAL, A.LEGAL),
        (B.COMMUNE, B.EPCI), (T.GENERAL,),
        "Conseil technique et juridique gratuit aux communes de moins de 5 000 habitants. "
        "Fiche de démonstration.", population_max=population_below(5_000), departements=("35",),
    ),
    DemoScheme(
        "france-relance-transformation-numerique",
        "France Relance : transformation numérique des collectivités territoriales",
        ("Agence nationale de la cohésion des territoires (ANCT)",), (A.GRANT,),
        (B.COMMUNE, B.EPCI, B.DEPARTEMENT, B.REGION), (T.DIGITAL,),
        "Guichet clos : projets numériques des collectivités financés par le plan de relance "
        "en 2021. Fiche de démonstration.", recurrence=Recurrence.ONE_OFF,
        closed_on=date(2021, 12, 31), call=True,
    ),
    DemoScheme(
        "fonds-vert-2023", "Fonds vert 2023",
        ("Ministère de la Transition écologique et de la Cohésion des territoires",),
        (A.GRANT,), (B.COMMUNE, B.EPCI), (T.ENERGY, T.ENVIRONMENT, T.PLANNING),
        "Accélération de la transition écologique dans les territoires, édition 2023 (close). "
        "Fiche de démonstration.", recurrence=Recurrence.ONE_OFF,
        closed_on=date(2023, 12, 31),
    ),
    DemoScheme(
        "parcours-cybersecurite", "Parcours de cybersécurité des collectivités",
        ("Agence nationale de la sécurité des systèmes d'information (ANSSI)",),
        (A.TECHNICAL, A.GRANT), (B.COMMUNE, B.EPCI, B.DEPARTEMENT), (T.DIGITAL,),
        "Diagnostic et plan de sécurisation financés (édition close). Fiche de démonstration.",
        recurrence=Recurrence.ONE_OFF, closed_on=date(2022, 12, 31),
    ),
)  # fmt: skip
SCHEME_SLUGS = tuple(spec.slug for spec in SCHEMES)
