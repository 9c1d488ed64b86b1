"""Links that other apps add to a portfolio project's page (its job offers…), so that the
portfolio does not import them.

An app registers a provider in its `AppConfig.ready()`:

    from fabrique.core import project_links
    project_links.register(selectors.project_link)

A provider takes the user and the project and returns a `(label, url)` pair, or None when there
is nothing this user may see. One query at most per provider. `core` imports no app: the
registry only holds callables.
"""

from collections.abc import Callable

Provider = Callable[[object, object], tuple[str, str] | None]
_providers: dict[str, Provider] = {}


def register(provider: Provider) -> None:
    _providers.setdefault(f"{provider.__module__}.{provider.__qualname__}", provider)


def links_for(user, project) -> list[tuple[str, str]]:
    return [link for _, provider in sorted(_providers.items()) if (link := provider(user, project))]
