"""The page django-axes shows to a blocked login (AXES_LOCKOUT_CALLABLE): in French, with the
time really left before the block ends by itself, not the whole cool-off period."""

import math

from django.conf import settings
from django.shortcuts import render
from django.utils import timezone

from fabrique.core.ratelimit import client_address

from ..selectors import lockout_until


def lockout_response(request, original_response=None, credentials=None):
    credentials = credentials or {}
    username = credentials.get(settings.AXES_USERNAME_FORM_FIELD) or request.POST.get(
        settings.AXES_USERNAME_FORM_FIELD, ""
    )
    address = getattr(request, "axes_ip_address", None) or client_address(request)
    now = timezone.now()
    until = lockout_until(username=username, ip_address=address, now=now)
    if until is None:  # blocked by a rule the log no longer shows: the whole period
        until = now + settings.AXES_COOLOFF_TIME
    minutes = max(1, math.ceil((until - now).total_seconds() / 60))
    context = {
        "failure_limit": settings.AXES_FAILURE_LIMIT,
        "minutes_left": minutes,
        "until": timezone.localtime(until),
    }
    return render(
        request, "accounts/lockout.html", context, status=settings.AXES_HTTP_RESPONSE_CODE
    )
