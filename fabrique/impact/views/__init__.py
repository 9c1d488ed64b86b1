"""Impact pages: thin views that parse, call one selector or service, and render.

One module per family of pages: `indicator_pages`, `import_pages`, `token_pages`,
`deployment_pages`, `stats_pages` (public statistics), `portfolio_pages`; `common` holds what
they share; `charts` draws the SVG time series the pages show (through `impact_tags`). Every
view is importable from `fabrique.impact.views` (as `urls.py` does).
"""

from .common import PAGE_SIZE
from .deployment_pages import deployment, deployment_edit, deployment_remove
from .import_pages import import_preview, import_upload
from .indicator_pages import (
    indicator,
    indicator_create,
    indicator_delete,
    indicator_edit,
    indicators,
    measurement_delete,
    measurement_edit,
    north_star,
    starter_set,
)
from .portfolio_pages import portfolio
from .stats_pages import CSV_HEADER, stats, stats_csv, stats_json
from .token_pages import token_revoke, tokens

__all__ = [
    "CSV_HEADER", "PAGE_SIZE", "deployment", "deployment_edit", "deployment_remove",
    "import_preview", "import_upload", "indicator", "indicator_create", "indicator_delete",
    "indicator_edit", "indicators", "measurement_delete", "measurement_edit", "north_star",
    "portfolio", "starter_set", "stats",
    "stats_csv", "stats_json", "token_revoke", "tokens",
]  # fmt: skip
