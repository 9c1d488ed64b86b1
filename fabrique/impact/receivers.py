"""What the impact module does when something it computes from changes elsewhere."""

from django.dispatch import receiver

from fabrique.core.signals import territories_changed

from .models import Indicator
from .services.deployment import penetration_refresh
from .vocabulary import Computation


@receiver(territories_changed)
def refresh_penetrations(sender, **kwargs) -> None:
    """New populations or EPCI members change every target's size: rewrite the series."""
    projects = {
        indicator.project
        for indicator in Indicator.objects.filter(computed=Computation.PENETRATION).select_related(
            "project"
        )
    }
    for project in projects:
        penetration_refresh(project=project)
