"""How often the API may be called (DRF throttling, counts kept in the default cache).

- anonymous requests: per network address, scope `anon`;
- signed-in people: per account, scope `user`;
- measurement pushes (`MeasurementPushView`): per project token, scope `push`, generous so a
  project's script keeps its budget of 200 pushes per second (`make bench`); a push without a
  token is counted per address like any anonymous request.

Rates are in `REST_FRAMEWORK["DEFAULT_THROTTLE_RATES"]` (config/settings/base.py), each one
overridable by an environment variable. A refusal is a 429 with a French message and the
`Retry-After` header (fabrique.api.errors).
"""

import math

from rest_framework.throttling import AnonRateThrottle, SimpleRateThrottle, UserRateThrottle

from fabrique.core.ratelimit import client_address
from fabrique.impact.models import ProjectToken


def throttled_message(wait: float | None) -> str:
    if wait is None:
        return "Trop de requêtes : réessayez dans quelques instants."
    seconds = max(1, math.ceil(wait))
    unit = "seconde" if seconds == 1 else "secondes"
    return f"Trop de requêtes : réessayez dans {seconds} {unit}."


class ClientAddress:
    """Requests without an account are counted per network address, read by the site's one
    rule (behind the PaaS router, the client's and not the router's)."""

    def get_ident(self, request):
        return client_address(request)


class AnonymousThrottle(ClientAddress, AnonRateThrottle):
    scope = "anon"


class PushWithoutTokenThrottle(ClientAddress, AnonRateThrottle):
    """On the push endpoint, requests without a project token count as anonymous ones."""

    scope = "anon"

    def get_cache_key(self, request, view):
        if isinstance(request.auth, ProjectToken):
            return None
        return super().get_cache_key(request, view)


class AccountThrottle(ClientAddress, UserRateThrottle):
    scope = "user"


class ProjectTokenThrottle(SimpleRateThrottle):
    scope = "push"

    def get_cache_key(self, request, view):
        if isinstance(request.auth, ProjectToken):
            return self.cache_format % {"scope": self.scope, "ident": request.auth.pk}
        return None
