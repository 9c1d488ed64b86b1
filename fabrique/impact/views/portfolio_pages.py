"""Impact view of the portfolio: one row per project with the status of its indicators."""

from django.core.paginator import Paginator
from django.shortcuts import render
from django.utils import timezone

from fabrique.core.views_helpers import require

from .. import access
from ..filters import ImpactPortfolioFilter
from ..selectors import overview
from ..vocabulary import Status
from .common import PAGE_SIZE


def portfolio(request):
    require(access.can_view_impact_portfolio(request.user))
    status, sort = ImpactPortfolioFilter(request.GET).chosen()
    board = overview.impact_portfolio(request.user, status=status, sort=sort)
    page = Paginator(board.rows, PAGE_SIZE).get_page(request.GET.get("page"))
    overview.complete_page(page.object_list)
    params = request.GET.copy()
    params.pop("page", None)
    return render(
        request,
        "impact/portfolio.html",
        {
            "title": "Impact du portefeuille",
            "board": board,
            "page": page,
            "status": status,
            "sort": sort,
            "query_string": params.urlencode(),
            "statuses": Status.choices,
            "today": timezone.localdate(),
        },
    )
