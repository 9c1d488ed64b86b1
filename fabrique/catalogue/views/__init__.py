"""Catalogue pages: thin views that parse, call one selector or service, and render.

One module per family of pages: `solution_pages` (search, a solution and its users, near you,
open data), `funding_pages`, `operator_pages`, `suggestion_pages`, `open_data_files` (the
open-data CSV and JSON files); `common` holds what they share. Every view is importable from
`fabrique.catalogue.views` (as `urls.py` does).
"""

from .common import PAGE_SIZE
from .funding_pages import (
    SCHEME_PAGE_SIZE,
    scheme,
    scheme_create,
    scheme_delete,
    scheme_edit,
    scheme_history,
    schemes,
)
from .open_data_files import export
from .operator_pages import (
    operator,
    operator_create,
    operator_delete,
    operator_edit,
    operator_history,
    operators,
)
from .solution_pages import (
    commune,
    open_data,
    search,
    solution,
    solution_create,
    solution_delete,
    solution_edit,
    solution_history,
    use_add,
    use_remove,
)
from .suggestion_pages import (
    suggestion,
    suggestion_create,
    suggestion_delete,
    suggestion_edit,
    suggestions,
)

__all__ = [
    "PAGE_SIZE", "SCHEME_PAGE_SIZE", "commune", "export", "open_data", "operator",
    "operator_create", "operator_delete", "operator_edit", "operator_history", "operators",
    "scheme",
    "scheme_create", "scheme_delete", "scheme_edit", "scheme_history", "schemes", "search",
    "solution", "solution_create", "solution_delete", "solution_edit", "solution_history",
    "suggestion", "suggestion_create", "suggestion_delete", "suggestion_edit", "suggestions",
    "use_add", "use_remove",
]  # fmt: skip
