"""The blocks of "Mon espace": each app says what a user has to do today.

An app registers a provider in its `AppConfig.ready()`:

    from fabrique.core import espace
    espace.register(selectors.espace_block, order=40)

A provider takes the user and returns a `Block` or None (nothing to show: the block is absent,
not empty). Providers must run a constant number of queries whatever the data size.
`core` imports no app: the registry only holds callables.
"""

from collections.abc import Callable
from dataclasses import dataclass, field


@dataclass(frozen=True)
class Line:
    label: str
    url: str = ""
    count: int | None = None
    detail: str = ""
    # DSFR badge level for the count: "", "info", "warning", "error", "success".
    level: str = ""
    # The label when the count is 1 ("1 Comité en retard", not "1 Comités en retard").
    singular: str = ""

    @property
    def text(self) -> str:
        return self.singular if self.count == 1 and self.singular else self.label


@dataclass(frozen=True)
class Block:
    title: str
    lines: list[Line] = field(default_factory=list)
    # Links under the block (e.g. "Voir toutes mes missions").
    links: list[tuple[str, str]] = field(default_factory=list)
    intro: str = ""


Provider = Callable[[object], Block | None]
_providers: list[tuple[int, str, Provider]] = []


def register(provider: Provider, *, order: int = 50) -> None:
    key = f"{provider.__module__}.{provider.__qualname__}"
    if any(existing == key for _, existing, _ in _providers):
        return
    _providers.append((order, key, provider))
    _providers.sort(key=lambda item: (item[0], item[1]))


def blocks_for(user) -> list[Block]:
    blocks = []
    for _, _, provider in _providers:
        block = provider(user)
        if block is not None and (block.lines or block.links or block.intro):
            blocks.append(block)
    return blocks
