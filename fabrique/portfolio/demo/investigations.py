"""The demo investigations: a problem explored for a few weeks, ended by a go/no-go committee."""

from ..vocabulary import ProjectKind
from .data import INV, DemoProject, P, communes

INVESTIGATIONS = (
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
        partners=communes("62041", "02691", "80021"),
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
        partners=communes("48095", "46042", "09122"),
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
        partners=communes("32013", "47001"),
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
        partners=communes("86194", "79191", "17300"),
        current=INV,
        since=15,
        runway_days=80,
    ),
)
