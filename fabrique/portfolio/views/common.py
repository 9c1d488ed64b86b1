"""What the portfolio pages share: the page size of the lists and their query string."""

PAGE_SIZE = 50


def without_page(request) -> str:
    """The query string of a list page without its page number nor export format: what the
    sort headers, pagination and export links add theirs to."""
    params = request.GET.copy()
    params.pop("page", None)
    params.pop("export", None)
    return params.urlencode()
