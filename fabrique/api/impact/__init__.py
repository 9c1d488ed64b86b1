"""Impact endpoints: a project's indicators (read), and measurements pushed by its scripts.

Pushing needs a **project token** (`Authorization: Token fab_…`), created and revoked by the
team on the project's « Jetons d'API » page or by `manage.py project_token <slug>`. Answers,
always JSON with a French `detail`:

- 401: no token, or a token Fabrique does not know;
- 403: a revoked token, or the token of another project;
- 400: a body that is not valid; `errors` lists every problem by item index and field, and
  nothing is saved while any item is wrong;
- 201 when at least one value was created, 200 otherwise (same values again: idempotent).

One module per concern: `auth` (the project token and its OpenAPI scheme), `indicators` (read),
`measurements` (write). Every view is importable from `fabrique.api.impact` (as `api/urls.py`
does).
"""

from .auth import ProjectTokenAuthentication, ProjectTokenScheme
from .indicators import (
    IndicatorListView,
    IndicatorOutSerializer,
    LatestSerializer,
    ReferenceSerializer,
)
from .measurements import (
    ITEM_FIELDS,
    MAX_ITEMS,
    PUSH_EXAMPLE,
    ErrorSerializer,
    ItemErrorSerializer,
    MeasurementInSerializer,
    MeasurementOutSerializer,
    MeasurementPushView,
    PushResultSerializer,
)

__all__ = [
    "ITEM_FIELDS", "MAX_ITEMS", "PUSH_EXAMPLE", "ErrorSerializer", "IndicatorListView",
    "IndicatorOutSerializer", "ItemErrorSerializer", "LatestSerializer",
    "MeasurementInSerializer", "MeasurementOutSerializer", "MeasurementPushView",
    "ProjectTokenAuthentication", "ProjectTokenScheme", "PushResultSerializer",
    "ReferenceSerializer",
]  # fmt: skip
