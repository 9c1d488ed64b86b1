"""The home page as rendered: its search bar is one DSFR search bar, as on the search pages."""

from html.parser import HTMLParser

import pytest

pytestmark = pytest.mark.django_db

VOID = {"input", "br", "img", "meta", "link", "hr", "source", "col", "wbr"}


class _SearchBars(HTMLParser):
    """Depth of nesting of `.fr-search-bar` elements, and the search landmarks met."""

    def __init__(self):
        super().__init__()
        self.stack: list[bool] = []
        self.nested = 0
        self.landmarks = 0

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if attrs.get("role") == "search":
            self.landmarks += 1
        if tag in VOID:
            return
        is_bar = "fr-search-bar" in (attrs.get("class") or "").split()
        if is_bar and any(self.stack):
            self.nested += 1
        self.stack.append(is_bar)

    def handle_endtag(self, tag):
        if tag not in VOID and self.stack:
            self.stack.pop()


@pytest.mark.parametrize("url", ["/", "/territoires/", "/catalogue/"])
def test_search_bar_is_not_nested_in_another(client, url):
    """A search bar inside another one is a flex item as wide as its content: on the home page
    the field shrank to a quarter of the line and cut its placeholder (« Nom de commune, d'EF »)."""
    parser = _SearchBars()
    parser.feed(client.get(url).content.decode())
    assert parser.nested == 0
    assert parser.landmarks == 2  # the header's search, the page's own
