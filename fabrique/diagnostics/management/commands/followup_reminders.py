from django.core.management.base import BaseCommand

from fabrique.diagnostics.tasks import send_followup_reminders


class Command(BaseCommand):
    help = (
        "Demande l'envoi des rappels de suivi à 3 et 6 mois des missions livrées (jamais deux "
        "fois à la même personne : à lancer chaque jour)."
    )

    def handle(self, *args, **options):
        result = send_followup_reminders.enqueue()
        self.stdout.write(f"Rappels de suivi demandés ({result.status}).")
