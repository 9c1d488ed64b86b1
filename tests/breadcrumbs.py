"""Read the DSFR breadcrumb (« fil d'Ariane ») of a rendered page, as base.html draws it."""

import html
import re

NAV = re.compile(r'<nav role="navigation"\s+class="fr-breadcrumb".*?</nav>', re.S)
LINK = re.compile(
    r'<a class="fr-breadcrumb__link"\s+(href="([^"]*)"|aria-current="page")>(.*?)</a>'
)


def breadcrumb(response) -> list[tuple[str | None, str]]:
    """The (url, title) pairs of the page's breadcrumb, home first; the current page (last) has no
    url. Fails if the page has none."""
    assert response.status_code == 200, response.status_code
    found = NAV.search(response.content.decode())
    assert found, "la page n'a pas de fil d'Ariane"
    return [
        (html.unescape(url) if url else None, html.unescape(title).strip())
        for _, url, title in LINK.findall(found.group(0))
    ]


def trail(client, url) -> list[tuple[str | None, str]]:
    """The breadcrumb of the page at `url`, without its first link (the site's home page)."""
    return breadcrumb(client.get(url))[1:]
