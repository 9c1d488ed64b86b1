"""What the models of the support offer share: the user they point to, the money fields."""

from django.conf import settings

MONEY = {"max_digits": 12, "decimal_places": 2}
USER = settings.AUTH_USER_MODEL
