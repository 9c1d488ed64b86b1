"""Needs found in missions as items of the synergy engine (kind « besoin », text not public:
only the team sees them in Synergies): a need found here appears beside the projects,
problems and catalogue solutions that resemble it."""

from django.db.models import Prefetch

from fabrique.synergies.rules.items import Item
from fabrique.synergies.selectors.sources import MAX_TEXT, Entry

from ..models import Candidate, Need
from ..vocabulary import NEED_KIND, MissionStatus, NeedTheme

NEED_LABEL = "Besoin d'une collectivité (sur-mesure)"
# Requests declined or out of criteria never became missions: their needs are not indexed.
SKIPPED = (MissionStatus.DECLINED, MissionStatus.OUT_OF_CRITERIA)


def need_entries():
    """Every need of an accepted mission: its title, description, theme and the solutions
    recommended for it; placed in its collectivité (owner: the commune or the EPCI)."""
    needs = (
        Need.objects.exclude(mission__status__in=SKIPPED)
        .select_related("mission__commune__departement", "mission__epci")
        .prefetch_related(
            Prefetch(
                "candidates",
                queryset=Candidate.objects.filter(recommended=True).only("need_id", "name"),
                to_attr="recommendations",
            )
        )
        .order_by("pk")
    )  # fmt: skip
    themes = dict(NeedTheme.choices)
    for need in needs:
        mission = need.mission
        commune = mission.commune
        departement = commune.departement if commune else None
        text = "\n".join(
            filter(
                None,
                [
                    need.title,
                    need.description,
                    themes.get(need.theme, ""),
                    *(candidate.name for candidate in need.recommendations),
                ],
            )
        )[:MAX_TEXT]
        key = f"{NEED_KIND}:{need.pk}"
        owner = f"commune:{commune.insee}" if commune else f"epci:{mission.epci.siren}"
        yield Entry(
            item=Item(key, NEED_KIND, text, departement.code if departement else ""),
            label=need.title,
            url=f"{mission.get_absolute_url()}#besoins",
            place=f"{(commune or mission.epci).name} ({departement.code})"
            if departement
            else (commune or mission.epci).name,
            owner=owner,
            departement_id=departement.pk if departement else None,
            region_id=departement.region_id if departement else None,
        )
