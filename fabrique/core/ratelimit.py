"""Rate limits of the forms that store data or send e-mail (job applications, account
requests, problems, session registrations): a few submissions per hour from one e-mail
address, one account or one network, counted on the rows already saved.

The network address is never stored: `source_hash` keeps a keyed hash, enough to count.
"""

import hashlib
import hmac
from dataclasses import dataclass
from datetime import datetime, timedelta

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db.models import QuerySet

WINDOW = timedelta(hours=1)


def client_address(request) -> str:
    """The network address a request came from ("" when unknown): the one rule shared by the
    form limits, the API throttling and the login lockout (django-axes).

    Behind the PaaS router (or any reverse proxy), every request reaches the application from
    the proxy's address; `TRUSTED_PROXY_COUNT` (environment `FABRIQUE_PROXY_COUNT`) says how
    many proxies stand in front, each appending the address it was reached from to
    `X-Forwarded-For`: the client is the address the first trusted proxy wrote, counted from
    the right, so a client cannot choose it by sending the header itself. With no proxy
    (the default, `make run`), the header is ignored."""
    proxies = settings.TRUSTED_PROXY_COUNT
    forwarded = request.META.get("HTTP_X_FORWARDED_FOR", "")
    if proxies and forwarded:
        addresses = [address.strip() for address in forwarded.split(",")]
        return addresses[-min(proxies, len(addresses))]
    return request.META.get("REMOTE_ADDR", "")


def source_hash(address: str) -> str:
    """A keyed hash of a network address: enough to count, never the address itself."""
    key = settings.SECRET_KEY.encode()
    return hmac.new(key, (address or "").encode(), hashlib.sha256).hexdigest()


@dataclass(frozen=True)
class Limit:
    """At most `maximum` rows matching `lookup` in the window, else `message` (French)."""

    lookup: dict
    maximum: int
    message: str


def check_rate(
    rows: QuerySet, *, since_field: str, now: datetime, limits: list[Limit], window=WINDOW
) -> None:
    """Raise a ValidationError with the first limit reached among `rows` saved since
    `now - window` (`since_field` is their creation date). A limit whose lookup holds an empty
    value (no address known) is not checked."""
    recent = rows.filter(**{f"{since_field}__gte": now - window})
    for limit in limits:
        if any(value in (None, "") for value in limit.lookup.values()):
            continue
        if recent.filter(**limit.lookup).count() >= limit.maximum:
            raise ValidationError(limit.message)
