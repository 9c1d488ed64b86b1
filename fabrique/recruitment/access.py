"""Who may see and do what in recruitment, one pair per object kind.

- Offers: anyone reads published offers (open or closed, never drafts); the team and the
  members of the offer's project manage it (edit, pipeline).
- Applications: the team sees all of them; a project's members see the applications to their
  project's offers. Applicants have no account: they never see any application, only the
  deletion link of their own (a secret token).
"""

from django.core.exceptions import PermissionDenied
from django.db.models import Q, QuerySet
from django.http import Http404
from django.shortcuts import get_object_or_404

from fabrique.accounts.access import is_active_user, is_incubator_staff
from fabrique.portfolio.models import Project

from .models import Application, JobOffer, Review
from .vocabulary import OfferStatus

PUBLIC_STATUSES = (OfferStatus.PUBLISHED, OfferStatus.FILLED, OfferStatus.CLOSED)


def _member_projects(user) -> Q:
    return Q(project__team__user=user)


def visible_offers(user) -> QuerySet[JobOffer]:
    """Offers a user may read: published ones, plus every offer they manage."""
    offers = JobOffer.objects.all()
    if is_incubator_staff(user):
        return offers
    if is_active_user(user):
        return offers.filter(Q(status__in=PUBLIC_STATUSES) | _member_projects(user)).distinct()
    return offers.filter(status__in=PUBLIC_STATUSES)


def managed_offers(user) -> QuerySet[JobOffer]:
    if is_incubator_staff(user):
        return JobOffer.objects.all()
    if is_active_user(user):
        return JobOffer.objects.filter(_member_projects(user)).distinct()
    return JobOffer.objects.none()


def can_manage_recruitment(user) -> bool:
    """Create offers and see the statistics: the incubator team."""
    return is_incubator_staff(user)


def can_delete_offer(user, offer: JobOffer) -> bool:
    """Delete an offer (and its applications): the team, who creates offers; a project's
    members edit their offers but do not delete them."""
    return can_manage_recruitment(user)


def hiring_projects(user) -> QuerySet[Project]:
    """The portfolio projects a user may hire for, i.e. attach an offer to: every project for
    the team, the projects a member belongs to for the others."""
    if is_incubator_staff(user):
        return Project.objects.all()
    if is_active_user(user):
        return Project.objects.filter(team__user=user).distinct()
    return Project.objects.none()


def offer_for_user_or_404(user, slug: str, *, need: str = "view") -> JobOffer:
    """The offer if the user may `view` or `manage` it; 404 otherwise (a draft or another
    team's offer does not exist for them)."""
    queryset = visible_offers(user) if need == "view" else managed_offers(user)
    return get_object_or_404(queryset.select_related("project"), slug=slug)


def visible_applications(user) -> QuerySet[Application]:
    if is_incubator_staff(user):
        return Application.objects.all()
    if is_active_user(user):
        return Application.objects.filter(offer__in=managed_offers(user))
    return Application.objects.none()


def application_for_user_or_404(user, pk: int) -> Application:
    return get_object_or_404(visible_applications(user).select_related("offer__project"), pk=pk)


def application_by_token_or_404(token) -> Application:
    """The applicant's own application, reached by the secret link of their acknowledgement."""
    try:
        return Application.objects.select_related("offer").get(deletion_token=token)
    except (Application.DoesNotExist, ValueError, TypeError) as error:
        raise Http404 from error


def visible_reviews(user) -> QuerySet[Review]:
    """The team's reviews of the applications a user may see."""
    return Review.objects.filter(application__in=visible_applications(user))


def review_for_user_or_404(user, pk: int, *, need: str = "view") -> Review:
    """need "edit": only its author corrects or deletes a review."""
    review = get_object_or_404(visible_reviews(user).select_related("application"), pk=pk)
    if need == "edit" and review.reviewer_id != user.pk:
        raise PermissionDenied
    return review
