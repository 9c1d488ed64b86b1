"""The demo funded projects (« projet financé »: open-source projects funded by France Relance)."""

from ..vocabulary import ProjectKind
from .data import ACCEL, BUILD, CONSOL, INV, DemoProject, P, communes

FUNDED = (
    DemoProject(
        slug="navette-rurale",
        name="Navette rurale",
        kind=ProjectKind.FUNDED,
        mission=(
            "Un transport à la demande pour les communes rurales : réservation par téléphone "
            "ou en ligne, tournées regroupées, suivi de la fréquentation."
        ),
        description=(
            "Les personnes âgées et les jeunes sans permis des communes rurales dépendent "
            "d'un service de transport à la demande souvent géré sur papier. Navette rurale "
            "outille les régies et les transporteurs."
        ),
        host="Communauté d'agglomération du Grand Guéret",
        thematics=("mobilites", "solidarites"),
        sponsors=("bdt", "r75"),
        partners=communes("23096", "23245", "23045", "24152"),
        path=((INV, 56), (BUILD, 340)),
        current=ACCEL,
        since=130,
        last_session=4,
        burn=39_000,
        user_types="Habitant·es sans voiture, régies de transport",
    ),
    DemoProject(
        slug="budget-lisible",
        name="Budget lisible",
        kind=ProjectKind.FUNDED,
        mission=(
            "Publier les budgets et comptes administratifs des collectivités en données "
            "ouvertes, avec des visualisations que les habitant·es comprennent."
        ),
        description=(
            "Les documents budgétaires sont publiés en PDF de plusieurs centaines de pages. "
            "Budget lisible les transforme en jeux de données ouverts et en pages "
            "explicatives : d'où vient l'argent, où il va, ce qui change d'une année à l'autre."
        ),
        host="Ville de Dijon",
        thematics=("finances-locales", "donnees-ouvertes"),
        sponsors=("dgcl", "bdt"),
        partners=communes("21231", "25056", "71270"),
        path=((INV, 56), (BUILD, 360), (ACCEL, 365)),
        current=CONSOL,
        since=150,
        last_session=5,
        burn=35_000,
        licence="AGPL-3.0-or-later",
        user_types="Habitant·es, élu·es, services financiers",
    ),
    DemoProject(
        slug="goutte-a-goutte",
        name="Goutte à goutte",
        kind=ProjectKind.FUNDED,
        mission=(
            "Suivre les consommations d'eau des bâtiments communaux et repérer les fuites "
            "avant la facture."
        ),
        description=(
            "Relevés automatiques des compteurs, alertes en cas de consommation anormale la "
            "nuit, tableau de bord par bâtiment. Opéré par une société publique locale."
        ),
        host="Ville de Nîmes",
        thematics=("transition-ecologique",),
        sponsors=("ademe", "bdt"),
        partners=communes("34172", "30189", "66136", "11069"),
        path=((INV, 56), (BUILD, 365), (ACCEL, 360), (CONSOL, 185)),
        current=P.OPERATED,
        since=700,
        burn=40_000,
        phase_comment="Opéré par une société publique locale.",
        service_url="https://goutte-a-goutte.example.org",
        licence="EUPL-1.2",
        user_types="Services techniques, gestionnaires de bâtiments",
    ),
    DemoProject(
        slug="achats-de-proximite",
        name="Achats de proximité",
        kind=ProjectKind.FUNDED,
        mission=(
            "Aider les petites collectivités à trouver des entreprises locales pour leurs "
            "marchés publics, et les entreprises à y répondre."
        ),
        description=(
            "Sourcing des entreprises du territoire, modèles de cahiers des charges allégés, "
            "calendrier des consultations à venir."
        ),
        host="Ville de Périgueux",
        thematics=("finances-locales",),
        sponsors=("bdt", "r75"),
        partners=communes("24322", "47001", "24152"),
        path=((INV, 49),),
        current=BUILD,
        since=150,
        last_session=1,
        burn=32_000,
        pivot=True,
        user_types="Acheteurs publics, entreprises locales",
    ),
    DemoProject(
        slug="toits-solaires",
        name="Toits solaires communaux",
        kind=ProjectKind.FUNDED,
        mission=(
            "Évaluer le potentiel solaire des toitures communales et monter les projets "
            "d'autoconsommation collective avec les habitant·es."
        ),
        description=(
            "Cadastre solaire des bâtiments publics, simulation de rentabilité, modèles de "
            "conventions pour les projets citoyens. Inscrit au prochain comité."
        ),
        host="Ville d'Aurillac",
        thematics=("transition-ecologique",),
        sponsors=("ademe", "r84"),
        partners=communes("15014", "43157", "03190", "63113"),
        path=((INV, 56),),
        current=BUILD,
        since=330,
        last_session=6,
        burn=35_000,
        upcoming=True,
        user_types="Services techniques, élu·es, habitant·es",
    ),
)
