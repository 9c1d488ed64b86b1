"""Public pages: the job board, an offer and its application form, the feeds."""

import json
from datetime import datetime, time

from django.contrib import messages
from django.contrib.auth.decorators import login_not_required
from django.contrib.syndication.views import Feed
from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.core.paginator import Paginator
from django.http import Http404, HttpResponse, JsonResponse
from django.shortcuts import redirect, render
from django.urls import reverse, reverse_lazy
from django.utils import timezone
from django.utils.feedgenerator import Atom1Feed
from django.views.decorators.http import require_http_methods

from fabrique.core.forms import add_service_errors, ask_files_again
from fabrique.core.ratelimit import client_address
from fabrique.core.views_helpers import breadcrumb

from .. import selectors, services
from ..access import application_by_token_or_404, managed_offers, offer_for_user_or_404
from ..exports import front_matter, to_markdown
from ..forms import ApplicationForm
from ..rules import is_open, not_accepting_reason
from ..vocabulary import INCUBATOR_TEAM, Contract, OfferStatus, Remote

PAGE_SIZE = 20
# schema.org employment types for our contracts.
EMPLOYMENT_TYPES = {
    Contract.EMPLOYEE: "FULL_TIME",
    Contract.FREELANCE: "CONTRACTOR",
    Contract.INTERNSHIP: "INTERN",
    Contract.APPRENTICESHIP: "INTERN",
    Contract.SECONDMENT: "TEMPORARY",
}
CRUMB = ("Recrutement", reverse_lazy("recruitment:board"))


@login_not_required
def board(request):
    filterset, offers = selectors.board(request.user, request.GET)
    page = Paginator(offers, PAGE_SIZE).get_page(request.GET.get("page"))
    today = timezone.localdate()
    for offer in page:  # the same word as on the offer's page
        offer.shown_status = selectors.offer_status_label(offer, today)
    query = request.GET.copy()
    query.pop("page", None)
    return render(
        request,
        "recruitment/board.html",
        {
            "title": "Recrutement",
            "filter": filterset,
            "page": page,
            "query_string": query.urlencode(),
            "teams": selectors.team_names(),
            "can_manage": managed_offers(request.user).exists(),
            "manage_label": selectors.manage_link_label(request.user),
        },
    )


def job_posting(request, offer, *, accepting: bool) -> str:
    """schema.org JobPosting of an offer, as JSON safe inside a <script> element; "" for an
    offer that takes no application (closed, filled, not open yet): an aggregator must not
    list it, and Google asks to remove the JobPosting of a posting that has expired, whatever
    its validThrough says (an offer closed by hand before its closing date)."""
    if not accepting:
        return ""
    closing = selectors.offer_closing(offer)
    data = {
        "@context": "https://schema.org/",
        "@type": "JobPosting",
        "title": offer.title,
        "description": offer.body_html or offer.title,
        "identifier": {"@type": "PropertyValue", "name": "Fabrique", "value": offer.slug},
        "datePosted": (offer.opens_on or timezone.localdate(offer.created_at)).isoformat(),
        "hiringOrganization": {
            "@type": "Organization",
            "name": offer.team_name or "Incubateur de services numériques",
        },
        "directApply": True,
        "url": request.build_absolute_uri(offer.get_absolute_url()),
    }
    if closing:
        # The end of the closing day in France: +02:00 in summer time, +01:00 in winter.
        end = timezone.make_aware(datetime.combine(closing, time(23, 59, 59)))
        data["validThrough"] = end.isoformat()
    if offer.contract in EMPLOYMENT_TYPES:
        data["employmentType"] = EMPLOYMENT_TYPES[offer.contract]
    if offer.remote == Remote.FULL:
        data["jobLocationType"] = "TELECOMMUTE"
        data["applicantLocationRequirements"] = {"@type": "Country", "name": "France"}
    else:
        # Only what the offer says: a city when it gives one, never a guessed one.
        address = {"@type": "PostalAddress", "addressCountry": "FR"}
        if offer.place:
            address["addressLocality"] = offer.place
        data["jobLocation"] = {"@type": "Place", "address": address}
    text = json.dumps(data, ensure_ascii=False)
    return text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")


@login_not_required
@require_http_methods(["GET", "POST"])
def offer(request, slug):
    offer = offer_for_user_or_404(request.user, slug)
    today = timezone.localdate()
    accepting = is_open(offer.status, offer.opens_on, offer.closes_on, today)
    form = ApplicationForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and accepting and form.is_valid():
        data = form.cleaned_data
        if form.is_robot(data):
            # A robot filled the hidden field: answer as if all went well, keep nothing.
            messages.success(request, "Votre candidature a bien été envoyée.")
            return redirect(offer.get_absolute_url())
        try:
            services.application_submit(
                offer=offer,
                name=data["name"],
                email=data["email"],
                message=data["message"],
                links=data["links"],
                cv=data["cv"],
                consent=data["consent"],
                address=client_address(request),
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(
                request,
                "Votre candidature a bien été envoyée. Un accusé de réception part à votre "
                "adresse électronique, avec un lien pour demander la suppression de vos données.",
            )
            return redirect(offer.get_absolute_url())
    if request.method == "POST" and accepting:
        ask_files_again(form)  # refused: the CV must be chosen again
    return render(
        request,
        "recruitment/offer.html",
        {
            "title": offer.title,
            "offer": offer,
            "form": form,
            "field_errors": any(name != NON_FIELD_ERRORS for name in form.errors),
            "accepting": accepting,
            "not_accepting": not_accepting_reason(
                offer.status, offer.opens_on, offer.closes_on, today
            ),
            # A draft, or an offer opening later, is not « published » yet.
            "published": bool(
                offer.opens_on and offer.opens_on <= today and offer.status != OfferStatus.DRAFT
            ),
            "status_label": selectors.offer_status_label(offer, today),
            "closing": selectors.offer_closing(offer),
            "jsonld": job_posting(request, offer, accepting=accepting),
            "can_manage": managed_offers(request.user).filter(pk=offer.pk).exists(),
            "breadcrumb_data": breadcrumb(CRUMB, current=offer.title),
        },
    )


@login_not_required
def offer_markdown(request, slug):
    offer = offer_for_user_or_404(request.user, slug)
    response = HttpResponse(to_markdown(offer), content_type="text/markdown; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{offer.slug}.md"'
    return response


def _offer_json(request, offer) -> dict:
    closing = selectors.offer_closing(offer)
    return {
        "slug": offer.slug,
        "title": offer.title,
        "team": offer.team_name,
        "contract": offer.contract or None,
        "junior": offer.junior,
        "remote": offer.remote or None,
        "place": offer.place,
        "opens_on": offer.opens_on.isoformat() if offer.opens_on else None,
        "closes_on": closing.isoformat() if closing else None,
        "url": request.build_absolute_uri(offer.get_absolute_url()),
    }


@login_not_required
def offer_json_list(request):
    offers = selectors.open_offers().only(*selectors.BOARD_FIELDS)
    return JsonResponse(
        {"offres": [_offer_json(request, offer) for offer in offers]},
        json_dumps_params={"ensure_ascii": False},
    )


class OfferFeed(Feed):
    feed_type = Atom1Feed
    title = "Offres d'emploi de l'incubateur"
    subtitle = "Les offres ouvertes de l'incubateur et des services qu'il accompagne."
    link = reverse_lazy("recruitment:board")
    # An Atom feed names its author (RFC 4287, 4.1.1), or else each of its entries does.
    author_name = INCUBATOR_TEAM

    def items(self):
        return selectors.open_offers()[:100]

    def item_title(self, item):
        return item.title

    def item_description(self, item):
        return item.body_html

    def item_link(self, item):
        return item.get_absolute_url()

    def item_pubdate(self, item):
        # The day the offer opened, not the day it was imported into Fabrique.
        if item.opens_on:
            return timezone.make_aware(datetime.combine(item.opens_on, time()))
        return item.created_at

    def item_updateddate(self, item):
        return item.updated_at

    def item_categories(self, item):
        return [label for label in (item.get_contract_display(), item.team_name) if label]


offer_feed = login_not_required(OfferFeed())


@login_not_required
@require_http_methods(["GET", "POST"])
def forget(request, token):
    """The applicant's deletion link: confirm, then the application and its CV are deleted."""
    try:
        application = application_by_token_or_404(token)
    except Http404:
        # Followed again after the deletion (or 24 months after the offer closed): say the data
        # is gone rather than a bare « Page introuvable », without telling whether it existed.
        return render(
            request,
            "recruitment/forget_gone.html",
            {"title": "Candidature introuvable"},
            status=404,
        )
    if request.method == "POST":
        services.application_delete(application=application)
        messages.success(request, "Votre candidature et vos données ont été supprimées.")
        return redirect(reverse("recruitment:board"))
    return render(
        request,
        "recruitment/forget.html",
        {"title": "Supprimer ma candidature", "application": application},
    )


__all__ = ["board", "forget", "front_matter", "offer", "offer_feed", "offer_json_list"]
