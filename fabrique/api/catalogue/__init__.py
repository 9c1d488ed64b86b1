"""Open-data endpoints of the catalogue: solutions (search and facets), the funding a collectivité
can obtain (with the reasons), and the public digital-service operators. Public, read-only.

One module per resource: `solutions`, `funding`, `operators`, `exports`; `common` holds what
they share. Every view is importable from `fabrique.api.catalogue` (as `api/urls.py` does).
"""

from .common import PublicAPIView
from .exports import EXPORT_DESCRIPTION, ExportView, FileNegotiation
from .funding import (
    CollectiviteSerializer,
    FundingMatchView,
    FundingPagination,
    SchemeSerializer,
)
from .operators import OperatorListView, OperatorSerializer
from .solutions import (
    DepartementCountSerializer,
    FacetedPagination,
    SolutionDetailSerializer,
    SolutionDetailView,
    SolutionListView,
    SolutionSerializer,
)

__all__ = [
    "EXPORT_DESCRIPTION", "CollectiviteSerializer", "DepartementCountSerializer", "ExportView",
    "FacetedPagination", "FileNegotiation", "FundingMatchView", "FundingPagination",
    "OperatorListView", "OperatorSerializer",
    "PublicAPIView", "SchemeSerializer", "SolutionDetailSerializer", "SolutionDetailView",
    "SolutionListView", "SolutionSerializer",
]  # fmt: skip
