"""Submit a page's form as a browser would: every field with the value the page shows."""

from html.parser import HTMLParser


class _Fields(HTMLParser):
    """The fields of the first POST form of a page: inputs (checked boxes only), selected
    options (the first one when none is), textareas."""

    def __init__(self):
        super().__init__()
        self.data: dict[str, str] = {}
        self._form = False
        self._select = None
        self._first_option = None
        self._textarea = None

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "form" and (attrs.get("method") or "").lower() == "post":
            self._form = True
        if not self._form:
            return
        name = attrs.get("name")
        if tag == "input" and name and attrs.get("type") not in ("submit", "button"):
            if attrs.get("type") in ("checkbox", "radio"):
                if "checked" in attrs:
                    self.data[name] = attrs.get("value", "on")
            else:
                self.data[name] = attrs.get("value") or ""
        elif tag == "select" and name:
            self._select, self._first_option = name, None
        elif tag == "option" and self._select:
            value = attrs.get("value", "")
            if self._first_option is None:
                self._first_option = value
                self.data.setdefault(self._select, value)
            if "selected" in attrs:
                self.data[self._select] = value
        elif tag == "textarea" and name:
            self._textarea = name
            self.data[name] = ""

    def handle_endtag(self, tag):
        if tag == "select":
            self._select = None
        elif tag == "textarea":
            self._textarea = None
        elif tag == "form" and self._form:
            self._form = False

    def handle_data(self, data):
        if self._textarea:
            self.data[self._textarea] += (
                data.lstrip("\n") if not self.data[self._textarea] else data
            )


def form_data(html: str) -> dict[str, str]:
    """The data a browser would post for the first POST form of `html`, unchanged."""
    parser = _Fields()
    parser.feed(html)
    return parser.data
