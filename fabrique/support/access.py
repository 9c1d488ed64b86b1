"""Who may see and change what in the support offer: per object kind, a queryset of what a
user may see and one function that loads and checks."""

from django.core.exceptions import PermissionDenied
from django.db.models import Q, QuerySet
from django.http import Http404
from django.utils import timezone

from fabrique.accounts.access import is_active_user, is_incubator_staff
from fabrique.accounts.models import Role
from fabrique.portfolio.access import (
    can_view_support_history,
)
from fabrique.portfolio.models import Project

from .models import (
    ExpertModule,
    FollowUp,
    FollowUpNote,
    KnowledgeAttachment,
    KnowledgePage,
    ModuleDeliverable,
    Registration,
    Session,
    Supplier,
    SupportFormat,
    SupportRequest,
)
from .vocabulary import RegistrationStatus

REQUESTER_ROLES = (Role.AGENT, Role.SERVICE_OWNER)


def _is_coach(user) -> bool:
    return is_active_user(user) and user.role == Role.COACH


def _get(queryset: QuerySet, pk):
    try:
        return queryset.get(pk=pk)
    except (queryset.model.DoesNotExist, ValueError, TypeError):
        raise Http404 from None


# --- Formats -----------------------------------------------------------------------------------


def visible_formats(user) -> QuerySet[SupportFormat]:
    if is_incubator_staff(user):
        return SupportFormat.objects.all()
    return SupportFormat.objects.filter(is_public=True)


def can_manage_offer(user) -> bool:
    """Formats, sessions, suppliers, modules, triage: the incubator team."""
    return is_incubator_staff(user)


def supplier_for_user_or_404(user, pk) -> Supplier:
    """Suppliers are the team's: 403 for anyone else, 404 when unknown."""
    if not can_manage_offer(user):
        raise PermissionDenied
    return _get(Supplier.objects.all(), pk)


def format_for_user_or_404(user, pk, need="view") -> SupportFormat:
    item = _get(visible_formats(user), pk)
    if need == "edit" and not can_manage_offer(user):
        raise PermissionDenied
    return item


# --- Sessions ----------------------------------------------------------------------------------


def visible_sessions(user) -> QuerySet[Session]:
    """Team: all; trainer: theirs too; everyone: public sessions; registrants: theirs."""
    if is_incubator_staff(user):
        return Session.objects.all()
    public = Q(is_public=True, format__is_public=True)
    if not is_active_user(user):
        return Session.objects.filter(public, start__gte=timezone.now())
    # A subquery rather than a join: no duplicate rows, hence no DISTINCT over 10,000 sessions.
    mine = Registration.objects.filter(user=user).values("session_id")
    return Session.objects.filter(public | Q(trainer=user) | Q(pk__in=mine))


def video_link_session_ids(user, sessions) -> set[int]:
    """Among `sessions`, those whose visio link `user` is given: the people registered (not
    those waiting), the trainer and the team; never a visitor, who would join a full session
    without registering. One query whatever the number of sessions (a list, a feed)."""
    sessions = list(sessions)
    if not is_active_user(user) or not sessions:
        return set()
    if can_manage_offer(user):
        return {session.pk for session in sessions}
    registered = set(
        Registration.objects.filter(
            user=user,
            status=RegistrationStatus.REGISTERED,
            session_id__in=[session.pk for session in sessions],
        ).values_list("session_id", flat=True)
    )
    return {
        session.pk
        for session in sessions
        if session.trainer_id == user.pk or session.pk in registered
    }


def can_see_video_link(user, session: Session) -> bool:
    """The visio link of one session (page, .ics, e-mails): see `video_link_session_ids`."""
    return session.pk is not None and session.pk in video_link_session_ids(user, [session])


def can_register(user) -> bool:
    """Project members and agents register themselves; the team registers anyone."""
    return is_active_user(user) and (is_incubator_staff(user) or user.role in REQUESTER_ROLES)


def registration_projects(user) -> QuerySet[Project]:
    """The projects a person registers for when they register themselves: the ones they are a
    member of (a session attended then shows in that project's support history)."""
    if not is_active_user(user):
        return Project.objects.none()
    return Project.objects.filter(team__user=user).distinct().order_by("name")


def registration_project(user, chosen: str = "") -> Project | None:
    """The project of a registration someone makes for themselves: the one `chosen` among
    `registration_projects`, or their only project; None for no project in particular (an
    agent, or a member of several projects who chose none). 404 for a project not theirs."""
    projects = list(registration_projects(user).only("pk", "name"))
    if chosen:
        project = next((item for item in projects if str(item.pk) == str(chosen)), None)
        if project is None:
            raise Http404
        return project
    return projects[0] if len(projects) == 1 else None


def session_for_user_or_404(user, pk, need="view") -> Session:
    """need: "view", "register", "attendance" (team or the trainer), "edit" (team)."""
    session = _get(visible_sessions(user).select_related("format", "trainer"), pk)
    if need == "register" and not can_register(user):
        raise PermissionDenied
    if need == "attendance" and not (
        is_incubator_staff(user) or (is_active_user(user) and session.trainer_id == user.pk)
    ):
        raise PermissionDenied
    if need == "edit" and not can_manage_offer(user):
        raise PermissionDenied
    return session


# --- Registrations -----------------------------------------------------------------------------


def visible_registrations(user) -> QuerySet[Registration]:
    if is_incubator_staff(user):
        return Registration.objects.all()
    if not is_active_user(user):
        return Registration.objects.none()
    return Registration.objects.filter(Q(user=user) | Q(session__trainer=user))


def registration_for_user_or_404(user, pk, need="view") -> Registration:
    """need: "view", "own" (cancel, answer the satisfaction form: the registrant or the team)."""
    item = _get(visible_registrations(user).select_related("session__format", "user"), pk)
    if need == "own" and not (is_incubator_staff(user) or item.user_id == user.pk):
        raise PermissionDenied
    return item


# --- Follow-ups --------------------------------------------------------------------------------


def _my_projects(user):
    return Project.objects.filter(team__user=user)


def visible_follow_ups(user) -> QuerySet[FollowUp]:
    if is_incubator_staff(user):
        return FollowUp.objects.all()
    if not is_active_user(user):
        return FollowUp.objects.none()
    return FollowUp.objects.filter(Q(coach=user) | Q(project__in=_my_projects(user))).distinct()


def follow_up_for_user_or_404(user, pk, need="view") -> FollowUp:
    """need: "view", "edit" (add notes: the coach or the team)."""
    item = _get(visible_follow_ups(user).select_related("project", "coach"), pk)
    if need == "edit" and not (is_incubator_staff(user) or item.coach_id == user.pk):
        raise PermissionDenied
    return item


def can_start_follow_up(user) -> bool:
    return is_incubator_staff(user) or _is_coach(user)


def can_view_project_support(user, project: Project) -> bool:
    """A project's support history: the rule is the portfolio's (`can_view_support_history`),
    which the project page follows to show its link."""
    return can_view_support_history(user, project)


def project_for_user_or_404(user, slug) -> Project:
    """The project of a support history page: 404 when unknown, 403 unless
    `can_view_project_support`."""
    try:
        project = Project.objects.get(slug=slug)
    except Project.DoesNotExist:
        raise Http404 from None
    if not can_view_project_support(user, project):
        raise PermissionDenied
    return project


# --- Expert modules ----------------------------------------------------------------------------


def visible_modules(user) -> QuerySet[ExpertModule]:
    if is_incubator_staff(user):
        return ExpertModule.objects.all()
    if not is_active_user(user):
        return ExpertModule.objects.none()
    return ExpertModule.objects.filter(
        Q(follower=user) | Q(project__in=_my_projects(user))
    ).distinct()


def module_for_user_or_404(user, pk, need="view") -> ExpertModule:
    """need: "view", "deliver" (upload deliverables: team or follower), "edit" (team)."""
    item = _get(visible_modules(user).select_related("project", "supplier", "follower"), pk)
    if need == "deliver" and not (is_incubator_staff(user) or item.follower_id == user.pk):
        raise PermissionDenied
    if need == "edit" and not is_incubator_staff(user):
        raise PermissionDenied
    return item


# --- Requests ----------------------------------------------------------------------------------


def can_request_support(user) -> bool:
    return is_active_user(user) and (is_incubator_staff(user) or user.role in REQUESTER_ROLES)


def visible_requests(user) -> QuerySet[SupportRequest]:
    if is_incubator_staff(user):
        return SupportRequest.objects.all()
    if not is_active_user(user):
        return SupportRequest.objects.none()
    return SupportRequest.objects.filter(requester=user)


def request_for_user_or_404(user, pk, need="view") -> SupportRequest:
    """need: "view" (requester or team), "triage" (team)."""
    item = _get(visible_requests(user).select_related("requester", "project"), pk)
    if need == "triage" and not is_incubator_staff(user):
        raise PermissionDenied
    return item


# --- Knowledge base ----------------------------------------------------------------------------


def visible_pages(user) -> QuerySet[KnowledgePage]:
    """Public pages for everyone; internal pages for the team and coaches."""
    if is_incubator_staff(user) or _is_coach(user):
        return KnowledgePage.objects.all()
    return KnowledgePage.objects.filter(is_public=True)


def can_write_pages(user) -> bool:
    return is_incubator_staff(user) or _is_coach(user)


def attachment_for_user_or_404(user, pk: int, need="view") -> KnowledgeAttachment:
    """An attachment of a knowledge page, with the same rights as its page (`need="edit"`:
    the people who write pages)."""
    try:
        attachment = KnowledgeAttachment.objects.select_related("page").get(pk=pk)
    except KnowledgeAttachment.DoesNotExist:
        raise Http404 from None
    page_for_user_or_404(user, attachment.page.slug, need=need)
    return attachment


def page_for_user_or_404(user, slug, need="view") -> KnowledgePage:
    try:
        page = visible_pages(user).get(slug=slug)
    except KnowledgePage.DoesNotExist:
        raise Http404 from None
    if need == "edit" and not can_write_pages(user):
        raise PermissionDenied
    return page


def can_view_coach_board(user) -> bool:
    return is_incubator_staff(user) or _is_coach(user)


# --- Corrections: notes, deliverables, one's own request -------------------------------------


def note_for_user_or_404(user, pk, need="view") -> FollowUpNote:
    """A note of a follow-up the user may see; need "edit": the follow-up's coach or the team."""
    note = _get(FollowUpNote.objects.select_related("follow_up"), pk)
    follow_up_for_user_or_404(user, note.follow_up_id, need=need)
    return note


def module_deliverable_for_user_or_404(user, pk, need="view") -> ModuleDeliverable:
    """A deliverable of a module the user may see; need "deliver": the team or the follower."""
    item = _get(ModuleDeliverable.objects.select_related("module"), pk)
    item.module = module_for_user_or_404(user, item.module_id, need=need)
    return item


def own_request_for_user_or_404(user, pk) -> SupportRequest:
    """A request its requester corrects or withdraws (the team answers, it does not edit)."""
    item = request_for_user_or_404(user, pk)
    if item.requester_id != user.pk:
        raise PermissionDenied
    return item
