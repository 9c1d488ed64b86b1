from django.db.models import QuerySet

from .models import Membership


def memberships_for_user(user) -> QuerySet[Membership]:
    return Membership.objects.filter(user=user).select_related(
        "commune__departement", "epci", "departement", "region"
    )
