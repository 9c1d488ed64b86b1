"""« Mon espace » blocks of the catalogue: the funding that matches an agent's collectivités,
and the suggestions the team has to moderate."""

from django.urls import reverse

from fabrique.accounts.access import is_incubator_staff
from fabrique.accounts.models import Role
from fabrique.accounts.selectors import memberships_for_user
from fabrique.core.espace import Block, Line

from ..models import SolutionSuggestion
from ..vocabulary import SuggestionStatus
from .collectivites import collectivite_from

MAX_COLLECTIVITES = 5


def agent_block(user) -> Block | None:
    """An agent: each of their collectivités (at most 5), its eligibility, its funding and the
    solutions near it (one query: the memberships with their territories)."""
    if not (user and user.is_authenticated) or user.role != Role.AGENT:
        return None
    lines = []
    for membership in memberships_for_user(user)[:MAX_COLLECTIVITES]:
        territory = membership.collectivite
        collectivite = collectivite_from(territory)
        kind = "commune" if collectivite.kind == "commune" else "epci"
        eligible = getattr(territory, "is_eligible", False)
        lines.append(
            Line(
                f"{territory} — les financements qu'elle peut obtenir",
                f"{reverse('catalogue:schemes')}?{kind}={collectivite.code}",
                detail="éligible à l'accompagnement sur-mesure"
                if eligible
                else "hors critères de l'accompagnement sur-mesure",
                level="success" if eligible else "",
            )
        )
        # Each link says what its page holds: a commune's shows the solutions used near it,
        # an EPCI's its member communes and OPSN.
        holds = (
            "fiche et solutions utilisées près de chez vous"
            if kind == "commune"
            else "fiche, communes membres et OPSN"
        )
        lines.append(Line(f"{territory} — {holds}", territory.get_absolute_url()))
    if not lines:
        return None
    return Block("Mes collectivités", lines)


def moderation_block(user) -> Block | None:
    if not is_incubator_staff(user):
        return None
    pending = SolutionSuggestion.objects.filter(status=SuggestionStatus.PENDING).count()
    if not pending:
        return None
    return Block(
        "Catalogue",
        [
            Line(
                "Suggestions de solutions à modérer",
                reverse("catalogue:suggestions"),
                pending,
                level="warning",
                singular="Suggestion de solution à modérer",
            )
        ],
    )
