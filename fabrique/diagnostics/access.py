"""Who sees which mission: the team everything, a consultant the missions assigned to them, an
agent the missions of their collectivités; service teams and the public nothing (open data
only). One queryset and one load-and-check function per object kind."""

from django.core.exceptions import PermissionDenied
from django.db.models import Q, QuerySet
from django.http import Http404
from django.shortcuts import get_object_or_404

from fabrique.accounts.access import (
    can_act_for_collectivite,
    is_active_user,
    is_incubator_staff,
)
from fabrique.accounts.models import Membership, Role

from .models import (
    Candidate,
    Comment,
    Deliverable,
    EligibilityRule,
    Interview,
    Lead,
    Mission,
    Need,
    Person,
    TimeEntry,
    Tool,
    Training,
)


def visible_missions(user) -> QuerySet[Mission]:
    missions = Mission.objects.all()
    if is_incubator_staff(user):
        return missions
    if not is_active_user(user):
        return missions.none()
    if user.role == Role.COACH:
        return missions.filter(consultant=user)
    if user.role == Role.AGENT:
        links = Membership.objects.filter(user=user)
        communes = links.filter(commune__isnull=False).values("commune_id")
        epcis = links.filter(epci__isnull=False).values("epci_id")
        # An agent of an EPCI also follows the missions of its communes.
        return missions.filter(
            Q(commune_id__in=communes) | Q(epci_id__in=epcis) | Q(commune__epci_id__in=epcis)
        )
    return missions.none()


def mission_for_user_or_404(user, pk: int, *, need: str = "view") -> Mission:
    """`view` (read, download final deliverables), `request` (the team and the agents of the
    collectivité: correct or withdraw the request), `work` (the consultant and the team: days,
    needs, deliverables) or `manage` (the team: accept, decline, approve extra days)."""
    mission = get_object_or_404(
        visible_missions(user).select_related(
            "commune__departement__region", "commune__epci", "epci", "consultant", "grid"
        ),
        pk=pk,
    )
    if need == "manage" and not is_incubator_staff(user):
        raise PermissionDenied
    if need == "request" and not (is_incubator_staff(user) or user.role == Role.AGENT):
        raise PermissionDenied
    if need == "work" and not (is_incubator_staff(user) or mission.consultant_id == user.pk):
        raise PermissionDenied
    return mission


def can_request_for(user, collectivite) -> bool:
    """An agent for their collectivités, the team for any."""
    return can_act_for_collectivite(user, collectivite)


def can_request(user) -> bool:
    """Who may open the request form: the team, and agents (for their own collectivités)."""
    return is_incubator_staff(user) or (is_active_user(user) and user.role == Role.AGENT)


def can_see_queue(user) -> bool:
    return is_incubator_staff(user)


def can_see_followups(user) -> bool:
    """« Suivis à faire »: the team (every mission) and the consultants (their own)."""
    return is_incubator_staff(user) or (is_active_user(user) and user.role == Role.COACH)


def deliverable_for_user_or_404(user, pk: int) -> Deliverable:
    """Team and consultant: every version; agent: final versions only."""
    deliverable = get_object_or_404(
        Deliverable.objects.select_related("mission").filter(mission__in=visible_missions(user)),
        pk=pk,
    )
    if not deliverable.is_final and not (
        is_incubator_staff(user) or deliverable.mission.consultant_id == user.pk
    ):
        raise Http404
    return deliverable


# --- Découverte (diaga) ---
def _mission_item_or_404(model, user, pk: int, need: str):
    """A record of a mission (person, interview, tool, training), checked as its mission."""
    item = model.objects.filter(pk=pk).first()
    mission = mission_for_user_or_404(user, item.mission_id if item else 0, need=need)
    item.mission = mission
    return item


def person_for_user_or_404(user, pk: int, *, need: str = "work"):
    return _mission_item_or_404(Person, user, pk, need)


def interview_for_user_or_404(user, pk: int, *, need: str = "work"):
    return _mission_item_or_404(Interview, user, pk, need)


def tool_for_user_or_404(user, pk: int, *, need: str = "work"):
    return _mission_item_or_404(Tool, user, pk, need)


def training_for_user_or_404(user, pk: int, *, need: str = "work"):
    return _mission_item_or_404(Training, user, pk, need)


def can_answer_questionnaire(user, mission: Mission) -> bool:
    """The agent of the collectivité (and whoever works on the mission) answers it."""
    if is_incubator_staff(user) or mission.consultant_id == user.pk:
        return True
    return user.role == Role.AGENT and visible_missions(user).filter(pk=mission.pk).exists()


def can_edit_questionnaire(user) -> bool:
    return is_incubator_staff(user)


def can_manage_thresholds(user) -> bool:
    """The team dates and changes the eligibility thresholds."""
    return is_incubator_staff(user)


def eligibility_rule_for_user_or_404(user, pk: int) -> EligibilityRule:
    if not can_manage_thresholds(user):
        raise PermissionDenied
    return get_object_or_404(EligibilityRule, pk=pk)


def need_for_user_or_404(user, pk: int, *, need: str = "work") -> Need:
    """A need, checked as its mission (its mission attached, loaded with the check)."""
    item = Need.objects.filter(pk=pk).first()
    item_mission = mission_for_user_or_404(user, item.mission_id if item else 0, need=need)
    item.mission = item_mission
    return item


def candidate_for_user_or_404(user, pk: int, *, need: str = "work") -> Candidate:
    """A candidate solution of the benchmark, checked as its mission."""
    item = Candidate.objects.select_related("need", "solution").filter(pk=pk).first()
    mission = mission_for_user_or_404(user, item.need.mission_id if item else 0, need=need)
    item.need.mission = mission
    return item


def lead_for_user_or_404(user, pk: int, *, need: str = "work") -> Lead:
    """A funding or partner decision, checked as its mission."""
    item = Lead.objects.select_related("candidate__need").filter(pk=pk).first()
    mission_id = item.candidate.need.mission_id if item else 0
    item.candidate.need.mission = mission_for_user_or_404(user, mission_id, need=need)
    return item


def time_entry_for_user_or_404(user, pk: int, *, need: str = "work") -> TimeEntry:
    """A time entry, checked as its mission (its mission attached, loaded with the check)."""
    item = TimeEntry.objects.select_related("person").filter(pk=pk).first()
    item_mission = mission_for_user_or_404(user, item.mission_id if item else 0, need=need)
    item.mission = item_mission
    return item


def can_comment(user, mission: Mission) -> bool:
    """Whoever may read the mission comments it: the collectivité's agents, the consultant, the
    team (the mission was loaded through `mission_for_user_or_404`)."""
    return is_active_user(user)


def comment_for_user_or_404(user, pk: int) -> Comment:
    """A comment, to edit or delete: its mission must be visible, and the comment the user's
    own (the team may moderate any)."""
    item = Comment.objects.filter(pk=pk).first()
    mission = mission_for_user_or_404(user, item.mission_id if item else 0)
    if not (is_incubator_staff(user) or item.author_id == user.pk):
        raise PermissionDenied
    item.mission = mission
    return item
